package dev.rumbl.otp;

/**
 * What a {@link GenServer} handler returns, as OTP's tuples: {@code reply(value, state)} answers
 * the call now, {@code noreply(state)} goes on without answering (a call is then answered later
 * through its {@link From}), {@code stop(reason, state)} and {@code stop(reason, reply, state)} end
 * the server (terminate runs) after answering, if there is an answer. A reply or noreply may carry
 * a timeout, as OTP's {@code {reply, Value, State, Timeout}}: when no message comes in within
 * {@code timeoutMs}, the server's handleInfo gets {@link GenServer#TIMEOUT}.
 */
public sealed interface Outcome<S> {

  /** No timeout: OTP's {@code infinity}. */
  long INFINITY = -1;

  S state();

  record Reply<S>(Object value, S state, long timeoutMs) implements Outcome<S> {
  }

  record NoReply<S>(S state, long timeoutMs) implements Outcome<S> {
  }

  /** Ends the server; {@code replies} tells whether {@code reply} answers the current call. */
  record Stop<S>(ExitReason reason, boolean replies, Object reply, S state) implements Outcome<S> {
  }
}
