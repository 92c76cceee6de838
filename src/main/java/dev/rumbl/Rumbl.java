package dev.rumbl;

import dev.rumbl.config.AppConfig;
import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import io.vertx.core.Closeable;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The application: a verticle whose start starts the supervision tree of {@link RumblTree} from
 * its deployment config (checked by {@link AppConfig#fromJson} on a worker thread, since the check
 * reads the filesystem) and whose stop stops it in order,
 * each child within its shutdown time, completing when the root has exited. Closing Vert.x stops
 * the tree first, before Vert.x undeploys anything. If the root supervisor exits on its own (it
 * gave up after too many restarts), the reason is logged and handed to {@code onRootExit}.
 */
public final class Rumbl extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(Rumbl.class);

  private final Consumer<ExitReason> onRootExit;
  private final Closeable closeHook = this::stopBeforeClose;
  private volatile Pid root;
  private Future<Void> stopped;

  public Rumbl(Consumer<ExitReason> onRootExit) {
    this.onRootExit = onRootExit;
  }

  @Override
  public Future<?> start() {
    Node node = Node.of(vertx);
    return vertx.executeBlocking(() -> AppConfig.fromJson(config()), false)
      .compose(config -> Supervisor.start(node, RumblTree.spec(config), RumblTree.ROOT)).onSuccess(pid -> {
      root = pid;
      node.addCloseHook(closeHook);
      node.watch(pid).onSuccess(this::rootExited);
      log.info("Rumbl started: supervision tree {} {}", RumblTree.ROOT, pid);
    });
  }

  @Override
  public Future<?> stop() {
    return stopTree();
  }

  private synchronized Future<Void> stopTree() {
    if (stopped == null) {
      Node.of(vertx).removeCloseHook(closeHook);
      stopped = shutdownRoot();
    }
    return stopped;
  }

  private synchronized boolean isStopping() {
    return stopped != null;
  }

  private Future<Void> shutdownRoot() {
    Node node = Node.of(vertx);
    if (!node.isAlive(root)) {
      log.info("Rumbl stopped: supervision tree {} had already exited", RumblTree.ROOT);
      return Future.succeededFuture();
    }
    log.info("Rumbl stopping: supervision tree {} shuts down in reverse start order", RumblTree.ROOT);
    return node.stop(root, ExitReason.shutdown())
      .recover(error -> ExitReason.of(error) instanceof ExitReason.Noproc
        ? Future.succeededFuture()
        : Future.failedFuture(error))
      .onSuccess(stopped -> log.info("Rumbl stopped: supervision tree {} has exited", RumblTree.ROOT));
  }

  private void stopBeforeClose(Completable<Void> done) {
    stopTree().onComplete((ok, error) -> done.complete(null, error));
  }

  private void rootExited(Down down) {
    if (!isStopping()) {
      log.error("Rumbl's root supervisor {} exited on its own with {}: the application gives up", RumblTree.ROOT, down.reason());
      onRootExit.accept(down.reason());
    }
  }
}
