package dev.rumbl.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
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
