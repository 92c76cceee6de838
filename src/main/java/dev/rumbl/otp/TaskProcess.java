package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The process behind a {@link Task}: runs its function once, right after it starts, hands the
 * value to the task's result and exits normally; if the function throws or its Future fails, the
 * process crashes with that error.
 */
final class TaskProcess<T> extends Process {

  private static final Logger log = LoggerFactory.getLogger(TaskProcess.class);

  private final Supplier<Future<T>> work;
  private final Promise<T> result;

  TaskProcess(Supplier<Future<T>> work, Promise<T> result) {
    this.work = work;
    this.result = result;
    quiet();
  }

  @Override
  protected Future<?> onStart() {
    context.runOnContext(ignored -> work.get().onComplete(this::finish));
    return Future.succeededFuture();
  }

  private void finish(T value, Throwable error) {
    if (error != null) {
      exit(ExitReason.crash(error));
    } else {
      result.tryComplete(value);
      exit(ExitReason.normal());
    }
  }

  @Override
  protected void onMessage(Object body) {
    log.warn("{} is a task and ignores the message {}", this, body);
  }

  @Override
  protected Future<?> onExit(ExitReason reason) {
    return Future.succeededFuture();
  }

  /** A task that exits without a value (crashed, killed, stopped) fails its result with the reason, before anyone hears of the exit. */
  @Override
  void onGone(ExitReason reason) {
    result.tryFail(new ExitException(reason));
  }
}
