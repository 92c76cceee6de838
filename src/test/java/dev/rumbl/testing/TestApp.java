package dev.rumbl.testing;

import dev.rumbl.Rumbl;
import dev.rumbl.config.ConfigLoader;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
 * Every test app signs tokens with {@link #SECRET} (so that the nodes of a test cluster accept each
 * other's) and lets a client sign up and in {@value #SIGN_INS_PER_MINUTE} times a minute (tests
 * sign many users up from one address), unless the overrides say otherwise; the other limits are
 * the shipped defaults. {@link #token} signs a user up and in.
 */
public record TestApp(Vertx vertx, String deploymentId, int port, WebClient client) {

  /** Overrides that leave InfoSys only its offline local backend; copy before changing. */
  public static final JsonObject LOCAL_ONLY = new JsonObject().put("infosys", new JsonObject().put("backends", new JsonArray().add("local")));

  private static final Path DATA_ROOT = Path.of("target", "test-data");
  public static final String SECRET = "test-secret-of-at-least-32-characters";
  static final int SIGN_INS_PER_MINUTE = 100_000;

  public static Future<TestApp> start(Vertx vertx, JsonObject overrides, Consumer<ExitReason> onRootExit) {
    JsonObject given = new JsonObject()
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("dataDir", freshDataDir())
      .put("auth", new JsonObject().put("secret", SECRET))
      .put("limits", new JsonObject().put("signUpsPerMinute", SIGN_INS_PER_MINUTE).put("signInsPerMinute", SIGN_INS_PER_MINUTE))
      .mergeIn(overrides, true);
    JsonObject config = ConfigLoader.load(given, Map.of());
    return vertx.deployVerticle(new Rumbl(onRootExit), new DeploymentOptions().setConfig(config))
      .compose(id -> HttpEndpoint.port(Node.of(vertx)).map(port -> new TestApp(vertx, id, port,
        WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)))));
  }

  public static Future<TestApp> start(Vertx vertx, JsonObject overrides) {
    return start(vertx, overrides, reason -> { });
  }

  private static String freshDataDir() {
    try {
      return Files.createTempDirectory(Files.createDirectories(DATA_ROOT), "data-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs username up (unless it is already) and in: its token. */
  public String token(String username) {
    return TestUsers.token(client, username);
  }

  /** Creates a video titled title as username (signed up if needed): its id; fails unless created. */
  public long createVideo(String username, String title) {
    HttpResponse<Buffer> created = client.post("/api/videos").bearerTokenAuthentication(token(username))
      .sendJsonObject(new JsonObject().put("title", title)).await();
    if (created.statusCode() != 201) {
      throw new AssertionError("video not created: " + created.statusCode() + " " + created.bodyAsString());
    }
    return created.bodyAsJsonObject().getLong("id");
  }

  public Node node() {
    return Node.of(vertx);
  }

  public Future<Void> stop() {
    client.close();
    return vertx.undeploy(deploymentId);
  }
}
