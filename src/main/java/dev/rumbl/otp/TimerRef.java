package dev.rumbl.otp;

/** Identifies a message scheduled by {@link Node#sendAfter}; pass it to {@link Node#cancelTimer} to cancel. */
public record TimerRef(long id) {
}
