package dev.rumbl;

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
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Clustered Vert.x nodes for tests, on 127.0.0.1, configured from the shipped conf/cluster.xml but
 * in a cluster of the test's own name, so that tests running at the same time never meet.
 */
public final class TestCluster {

  private TestCluster() {
  }

  /** A cluster name no other test uses. */
  public static String newName() {
    return "rumbl-test-" + UUID.randomUUID();
  }

  /** Starts a clustered Vert.x that joins (or forms) the named cluster; blocks until it has joined. */
  public static Vertx join(String clusterName) {
    return Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
      .withClusterManager(new HazelcastClusterManager(config(clusterName)))
      .buildClustered()
      .await();
  }

  /** Waits until the condition holds, failing with the description after timeoutMs. */
  public static void eventually(String description, long timeoutMs, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + timeoutMs + " ms: " + description);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + description);
      }
    }
  }

  private static Config config(String clusterName) {
    try (InputStream xml = new FileInputStream("conf/cluster.xml")) {
      return new XmlConfigBuilder(xml).build().setClusterName(clusterName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
