package dev.rumbl.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Places the driving side of a benchmark relative to the process or deployment it drives, whatever Vert.x's
 * round-robin placement did, so that Rumbl and the raw baseline always pay the same thread hops.
 */
final class Loops {

  /** Where the driver runs relative to the process or deployment it drives. */
  enum Placement {
    /** On another event loop: every message crosses threads and may have to wake the receiver up. */
    OTHER_LOOP("other loop"),
    /** On the same event loop: no thread hop, so the figure is the per-message cost alone. */
    SAME_LOOP("same loop");

    final String label;

    Placement(String label) {
      this.label = label;
    }
  }

  private Loops() {
  }

  /** The context of a raw verticle's deployment. */
  static Context of(Vertx vertx, String deploymentId) {
    return ((VertxInternal) vertx).deploymentManager().deployment(deploymentId).deployment().contexts().iterator().next();
  }

  /** The context of a live process. */
  static Context of(Vertx vertx, Pid pid) {
    return Node.of(vertx).contextOf(pid);
  }

  /** A new event-loop context on a different event loop than the given server's. */
  static ContextInternal otherThan(Vertx vertx, Context server) {
    return driver(vertx, server, Placement.OTHER_LOOP);
  }

  /** A new event-loop context placed relative to the given server's event loop. */
  static ContextInternal driver(Vertx vertx, Context server, Placement placement) {
    VertxInternal internal = (VertxInternal) vertx;
    EventLoop serverLoop = ((ContextInternal) server).nettyEventLoop();
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      if ((executor == serverLoop) == (placement == Placement.SAME_LOOP)) {
        return internal.contextBuilder().withEventLoop((EventLoop) executor).build();
      }
    }
    throw new IllegalStateException("benchmarks need at least two event loops");
  }

  /** A new event-loop context on each of the instance's event loops, in their order. */
  static List<ContextInternal> onEveryLoop(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    List<ContextInternal> contexts = new ArrayList<>();
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      contexts.add(internal.contextBuilder().withEventLoop((EventLoop) executor).build());
    }
    return contexts;
  }

  /**
   * Collects garbage before a timed round, outside its clock, so that a young collection left over
   * from the round before (or from the other side) does not land inside this one: with a round of a
   * tenth of a second, one pause of that length halves its figure.
   */
  static void settle() {
    System.gc();
  }

  /** Runs the action on the context and waits, off the event loops, for the Future it returns. */
  static <T> T await(Context context, Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> action.get().onComplete(result));
    return result.future().await();
  }
}
