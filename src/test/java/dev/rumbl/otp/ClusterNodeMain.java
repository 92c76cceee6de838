package dev.rumbl.otp;

import dev.rumbl.testing.ClusterNodes;
import io.vertx.core.Vertx;

/**
 * A cluster node in a JVM of its own, for tests that kill a node with SIGKILL: it joins the
 * cluster named by its first argument, on ports from its second, starts an IncCounter registered globally as "remote-counter",
 * prints READY and runs until killed.
 */
public final class ClusterNodeMain {

  private ClusterNodeMain() {
  }

  public static void main(String[] args) {
    Vertx vertx = ClusterNodes.start(args[0], Integer.parseInt(args[1]));
    Node node = Node.of(vertx);
    node.spawn(new IncCounter(7).named(Name.global("remote-counter"))).await();
    System.out.println("READY");
    System.out.flush();
  }
}
