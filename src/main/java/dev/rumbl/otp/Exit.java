package dev.rumbl.otp;

/**
 * The message a process that traps exits receives when a linked process exits: OTP's
 * {@code {:EXIT, pid, reason}}. Supervisors trap exits and learn of their children's deaths this way.
 */
public record Exit(Pid pid, ExitReason reason) {
}
