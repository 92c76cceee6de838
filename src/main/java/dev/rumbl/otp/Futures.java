package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

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
      if (isRunningOn(context)) {
        promise.handle(result);
      } else {
        context.runOnContext(ignored -> promise.handle(result));
      }
    });
    return promise.future();
  }

  /** True when the calling thread runs the context (or a duplicate of it). */
  static boolean isRunningOn(Context context) {
    Context current = Vertx.currentContext();
    return current != null
      && ((ContextInternal) current).unwrap() == ((ContextInternal) context).unwrap()
      && ((ContextInternal) current).inThread();
  }
}
