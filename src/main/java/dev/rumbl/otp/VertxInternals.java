package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Closeable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextBuilderImpl;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.context.storage.AccessMode;

import java.util.ArrayList;
import java.util.List;

/**
 * Every call the toolkit makes into Vert.x's internal API, but for {@link Vessel}, which implements
 * Vert.x's internal deployment interfaces: a Vert.x upgrade that changes that API is fixed here
 * (docs/DESIGN.md, "Vert.x internals", says what each call is for). Stateless; each method is one direct call
 * or cast, so that the paths that use it (a call's timer and answer) cost nothing more.
 */
final class VertxInternals {

  private VertxInternals() {
  }

  /** Vert.x's event loops, in a fixed order. */
  static List<EventLoop> eventLoops(Vertx vertx) {
    List<EventLoop> loops = new ArrayList<>();
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loop -> loops.add((EventLoop) loop));
    return loops;
  }

  /** The next event loop in turn, as Vert.x places deployments. */
  static EventLoop nextLoop(Vertx vertx) {
    return ((VertxInternal) vertx).nettyEventLoopGroup().next();
  }

  /** The event loop a context runs on. */
  static EventLoop loopOf(Context context) {
    return ((ContextInternal) context).nettyEventLoop();
  }

  /** The event loop of the caller's event-loop context, or null when the caller runs on none. */
  static EventLoop callerLoop() {
    return Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()
      ? context.nettyEventLoop()
      : null;
  }

  /** A new event-loop context on loop that belongs to no deployment. */
  static Context plainContext(Vertx vertx, EventLoop loop) {
    return ((VertxInternal) vertx).contextBuilder().withEventLoop(loop).build();
  }

  /**
   * A new event-loop context on loop that Vert.x takes for the deployment vessel's, with a close
   * future of its own: what is opened on it is closed with it.
   */
  static Context processContext(Vertx vertx, EventLoop loop, Vessel vessel) {
    return ((ContextBuilderImpl) ((VertxInternal) vertx).contextBuilder()).withEventLoop(loop)
      .withDeploymentContext(vessel).withCloseFuture(new CloseFuture()).build();
  }

  /**
   * A new context for process on base, a context shared by such processes (see
   * {@link Process#withSharedContext()}): a duplicate of base, which runs on base's event loop and
   * shares everything of it (its deployment, close future, exception handler) but its locals, one of
   * which names the process.
   */
  static Context sharedProcessContext(Context base, Process process) {
    ContextInternal own = ((ContextInternal) base).duplicate();
    own.putLocal(ProcessLocal.KEY, AccessMode.CONCURRENT, process);
    return own;
  }

  /** True when Vert.x knows the local of shared process contexts ({@link ProcessLocal}, registered before it was built). */
  static boolean knowsProcessLocal(Vertx vertx) {
    return ((VertxInternal) vertx).contextLocals().contains(ProcessLocal.KEY);
  }

  /** The process whose context runs the caller's code, or null: by the deployment of its own context, or the local of a shared one. */
  static Process processOf(Context context) {
    if (context == null) {
      return null;
    }
    ContextInternal internal = (ContextInternal) context;
    if (internal.deployment() instanceof Vessel vessel) {
      return vessel.process();
    }
    return internal.isDuplicate() && knowsProcessLocal(internal.owner()) ? internal.getLocal(ProcessLocal.KEY, AccessMode.CONCURRENT) : null;
  }

  /** The caller's context, or a new one when the caller runs on none. */
  static Context callerContext(Vertx vertx) {
    return ((VertxInternal) vertx).getOrCreateContext();
  }

  /**
   * True when the calling thread runs the context (or a duplicate of it) as the same process: the
   * contexts of processes that share one (see {@link Process#withSharedContext()}) are duplicates of
   * it, and running on one of them is not running on another.
   */
  static boolean isRunningOn(Context context) {
    Context current = Vertx.currentContext();
    return current != null
      && ((ContextInternal) current).unwrap() == ((ContextInternal) context).unwrap()
      && ((ContextInternal) current).inThread()
      && processOf(current) == processOf(context);
  }

  /** True when the calling thread is the context's event-loop thread. */
  static boolean inThread(Context context) {
    return ((ContextInternal) context).inThread();
  }

  /** True when the caller runs on the context itself. */
  static boolean isRunningOnContext(Context context) {
    return ((ContextInternal) context).isRunningOnContext();
  }

  /** Runs the action on the context at once; call it on the context's thread. */
  static void dispatch(Context context, Runnable action) {
    ((ContextInternal) context).dispatch(action);
  }

  /** A promise whose callbacks run on the context. */
  static <T> Promise<T> promise(Context context) {
    return ((ContextInternal) context).promise();
  }

  /** A timer that fires on the context and is cancelled when the context closes. */
  static long setTimer(Context context, long delayMs, Handler<Long> handler) {
    return ((ContextInternal) context).setTimer(delayMs, handler);
  }

  /** Closes the context and what was opened on it. */
  static Future<Void> close(Context context) {
    return ((ContextInternal) context).close();
  }

  /** Runs hook when Vert.x closes, before it closes its event loops. */
  static void addCloseHook(Vertx vertx, Closeable hook) {
    ((VertxInternal) vertx).addCloseHook(hook);
  }

  /** Drops a hook added with {@link #addCloseHook}. */
  static void removeCloseHook(Vertx vertx, Closeable hook) {
    ((VertxInternal) vertx).removeCloseHook(hook);
  }

  /** The cluster manager, or null when Vert.x is not clustered. */
  static ClusterManager clusterManager(Vertx vertx) {
    return ((VertxInternal) vertx).clusterManager();
  }
}
