package dev.rumbl.video;

import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The whole application as a node of a cluster in a JVM of its own, for tests that kill it with
 * SIGKILL: arguments are the cluster's name, its base port, the shared data directory and the HTTP
 * port; it prints {@value #READY} once it serves, and runs until killed.
 */
public final class VideoNodeMain {

  static final String READY = "READY";

  private VideoNodeMain() {
  }

  public static void main(String[] args) {
    Vertx vertx = ClusterNodes.start(args[0], Integer.parseInt(args[1]));
    JsonObject config = TestApp.LOCAL_ONLY.copy().put("dataDir", args[2])
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", Integer.parseInt(args[3])));
    TestApp.start(vertx, config).await();
    System.out.println(READY);
    System.out.flush();
  }
}
