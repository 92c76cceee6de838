package dev.rumbl.otp;

/**
 * Where a message can go: a {@link Pid} or a registered {@link Name}. Every operation that reaches
 * a process (send, call, cast, stop) accepts either.
 */
public sealed interface Dest permits Pid, Name {
}
