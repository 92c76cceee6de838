package dev.rumbl.otp;

/**
 * Where a message can go: a {@link Pid}, a registered {@link Name}, or a local name on a given
 * node ({@link NodeName}). Every operation that reaches a process (send, call, cast, stop) accepts
 * any of them.
 */
public sealed interface Dest permits Pid, Name, NodeName {
}
