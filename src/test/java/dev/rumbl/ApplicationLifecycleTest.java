package dev.rumbl;

import dev.rumbl.config.ConfigLoader;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.PartitionSupervisor;
import dev.rumbl.otp.Pid;
import dev.rumbl.testing.TestApp;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, stopping and giving up: the application as a whole. */
@ExtendWith(VertxExtension.class)
class ApplicationLifecycleTest {

  /**
   * The tree's processes: seventeen (the videos' presence, viewers and sockets, the observer's load
   * sampler and host among them), InfoSys's partition supervisor with a worker supervisor per event
   * loop, and the HTTP endpoint's supervisor with a listener per event loop.
   */
  private static final int TREE_PROCESSES = 17 + 1 + PartitionSupervisor.DEFAULT_PARTITIONS + 1 + HttpEndpoint.LISTENERS;

  @Test
  void undeployingStopsTheWholeTreeAndLeavesNoProcessRunning(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject()).await();
    Node node = app.node();
    Pid root = node.whereis(RumblTree.ROOT).await();
    assertThat(node.processCount()).isEqualTo(TREE_PROCESSES);

    app.stop().await();

    assertThat(node.processCount()).isZero();
    assertThat(node.isAlive(root)).isFalse();
    assertThat(node.localNameCount().await()).isZero();
    assertThat(vertx.deploymentIDs()).isEmpty();
  }

  @Test
  void closingVertxStopsTheTreeBeforeVertxUndeploysAnything() {
    Vertx vertx = Vertx.vertx();
    TestApp app = TestApp.start(vertx, new JsonObject()).await();
    app.client().post("/api/counters").sendJsonObject(new JsonObject().put("name", "visits")).await();
    Node node = app.node();
    assertThat(node.processCount()).as("the tree and the counter").isEqualTo(TREE_PROCESSES + 1);

    vertx.close().await();

    assertThat(node.processCount()).isZero();
  }

  @Test
  void healthIsDownOnceTheRootSupervisorIsGone(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject()).await();
    Node node = app.node();
    Pid root = node.whereis(RumblTree.ROOT).await();
    Pid http = node.whereis(Name.local("http")).await();

    CompletableFuture<HttpResponse<Buffer>> answer = new CompletableFuture<>();
    node.unregister(RumblTree.ROOT).await();
    app.client().get("/health").send().onComplete((response, error) -> answer.complete(response));

    HttpResponse<Buffer> response = answer.join();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN"));
    assertThat(node.isAlive(root)).isTrue();
    assertThat(node.isAlive(http)).isTrue();
    node.register(RumblTree.ROOT, root).await();
    app.stop().await();
  }

  @Test
  void theApplicationIsToldWhenItsRootSupervisorGivesUp(Vertx vertx) throws Exception {
    CompletableFuture<ExitReason> gaveUp = new CompletableFuture<>();
    TestApp app = TestApp.start(vertx, new JsonObject(), gaveUp::complete).await();
    Node node = app.node();

    for (int restart = 0; restart <= 3; restart++) {
      Pid counter = awaitRegistered(vertx, node, "counter");
      node.exit(counter, ExitReason.kill());
      node.watch(counter).await();
    }

    assertThat(gaveUp.get(5, TimeUnit.SECONDS)).isEqualTo(ExitReason.shutdown());
    assertThat(node.whereis(RumblTree.ROOT).await()).isNull();
    assertThat(node.processCount()).isZero();
    app.client().close();
  }

  @Test
  void aKilledOrCrashedHttpEndpointComesBackOnTheSamePort(Vertx vertx) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    TestApp app = TestApp.start(vertx, new JsonObject().put("adminToken", "t").put("http", new JsonObject().put("port", port))).await();
    Node node = app.node();
    Pid first = node.whereis(Name.local("http")).await();

    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false).setDefaultHost("127.0.0.1").setDefaultPort(port));
    HttpResponse<Buffer> kill = exitHttp(client, "kill");
    Pid second = awaitNewPid(vertx, node, "http", first);
    int secondPort = HttpEndpoint.port(node).await();
    HttpResponse<Buffer> crash = exitHttp(client, "crash");
    Pid third = awaitNewPid(vertx, node, "http", second);

    assertThat(kill.statusCode()).isEqualTo(202);
    assertThat(crash.statusCode()).isEqualTo(202);
    assertThat(third).isNotEqualTo(first);
    assertThat(secondPort).isEqualTo(port);
    assertThat(HttpEndpoint.port(node).await()).isEqualTo(port);
    assertThat(client.get("/health").send().await().statusCode()).isEqualTo(200);
    app.stop().await();
  }

  private static HttpResponse<Buffer> exitHttp(WebClient client, String reason) {
    return client.post("/api/processes/http/exit").putHeader("Authorization", "Bearer t")
      .sendJsonObject(new JsonObject().put("reason", reason)).await();
  }

  @Test
  void withoutAnAdminTokenTheExitRouteRefusesEveryone(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject()).await();

    HttpResponse<Buffer> response = app.client().post("/api/processes/counter/exit")
      .putHeader("Authorization", "Bearer anything")
      .sendJsonObject(new JsonObject().put("reason", "kill")).await();

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("error")).startsWith("forbidden");
    app.stop().await();
  }

  @Test
  void aPortInUseFailsTheStartAndLeavesNothingRunning(Vertx vertx, @TempDir Path dataDir) {
    HttpServer squatter = vertx.createHttpServer().requestHandler(request -> request.response().end()).listen(0, "127.0.0.1").await();
    JsonObject config = ConfigLoader.load(new JsonObject().put("dataDir", dataDir.toString()).put("http", new JsonObject()
      .put("host", "127.0.0.1").put("port", squatter.actualPort())), Map.of());

    assertThatThrownBy(() -> vertx.deployVerticle(new Rumbl(reason -> { }), new DeploymentOptions().setConfig(config)).await())
      .hasMessageContaining("failed_to_start_child http");
    assertThat(Node.of(vertx).processCount()).isZero();
  }

  private static Pid awaitRegistered(Vertx vertx, Node node, String name) {
    return awaitNewPid(vertx, node, name, null);
  }

  private static Pid awaitNewPid(Vertx vertx, Node node, String name, Pid old) {
    for (int attempt = 0; attempt < 200; attempt++) {
      Pid pid = node.whereis(Name.local(name)).await();
      if (pid != null && !pid.equals(old)) {
        return pid;
      }
      vertx.timer(10, TimeUnit.MILLISECONDS).await();
    }
    throw new AssertionError(name + " is not registered");
  }
}
