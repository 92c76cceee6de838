package dev.rumbl.web;

import dev.rumbl.account.AuthSettings;
import dev.rumbl.infosys.HeldBackend;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.limits.LimitSettings;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.Eventually;
import dev.rumbl.video.ViewerSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The /api/infosys route in front of a real InfoSys whose only backend is the offline local one. */
@ExtendWith(VertxExtension.class)
class InfosysRoutesTest {

  private static WebClient serveWithInfoSys(Vertx vertx) {
    Node node = Node.of(vertx);
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject().put("backends", new JsonArray().add("local")));
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, BackendCatalog.standard()))).await();
    return serve(vertx);
  }

  private static WebClient serve(Vertx vertx) {
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, 65536, null, Name.local("rumbl"), 60,
      new AuthSettings(null, 60, Path.of("unused"), Set.of()), LimitSettings.defaults(), ViewerSettings.DEFAULTS);
    HttpServer server = vertx.createHttpServer().requestHandler(new Api(vertx, Node.of(vertx), settings, "a-secret-of-at-least-32-characters").router()).listen(0, "127.0.0.1").await();
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @Test
  void answersTheQueryWithTheBackendsResults(Vertx vertx) {
    WebClient client = serveWithInfoSys(vertx);

    HttpResponse<Buffer> response = client.get("/api/infosys").addQueryParam("q", "1 + 1").send().await();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("query")).isEqualTo("1 + 1");
    JsonObject best = body.getJsonArray("results").getJsonObject(0);
    assertThat(best.getString("backend")).isEqualTo("local");
    assertThat(best.getString("text")).isEqualTo("2");
    assertThat(best.fieldNames()).containsExactlyInAnyOrder("backend", "score", "text", "url");
  }

  @Test
  void resultsComeHighestScoreFirstAndNoMoreThanTheLimit(Vertx vertx) {
    WebClient client = serveWithInfoSys(vertx);

    JsonArray results = client.get("/api/infosys?q=capital%20of%20France&limit=2&timeout=5000").send().await()
      .bodyAsJsonObject().getJsonArray("results");

    assertThat(results.size()).isBetween(1, 2);
    for (int i = 1; i < results.size(); i++) {
      assertThat(results.getJsonObject(i - 1).getInteger("score")).isGreaterThanOrEqualTo(results.getJsonObject(i).getInteger("score"));
    }
  }

  @Test
  void badQueriesAreRefusedWithA400NamingTheProblem(Vertx vertx) {
    WebClient client = serveWithInfoSys(vertx);
    String longest = "q".repeat(1000);
    Map<String, String> bad = Map.of(
      "", "query",
      "q=", "query",
      "q=%20%20", "query",
      "q=" + longest + "q", "query",
      "q=x&limit=0", "limit",
      "q=x&limit=101", "limit",
      "q=x&limit=ten", "limit",
      "q=x&timeout=0", "timeoutMs",
      "q=x&timeout=60001", "timeoutMs",
      "q=x&timeout=1.5", "timeoutMs");

    bad.forEach((query, problem) -> {
      HttpResponse<Buffer> response = client.get("/api/infosys?" + query).send().await();
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(query).contains(problem);
    });
    assertThat(client.get("/api/infosys?q=" + longest + "&limit=100&timeout=1000").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void pastTheNodesMaximumOfComputesTheRouteAnswers503Overloaded(Vertx vertx) {
    HeldBackend held = new HeldBackend("held");
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("held")).withMaxConcurrentComputes(2);
    Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(
      InfoSys.childSpec(config, BackendCatalog.standard().with("held", held.factory())))).await();
    WebClient client = serve(vertx);
    List<Future<HttpResponse<Buffer>>> admitted = List.of(
      client.get("/api/infosys?q=first").send(), client.get("/api/infosys?q=second").send());
    Eventually.until("both computes reach the backend", 10_000, () -> held.waiting() == 2);

    HttpResponse<Buffer> refused = client.get("/api/infosys?q=third").send().await();

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "overloaded"));
    held.release();
    assertThat(admitted).allSatisfy(response -> assertThat(response.await().statusCode()).isEqualTo(200));
    assertThat(InfoSys.computesInFlight(vertx)).isZero();
  }

  @Test
  void withoutInfoSysTheRouteIsUnavailable(Vertx vertx) {
    HttpResponse<Buffer> response = serve(vertx).get("/api/infosys?q=x").send().await();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("InfoSys is not running on this node");
  }
}
