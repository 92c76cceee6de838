package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The caller of a {@link GenServer} call, for answering it later ({@code GenServer.reply}). A call
 * is answered at most once: later replies are ignored. If the server exits first, the caller's
 * Future fails with the server's exit reason; if no answer comes within the call's timeout, with
 * {@code timeout}, and an answer after that is dropped.
 *
 * <p>The answer goes to the caller by reference, on the caller's context: a call of this node
 * takes no event-bus reply address, reply consumer or reply message. Whether it is answered is a
 * field set atomically through a {@link VarHandle}, not an {@code AtomicBoolean} of its own: a
 * server keeps its last call as its last message, so every idle process that was ever called holds one.
 */
public final class From implements Handler<Long> {

  private final Process server;
  private final Context caller;
  private final Promise<Object> answer;
  private volatile boolean answered;
  private final long timer;

  private static final VarHandle ANSWERED;

  static {
    try {
      ANSWERED = MethodHandles.lookup().findVarHandle(From.class, "answered", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The timer of a call without one; Vert.x's timer ids are never negative. */
  private static final long NO_TIMER = -1;

  /**
   * A call from the caller's context to server, failing with timeout after timeoutMs; with
   * {@link Node#INFINITE_TIMEOUT_MS} or more, a call with no timer, as OTP's {@code infinity}
   * (a supervisor's start of a dynamic child is one, several per InfoSys compute).
   */
  From(Process server, Context caller, long timeoutMs) {
    this.server = server;
    this.caller = caller;
    this.answer = VertxInternals.promise(caller);
    this.timer = timeoutMs >= Node.INFINITE_TIMEOUT_MS ? NO_TIMER : VertxInternals.setTimer(caller, timeoutMs, this);
  }

  /** Answers the call; may be called from any thread. */
  public void reply(Object value) {
    if (ANSWERED.compareAndSet(this, false, true)) {
      server.ties().forgetCall(this);
      settle(value, null);
    }
  }

  /** Fails the call with the server's exit reason; may be called from any thread. */
  void fail(ExitReason reason) {
    if (ANSWERED.compareAndSet(this, false, true)) {
      settle(null, new ExitException(reason));
    }
  }

  /** What the caller gets; completes on its context. */
  <R> Future<R> answer() {
    @SuppressWarnings("unchecked")
    Future<R> typed = (Future<R>) answer.future();
    return typed;
  }

  /** The call's timeout: the caller stops waiting, whatever comes after. */
  @Override
  public void handle(Long fired) {
    answered = true;
    server.ties().forgetCall(this);
    answer.fail(new ExitException(ExitReason.timeout()));
  }

  /** Completes the caller's Future on its context, unless the timeout came first there. */
  private void settle(Object value, Throwable error) {
    if (VertxInternals.isRunningOnContext(caller)) {
      complete(value, error);
    } else {
      caller.runOnContext(ignored -> complete(value, error));
    }
  }

  private void complete(Object value, Throwable error) {
    if (timer == NO_TIMER || caller.owner().cancelTimer(timer)) {
      if (error == null) {
        answer.complete(value);
      } else {
        answer.fail(error);
      }
    }
  }
}
