package dev.rumbl.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.function.Supplier;

/**
 * Places the driving side of a benchmark on an event loop other than the one running the
 * deployment it drives, so that Rumbl and the raw baseline always pay the same cross-thread hop,
 * whatever Vert.x's round-robin placement did.
 */
final class Loops {

  private Loops() {
  }

  /** A new event-loop context on a different event loop than the given deployment's. */
  static ContextInternal otherThan(Vertx vertx, String deploymentId) {
    VertxInternal internal = (VertxInternal) vertx;
    Context server = internal.deploymentManager().deployment(deploymentId).deployment().contexts().iterator().next();
    EventLoop serverLoop = ((ContextInternal) server).nettyEventLoop();
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      if (executor != serverLoop) {
        return internal.contextBuilder().withEventLoop((EventLoop) executor).build();
      }
    }
    throw new IllegalStateException("benchmarks need at least two event loops");
  }

  /** Runs the action on the context and waits, off the event loops, for the Future it returns. */
  static <T> T await(Context context, Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> action.get().onComplete(result));
    return result.future().await();
  }
}
