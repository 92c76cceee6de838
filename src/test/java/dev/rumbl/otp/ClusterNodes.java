package dev.rumbl.otp;

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

/** Starts clustered Vert.x nodes on 127.0.0.1 from the shipped conf/cluster.xml, in a cluster of the test's own name. */
final class ClusterNodes {

  private ClusterNodes() {
  }

  static Vertx start(String clusterName) {
    return Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
      .withClusterManager(new HazelcastClusterManager(config(clusterName)))
      .buildClustered()
      .await();
  }

  private static Config config(String clusterName) {
    try (InputStream xml = new FileInputStream("conf/cluster.xml")) {
      return new XmlConfigBuilder(xml).build().setClusterName(clusterName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
