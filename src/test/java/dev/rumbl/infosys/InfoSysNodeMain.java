package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Optional;

/**
 * An InfoSys node in a JVM of its own, for tests that kill it with SIGKILL: it joins the cluster
 * named by its argument, runs InfoSys with the {@value #BACKEND} backend only (which prints
 * {@value #QUERIED} when asked and never answers), prints {@value #READY} and runs until killed.
 */
public final class InfoSysNodeMain {

  static final String BACKEND = "far-away";
  static final String READY = "READY";
  static final String QUERIED = "QUERIED";

  private InfoSysNodeMain() {
  }

  public static void main(String[] args) {
    Vertx vertx = ClusterNodes.start(args[0], Integer.parseInt(args[1]));
    Backend silent = new Backend() {
      @Override
      public String name() {
        return BACKEND;
      }

      @Override
      public Future<List<Result>> query(String text, int limit) {
        System.out.println(QUERIED);
        System.out.flush();
        return Promise.<List<Result>>promise().future();
      }
    };
    BackendCatalog catalog = BackendCatalog.standard().with(BACKEND, (v, client, config) -> Future.succeededFuture(Optional.of(silent)));
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of(BACKEND));
    Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(InfoSys.childSpec(config, catalog))).await();
    System.out.println(READY);
    System.out.flush();
  }
}
