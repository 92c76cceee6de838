package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real remote backends, with the real HTTP client, against a local server that misbehaves in
 * every way a remote API can: each compute still returns the healthy local backend's answer by its
 * deadline, and leaves no worker behind.
 */
@ExtendWith(VertxExtension.class)
class RemoteBackendFaultsTest {

  private static final long DEADLINE_MS = 500;
  private static final int HUGE_BYTES = 50 * 1024 * 1024;
  private static final Buffer MEGABYTE = Buffer.buffer(new byte[1024 * 1024]);

  private Vertx vertx;
  private Node node;
  private int port;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    node = Node.of(vertx);
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      HttpServerResponse response = request.response();
      String fault = request.path().split("/")[1];
      switch (fault) {
        case "hang" -> { }
        case "slow" -> vertx.setTimer(3000, t -> response.putHeader("content-type", "application/json").end("{}"));
        case "error" -> response.setStatusCode(500).end("internal error");
        case "broken" -> response.putHeader("content-type", "application/json").end("{\"extract\": \"unfinished");
        case "huge" -> {
          response.setChunked(true).putHeader("content-type", "application/json");
          writeMegabytes(response, HUGE_BYTES / MEGABYTE.length());
        }
        default -> response.setStatusCode(404).end();
      }
    });
    port = server.listen(0, "127.0.0.1").await().actualPort();
  }

  private void writeMegabytes(HttpServerResponse response, int left) {
    if (left == 0) {
      response.end();
      return;
    }
    response.write(MEGABYTE).onComplete(written -> {
      if (written.succeeded()) {
        writeMegabytes(response, left - 1);
      }
    });
  }

  private void startInfoSys(String wikipediaUrl, String wolframUrl) {
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject()
      .put("backends", new JsonArray().add("local").add("wikipedia").add("wolfram"))
      .put("wikipedia", new JsonObject().put("baseUrl", wikipediaUrl).put("timeoutMs", 10_000))
      .put("wolfram", new JsonObject().put("appId", "test").put("baseUrl", wolframUrl).put("timeoutMs", 10_000)));
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, BackendCatalog.standard()))).await();
  }

  private String url(String fault) {
    return "http://127.0.0.1:" + port + "/" + fault + "/";
  }

  private List<Result> computeSum() {
    return InfoSys.compute(node, "1 + 1", ComputeOptions.defaults().withTimeout(DEADLINE_MS)).await();
  }

  private void assertNoWorkerLeft() {
    assertThat(InfoSys.countWorkers(node).await().active()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hang", "slow", "error", "broken", "huge"})
  void aMisbehavingServerCostsOnlyItsOwnAnswer(String fault) {
    startInfoSys(url(fault), url(fault));

    long start = System.nanoTime();
    List<Result> results = computeSum();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(results).extracting(Result::backend, Result::text).containsExactly(org.assertj.core.groups.Tuple.tuple("local", "2"));
    assertThat(elapsedMs).as("answered by the deadline of %d ms, with room for a busy machine", DEADLINE_MS).isLessThan(DEADLINE_MS + 2000);
    assertNoWorkerLeft();
  }

  @Test
  void aServerThatRefusesConnectionsCostsOnlyItsOwnAnswer() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String refusing = "http://127.0.0.1:" + closed + "/";
    startInfoSys(refusing, refusing);

    assertThat(computeSum()).extracting(Result::text).containsExactly("2");
    assertNoWorkerLeft();
  }

  @Test
  void hugeBodiesAreNotHeldAfterTheComputes() {
    startInfoSys(url("huge"), url("huge"));
    computeSum();
    long before = usedHeapAfterGc();

    for (int i = 0; i < 10; i++) {
      assertThat(computeSum()).extracting(Result::text).containsExactly("2");
    }

    assertThat(usedHeapAfterGc() - before).as("heap growth after ten computes against 50 MB bodies").isLessThan(32L * 1024 * 1024);
    assertNoWorkerLeft();
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
