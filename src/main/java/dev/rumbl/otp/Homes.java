package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node's event loops and its home contexts: one context of the node's own per event loop,
 * belonging to no process and never closed, where the node runs what must outlive the process that
 * asked for it (a process's exit bookkeeping, a detached action); and, apart from them, one context
 * per event loop that processes with a shared context run on ({@link #shared}). Safe from any
 * thread: both are created once per event loop in a concurrent map; the list of event loops is
 * fixed at start.
 */
final class Homes {

  private final Vertx vertx;
  private final List<EventLoop> eventLoops;
  private final Map<EventLoop, Context> homes = new ConcurrentHashMap<>();
  private final Map<EventLoop, Context> shared = new ConcurrentHashMap<>();

  Homes(Vertx vertx) {
    this.vertx = vertx;
    this.eventLoops = VertxInternals.eventLoops(vertx);
  }

  /** The next event loop in turn, as Vert.x places deployments. */
  EventLoop next() {
    return VertxInternals.nextLoop(vertx);
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
    int index = eventLoops.indexOf(VertxInternals.callerLoop());
    return index >= 0 ? index : (int) Math.floorMod(Thread.currentThread().getId(), (long) eventLoops.size());
  }

  /**
   * Runs the action on the node's own context of the event loop of near: a context that belongs to
   * no process and is never closed, so that what the action starts (a cluster-wide registry
   * operation, a message to another node) is not refused by a process context closed meanwhile.
   * On that event loop's thread it runs at once.
   */
  void runAtHome(Context near, Runnable action) {
    runAtHome(VertxInternals.loopOf(near), action);
  }

  private void runAtHome(EventLoop loop, Runnable action) {
    Context home = homes.computeIfAbsent(loop, key -> VertxInternals.plainContext(vertx, key));
    if (VertxInternals.inThread(home)) {
      VertxInternals.dispatch(home, action);
    } else {
      home.runOnContext(ignored -> action.run());
    }
  }

  /**
   * The context that the processes of the event loop started {@link Process#withSharedContext()
   * with a shared context} share, made on first use and never closed: each of them runs on a
   * duplicate of it. An exception that escapes a handler there crashes the process whose context
   * (duplicate) ran it, as it would on a context of its own; one that escapes outside any process
   * is logged.
   */
  Context shared(EventLoop loop) {
    return shared.computeIfAbsent(loop, key -> VertxInternals.plainContext(vertx, key).exceptionHandler(Process::crashCurrent));
  }

  /** See {@link Node#detached(Supplier)}. */
  <T> Future<T> detached(Supplier<Future<T>> action) {
    Context caller = Vertx.currentContext();
    EventLoop near = VertxInternals.callerLoop();
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
