package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node's event loops and its home contexts: one context of the node's own per event loop,
 * belonging to no process and never closed, where the node runs what must outlive the process that
 * asked for it (a process's exit bookkeeping, a detached action). Safe from any thread: the homes
 * are created once per event loop in a concurrent map; the list of event loops is fixed at start.
 */
final class Homes {

  private final VertxInternal vertx;
  private final List<EventLoop> eventLoops = new ArrayList<>();
  private final Map<EventLoop, ContextInternal> homes = new ConcurrentHashMap<>();

  Homes(Vertx vertx) {
    this.vertx = (VertxInternal) vertx;
    this.vertx.nettyEventLoopGroup().forEach(loop -> eventLoops.add((EventLoop) loop));
  }

  /** The next event loop in turn, as Vert.x places deployments. */
  EventLoop next() {
    return vertx.nettyEventLoopGroup().next();
  }

  int count() {
    return eventLoops.size();
  }

  /** The node's event loop at index, counted modulo their number. */
  EventLoop eventLoop(int index) {
    return eventLoops.get(Math.floorMod(index, eventLoops.size()));
  }

  /** See {@link Node#callerLoopIndex()}. */
  int callerLoopIndex() {
    int index = eventLoops.indexOf(callerLoop());
    return index >= 0 ? index : (int) Math.floorMod(Thread.currentThread().getId(), (long) eventLoops.size());
  }

  /** The event loop of the caller's event-loop context, or null when the caller runs on none. */
  private static EventLoop callerLoop() {
    return Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()
      ? context.nettyEventLoop()
      : null;
  }

  /**
   * Runs the action on the node's own context of the event loop of near: a context that belongs to
   * no process and is never closed, so that what the action starts (a cluster-wide registry
   * operation, a message to another node) is not refused by a process context closed meanwhile.
   * On that event loop's thread it runs at once.
   */
  void runAtHome(Context near, Runnable action) {
    runAtHome(((ContextInternal) near).nettyEventLoop(), action);
  }

  private void runAtHome(EventLoop loop, Runnable action) {
    ContextInternal home = homes.computeIfAbsent(loop, key -> vertx.contextBuilder().withEventLoop(key).build());
    if (home.inThread()) {
      home.dispatch(action);
    } else {
      home.runOnContext(ignored -> action.run());
    }
  }

  /** See {@link Node#detached(Supplier)}. */
  <T> Future<T> detached(Supplier<Future<T>> action) {
    Context caller = Vertx.currentContext();
    EventLoop near = callerLoop();
    EventLoop loop = near != null ? near : next();
    Promise<T> outcome = Promise.promise();
    runAtHome(loop, () -> {
      try {
        action.get().onComplete(outcome);
      } catch (RuntimeException error) {
        outcome.fail(error);
      }
    });
    return Futures.on(caller, outcome.future());
  }
}
