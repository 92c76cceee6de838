package dev.rumbl;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole application deployed in a test's Vert.x on a free port of 127.0.0.1, with a web client
 * pointed at it, keeping its data in a fresh directory under target/test-data unless the overrides name one.
 */
record TestApp(Vertx vertx, String deploymentId, int port, WebClient client) {

  private static final Path DATA_ROOT = Path.of("target", "test-data");

  static Future<TestApp> start(Vertx vertx, JsonObject overrides, Consumer<ExitReason> onRootExit) {
    JsonObject given = new JsonObject()
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("dataDir", freshDataDir())
      .mergeIn(overrides, true);
    JsonObject config = ConfigLoader.load(given, Map.of());
    return vertx.deployVerticle(new Rumbl(onRootExit), new DeploymentOptions().setConfig(config))
      .compose(id -> HttpEndpoint.port(Node.of(vertx)).map(port -> new TestApp(vertx, id, port,
        WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)))));
  }

  static Future<TestApp> start(Vertx vertx, JsonObject overrides) {
    return start(vertx, overrides, reason -> { });
  }

  private static String freshDataDir() {
    try {
      return Files.createTempDirectory(Files.createDirectories(DATA_ROOT), "data-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Node node() {
    return Node.of(vertx);
  }

  Future<Void> stop() {
    client.close();
    return vertx.undeploy(deploymentId);
  }
}
