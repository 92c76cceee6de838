package dev.rumbl.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Starts clustered Vert.x nodes on 127.0.0.1 from the shipped conf/cluster.xml, in a cluster of the
 * test's own name, on ports from a base of the test's own, so that other clusters on the machine
 * (another test run, a running application) neither join nor take the ports it probes.
 */
public final class ClusterNodes {

  /** The member attribute where Vert.x's Hazelcast cluster manager keeps its node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private ClusterNodes() {
  }

  /** A cluster name no other test uses. */
  public static String newName() {
    return "rumbl-test-" + java.util.UUID.randomUUID();
  }

  /** A base port for one test class's cluster, away from Hazelcast's default 5701 and from other runs. */
  public static int randomBasePort() {
    return 20_000 + 100 * java.util.concurrent.ThreadLocalRandom.current().nextInt(200);
  }

  public static Vertx start(String clusterName, int basePort) {
    return Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
      .withClusterManager(new HazelcastClusterManager(config(clusterName, basePort)))
      .buildClustered()
      .await();
  }

  /**
   * Cuts the node of this JVM whose cluster id is nodeId out of its cluster at once, as a crash or
   * a lost network would: its Hazelcast member terminates without leaving in order, while its
   * Vert.x and processes keep running, so the others see the node lost, not its processes
   * stopped. Close its Vert.x afterwards.
   */
  public static void cutOff(String nodeId) {
    HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
      .filter(instance -> nodeId.equals(instance.getCluster().getLocalMember().getAttribute(VERTX_NODE_ID)))
      .findFirst()
      .orElseThrow(() -> new IllegalArgumentException("no cluster member " + nodeId + " in this JVM"));
    member.getLifecycleService().terminate();
  }

  private static Config config(String clusterName, int basePort) {
    try (InputStream xml = new FileInputStream("conf/cluster.xml")) {
      Config config = new XmlConfigBuilder(xml).build().setClusterName(clusterName);
      config.getNetworkConfig().setPort(basePort);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
