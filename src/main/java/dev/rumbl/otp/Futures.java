package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Future helpers that keep a continuation on the context that asked for it. */
public final class Futures {

  private Futures() {
  }

  /**
   * The same outcome as {@code future}, delivered on {@code context} so that a process's
   * continuations never run on another process's thread. Without a context, the future itself.
   */
  public static <T> Future<T> on(Context context, Future<T> future) {
    if (context == null) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (VertxInternals.isRunningOn(context)) {
        promise.handle(result);
      } else {
        context.runOnContext(ignored -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
