package dev.rumbl;

import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestUsers;
import dev.rumbl.video.Storage;
import dev.rumbl.video.StorageSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost: the application runs in a JVM of its own, annotations are POSTed
 * to it concurrently, and the JVM is killed with SIGKILL while requests are still in flight; a new
 * storage on the same database (H2's file in the data directory, or a PostgreSQL database) finds
 * every annotation that was answered 201. Each writer is
 * an account of its own, and the annotation rate limit is lifted: this test is about durability.
 */
@ExtendWith(VertxExtension.class)
class DurabilityTest {

  private static final int IN_FLIGHT = 8;
  private static final int ACKS_BEFORE_KILL = 60;

  @TempDir
  Path workDir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void everyAcknowledgedAnnotationSurvivesKillMinus9(StoreKind kind, Vertx vertx) throws Exception {
    StorageSettings storage = kind.settings(workDir.resolve("data"));
    int port = freePort();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    java.lang.Process first = launch(port, storage);
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    long videoId;
    try {
      awaitHealthy(client);
      List<String> tokens = new ArrayList<>();
      for (int w = 0; w < IN_FLIGHT; w++) {
        tokens.add(TestUsers.token(client, "writer-" + w));
      }
      videoId = client.post("/api/videos").bearerTokenAuthentication(tokens.get(0)).sendJsonObject(new JsonObject().put("title", "Durable"))
        .await().bodyAsJsonObject().getLong("id");
      List<Future<Void>> writers = new ArrayList<>();
      for (int w = 0; w < IN_FLIGHT; w++) {
        writers.add(annotateUntilKilled(client, videoId, tokens.get(w), "writer-" + w, 0, acknowledged));
      }
      while (acknowledged.size() < ACKS_BEFORE_KILL) {
        Thread.sleep(5);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isEqualTo(137);
      Future.join(writers).otherwiseEmpty().await();
    } finally {
      first.destroyForcibly();
    }

    Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(Storage.childSpec(storage, List.of()))).await();
    Map<Long, String> kept = new HashMap<>();
    Storage.store(vertx).annotations(videoId).await().forEach(annotation -> kept.put(annotation.id(), annotation.body()));
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(kept).containsAllEntriesOf(acknowledged);
  }

  private static Future<Void> annotateUntilKilled(WebClient client, long videoId, String token, String writer, int n,
                                                  Map<Long, String> acknowledged) {
    String body = writer + " note " + n;
    return client.post("/api/videos/" + videoId + "/annotations").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("body", body).put("at", n))
      .compose(response -> {
        if (response.statusCode() != 201) {
          return Future.failedFuture("answered " + response.statusCode());
        }
        acknowledged.put(response.bodyAsJsonObject().getLong("id"), body);
        return annotateUntilKilled(client, videoId, token, writer, n + 1, acknowledged);
      });
  }

  private java.lang.Process launch(int port, StorageSettings storage) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classpath, Main.class.getName())
      .directory(workDir.toFile())
      .redirectErrorStream(true)
      .redirectOutput(workDir.resolve("rumbl-" + System.nanoTime() + ".log").toFile());
    builder.environment().put("RUMBL_HTTP_HOST", "127.0.0.1");
    builder.environment().put("RUMBL_HTTP_PORT", Integer.toString(port));
    builder.environment().put("RUMBL_DATA_DIR", workDir.resolve("data").toString());
    builder.environment().put("RUMBL_INFOSYS_BACKENDS", "local");
    builder.environment().put("RUMBL_LIMITS_ANNOTATIONS_PER_SECOND", "1000000");
    builder.environment().put("RUMBL_LIMITS_ANNOTATIONS_BURST", "1000000");
    if (storage.url() != null) {
      builder.environment().put("RUMBL_STORAGE_URL", storage.url());
    }
    return builder.start();
  }

  private static void awaitHealthy(WebClient client) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (client.get("/health").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the application did not become healthy within 30 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
