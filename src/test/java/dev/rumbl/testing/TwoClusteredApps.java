package dev.rumbl.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Two Rumbl applications on two clustered Vert.x instances of a new cluster in this JVM, both with
 * the same settings; {@link #stop} stops the applications, then the instances, B before A.
 */
public record TwoClusteredApps(Vertx vertxA, Vertx vertxB, TestApp a, TestApp b) {

  public static TwoClusteredApps start(JsonObject settings) {
    String cluster = ClusterNodes.newName();
    int basePort = ClusterNodes.randomBasePort();
    Vertx vertxA = ClusterNodes.start(cluster, basePort);
    Vertx vertxB = ClusterNodes.start(cluster, basePort);
    return new TwoClusteredApps(vertxA, vertxB, TestApp.start(vertxA, settings).await(), TestApp.start(vertxB, settings).await());
  }

  public void stop() {
    b.stop().await();
    a.stop().await();
    vertxB.close().await();
    vertxA.close().await();
  }
}
