package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/** One asynchronous step after another (the step's count given to it) until told to stop; fails with the first failure. */
final class Repeat {

  private Repeat() {
  }

  static Future<Void> untilStopped(AtomicBoolean running, IntFunction<Future<?>> step) {
    Promise<Void> done = Promise.promise();
    next(running, step, 0, done);
    return done.future();
  }

  private static void next(AtomicBoolean running, IntFunction<Future<?>> step, int n, Promise<Void> done) {
    if (!running.get()) {
      done.tryComplete();
      return;
    }
    step.apply(n).onComplete(result -> {
      if (result.failed()) {
        done.tryFail(result.cause());
      } else {
        next(running, step, n + 1, done);
      }
    });
  }
}
