package dev.rumbl.testing;

import dev.rumbl.otp.Node;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Three clustered Vert.x instances in this JVM, each with its toolkit {@link Node}, started on a new
 * cluster and returned once every node sees the three members; {@link #join} adds another instance
 * to the same cluster; {@link #close} stops the three in reverse order.
 */
public record ThreeNodes(String name, int basePort, List<Vertx> instances, Node a, Node b, Node c) {

  public static ThreeNodes start() {
    String cluster = ClusterNodes.newName();
    int basePort = ClusterNodes.randomBasePort();
    List<Vertx> instances = List.of(ClusterNodes.start(cluster, basePort), ClusterNodes.start(cluster, basePort),
      ClusterNodes.start(cluster, basePort));
    ThreeNodes nodes = new ThreeNodes(cluster, basePort, instances, Node.of(instances.get(0)), Node.of(instances.get(1)), Node.of(instances.get(2)));
    Eventually.until("every node sees the three members", 10_000,
      () -> nodes.a.nodes().size() == 3 && nodes.b.nodes().size() == 3 && nodes.c.nodes().size() == 3);
    return nodes;
  }

  /** A new clustered Vert.x instance in the same cluster, for the caller to close. */
  public Vertx join() {
    return ClusterNodes.start(name, basePort);
  }

  public void close() {
    for (int i = instances.size() - 1; i >= 0; i--) {
      instances.get(i).close().await();
    }
  }
}
