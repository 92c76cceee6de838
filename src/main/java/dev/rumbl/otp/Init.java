package dev.rumbl.otp;

import io.vertx.core.Future;

/**
 * What {@link GenServer#init()} returns: {@link #ok} with the first state, {@link #stop} with a
 * reason (the start fails with that reason), or {@link #async} with a Future of the state for a
 * start that must wait for I/O (a failed Future fails the start as a crash).
 */
public final class Init<S> {

  private final Future<S> state;

  private Init(Future<S> state) {
    this.state = state;
  }

  public static <S> Init<S> ok(S state) {
    return new Init<>(Future.succeededFuture(state));
  }

  public static <S> Init<S> stop(ExitReason reason) {
    return new Init<>(Future.failedFuture(new ExitException(reason)));
  }

  public static <S> Init<S> async(Future<S> state) {
    return new Init<>(state);
  }

  Future<S> state() {
    return state;
  }
}
