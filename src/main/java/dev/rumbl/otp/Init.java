package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.Objects;

/**
 * What {@link GenServer#init()} returns: {@link #ok} with the first state, {@link #stop} with a
 * reason (the start fails with that reason), {@link #ignore} (no process and no error, as OTP's
 * {@code ignore}), or {@link #async} with a Future of the state for a
 * start that must wait for I/O (a failed Future fails the start as a crash). Any of them may go on
 * with {@link #thenContinue}, as OTP's {@code {:ok, state, {:continue, arg}}}.
 */
public final class Init<S> {

  private final Future<S> state;
  private final Object continuation;

  private Init(Future<S> state, Object continuation) {
    this.state = state;
    this.continuation = continuation;
  }

  private Init(Future<S> state) {
    this(state, null);
  }

  public static <S> Init<S> ok(S state) {
    return new Init<>(Future.succeededFuture(state));
  }

  public static <S> Init<S> stop(ExitReason reason) {
    return new Init<>(Future.failedFuture(new ExitException(reason)));
  }

  /**
   * No process after all, and no error: the process exits normally and its start completes with no
   * pid (null), as OTP's {@code ignore}; a supervisor keeps an ignored static child listed with no
   * process (a temporary one is forgotten), and a dynamic one is not added.
   */
  public static <S> Init<S> ignore() {
    return new Init<>(Future.failedFuture(Ignored.INSTANCE));
  }

  public static <S> Init<S> async(Future<S> state) {
    return new Init<>(state);
  }

  /**
   * Once the start has succeeded, runs {@link GenServer#handleContinue} with the argument before
   * any message is handled: work that must follow the start (its caller already has the pid) but
   * come before anything sent to the server.
   */
  public Init<S> thenContinue(Object argument) {
    return new Init<>(state, Objects.requireNonNull(argument, "argument"));
  }

  Future<S> state() {
    return state;
  }

  /** The argument of handleContinue, or null. */
  Object continuation() {
    return continuation;
  }
}
