package dev.rumbl.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.IntFunction;

/**
 * Runs {@code total} asynchronous operations with at most {@code window} of them in flight, all
 * started and completed on one context; the result fails with the first failure.
 */
final class Window {

  private final Context context;
  private final int total;
  private final IntFunction<Future<?>> operation;
  private final Promise<Void> done = Promise.promise();
  private int launched;
  private int completed;

  private Window(Context context, int total, IntFunction<Future<?>> operation) {
    this.context = context;
    this.total = total;
    this.operation = operation;
  }

  /** Call on {@code context}. */
  static Future<Void> run(Context context, int total, int window, IntFunction<Future<?>> operation) {
    Window runner = new Window(context, total, operation);
    if (total == 0) {
      return Future.succeededFuture();
    }
    for (int i = 0; i < Math.min(window, total); i++) {
      runner.launch();
    }
    return runner.done.future();
  }

  private void launch() {
    if (launched == total) {
      return;
    }
    int index = launched++;
    operation.apply(index).onComplete(result -> {
      if (result.failed()) {
        done.tryFail(result.cause());
        return;
      }
      completed++;
      if (completed == total) {
        done.tryComplete();
      } else {
        context.runOnContext(next -> launch());
      }
    });
  }
}
