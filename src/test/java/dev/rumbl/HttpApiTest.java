package dev.rumbl;

import dev.rumbl.counter.Counters;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.web.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the HTTP API, against the whole application started on a free port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {

  private static final String TOKEN = "s3cret-token";

  private Vertx vertx;
  private TestApp app;

  @BeforeAll
  void startApplication() {
    vertx = Vertx.vertx(Metrics.enable(new VertxOptions()));
    app = TestApp.start(vertx, new JsonObject().put("adminToken", TOKEN).mergeIn(store().appOverrides())).await();
  }

  /** The storage the application runs on; {@link PostgresHttpApiTest} runs every route's test on PostgreSQL. */
  StoreKind store() {
    return StoreKind.H2;
  }

  @AfterAll
  void stopApplication() {
    app.stop().await();
    vertx.close().await();
  }

  // ---- health and metrics

  @Test
  void healthIsUpWhileTheRootSupervisorRuns() {
    HttpResponse<Buffer> response = send(app.client().get("/health"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void metricsExposeSupervisorGaugesAndVertxMetricsInPrometheusFormat() {
    send(app.client().get("/api/infosys?q=2%20*%2021&limit=1"));
    HttpResponse<Buffer> response = send(app.client().get("/metrics"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString())
      .contains("rumbl_supervisor_restarts_total{supervisor=\"rumbl\"}")
      .doesNotContain("# TYPE rumbl_supervisor_restarts gauge")
      .contains("rumbl_supervisor_children{supervisor=\"rumbl\"} 13.0")
      .contains("rumbl_supervisor_children{supervisor=\"counters\"}")
      .contains("vertx_http_server_requests_total")
      .contains("rumbl_infosys_backend_outcomes_total{backend=\"local\",outcome=\"answered\"}")
      .contains("rumbl_infosys_compute_seconds");
  }

  @Test
  void infosysAnswersFromTheLocalBackendAndRefusesABadQuery() {
    HttpResponse<Buffer> missing = send(app.client().get("/api/infosys"));
    HttpResponse<Buffer> sum = send(app.client().get("/api/infosys?q=1%20%2B%201&limit=1"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(sum.statusCode()).isEqualTo(200);
    assertThat(sum.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("text")).isEqualTo("2");
  }

  // ---- counters

  @Test
  void createdCounterAnswersItsNamePidAndInitialValue() {
    HttpResponse<Buffer> response = createCounter(new JsonObject().put("name", "created").put("initial", 7));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("name")).isEqualTo("created");
    assertThat(body.getInteger("value")).isEqualTo(7);
    assertThat(body.getString("pid")).isEqualTo(counterPid("created").toString());
  }

  @Test
  void aGlobalCounterOnANodeThatIsNotClusteredIsABadRequest() {
    HttpResponse<Buffer> response = createCounter(new JsonObject().put("name", "everywhere").put("global", true));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("clustered");
    assertThat(send(app.client().get("/api/counters/everywhere")).statusCode()).isEqualTo(404);
  }

  @Test
  void counterWithoutInitialValueStartsAtZero() {
    createCounter(new JsonObject().put("name", "from-zero"));

    assertThat(value("from-zero")).isEqualTo(0);
  }

  @Test
  void incrementsAndDecrementsAreAcceptedAndApplied() {
    createCounter(new JsonObject().put("name", "clicks").put("initial", 10));

    assertThat(send(app.client().post("/api/counters/clicks/inc")).statusCode()).isEqualTo(202);
    send(app.client().post("/api/counters/clicks/inc"));
    HttpResponse<Buffer> dec = send(app.client().post("/api/counters/clicks/dec"));

    assertThat(dec.statusCode()).isEqualTo(202);
    assertThat(dec.getHeader("Content-Type")).isEqualTo("application/json");
    HttpResponse<Buffer> read = send(app.client().get("/api/counters/clicks"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject()).isEqualTo(new JsonObject().put("name", "clicks").put("value", 11));
  }

  @Test
  void theBookCounterStartsAtFiveAndIsReachableLikeAnyOther() {
    assertThat(value("counter")).isEqualTo(5);
    send(app.client().post("/api/counters/counter/inc"));
    assertThat(value("counter")).isEqualTo(6);
    send(app.client().post("/api/counters/counter/dec"));
    assertThat(value("counter")).isEqualTo(5);
  }

  @Test
  void aNameAlreadyHeldIsAConflictNamingTheHolder() {
    HttpResponse<Buffer> first = createCounter(new JsonObject().put("name", "taken"));
    HttpResponse<Buffer> second = createCounter(new JsonObject().put("name", "taken").put("initial", 3));
    HttpResponse<Buffer> book = createCounter(new JsonObject().put("name", "counter"));

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsJsonObject()).isEqualTo(new JsonObject()
      .put("error", "already_started").put("pid", first.bodyAsJsonObject().getString("pid")));
    assertThat(book.statusCode()).isEqualTo(409);
    assertThat(book.bodyAsJsonObject().getString("pid")).isEqualTo(whereis("counter").toString());
    assertThat(value("taken")).isEqualTo(0);
  }

  @Test
  void aCounterNamedAfterASystemProcessIsOnlyACounter() {
    Pid storage = whereis("video.storage");

    HttpResponse<Buffer> created = createCounter(new JsonObject().put("name", "video.storage").put("initial", 2));
    send(app.client().post("/api/counters/video.storage/inc"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("pid")).isNotEqualTo(storage.toString());
    assertThat(value("video.storage")).isEqualTo(3);
    assertThat(whereis("video.storage")).isEqualTo(storage);
  }

  @Test
  void invalidNamesAreRefused() {
    List<JsonObject> bodies = List.of(
      new JsonObject(),
      new JsonObject().put("name", ""),
      new JsonObject().put("name", "with space"),
      new JsonObject().put("name", "slash/ed"),
      new JsonObject().put("name", "x".repeat(65)),
      new JsonObject().put("name", 42),
      new JsonObject().putNull("name"));

    for (JsonObject body : bodies) {
      HttpResponse<Buffer> response = createCounter(body);
      assertThat(response.statusCode()).as(body.encode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(body.encode()).contains("name");
    }
    assertThat(createCounter(new JsonObject().put("name", "x".repeat(64))).statusCode()).isEqualTo(201);
  }

  @Test
  void nonIntegerInitialValuesAreRefused() {
    List<Object> initials = List.of(1.5, "5", 10_000_000_000L, new JsonArray(), true);

    for (Object initial : initials) {
      HttpResponse<Buffer> response = createCounter(new JsonObject().put("name", "typed").put("initial", initial));
      assertThat(response.statusCode()).as(String.valueOf(initial)).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).contains("initial");
    }
    assertThat(send(app.client().get("/api/counters/typed")).statusCode()).isEqualTo(404);
  }

  @Test
  void malformedOrMisshapenBodiesAreBadRequests() {
    for (String raw : List.of("{\"name\": ", "[1, 2]", "\"visits\"", "", "null")) {
      HttpResponse<Buffer> response = send(app.client().post("/api/counters").putHeader("Content-Type", "application/json"), Buffer.buffer(raw));
      assertThat(response.statusCode()).as(raw).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
    }
  }

  @Test
  void unknownCountersAreNoproc() {
    List<HttpRequest<Buffer>> requests = List.of(
      app.client().get("/api/counters/nobody"),
      app.client().post("/api/counters/nobody/inc"),
      app.client().post("/api/counters/nobody/dec"),
      app.client().delete("/api/counters/nobody"),
      app.client().get("/api/counters/" + "y".repeat(65)));

    for (HttpRequest<Buffer> request : requests) {
      HttpResponse<Buffer> response = send(request);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "noproc"));
    }
  }

  @Test
  void aRegisteredProcessThatIsNotACounterIsNotReachedAsOne() {
    Pid http = whereis("http");
    Pid counters = whereis("counters");

    assertThat(send(app.client().get("/api/counters/http")).statusCode()).isEqualTo(404);
    assertThat(send(app.client().post("/api/counters/counters/inc")).statusCode()).isEqualTo(404);
    assertThat(send(app.client().delete("/api/counters/rumbl")).statusCode()).isEqualTo(404);

    assertThat(whereis("http")).isEqualTo(http);
    assertThat(whereis("counters")).isEqualTo(counters);
  }

  @Test
  void deletedCounterFreesItsName() {
    createCounter(new JsonObject().put("name", "temporary").put("initial", 3));
    Pid first = counterPid("temporary");

    HttpResponse<Buffer> deleted = send(app.client().delete("/api/counters/temporary"));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(app.node().isAlive(first)).isFalse();
    assertThat(send(app.client().get("/api/counters/temporary")).statusCode()).isEqualTo(404);
    assertThat(createCounter(new JsonObject().put("name", "temporary").put("initial", 9)).statusCode()).isEqualTo(201);
    assertThat(value("temporary")).isEqualTo(9);
  }

  // ---- supervision tree

  @Test
  void treeShowsTheRootAndItsChildrenInStartOrder() {
    createCounter(new JsonObject().put("name", "in-tree"));

    HttpResponse<Buffer> response = send(app.client().get("/api/supervisors"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject root = response.bodyAsJsonObject();
    assertThat(root.getString("name")).isEqualTo("rumbl");
    assertThat(root.getString("pid")).isEqualTo(whereis("rumbl").toString());
    assertThat(root.getString("strategy")).isEqualTo("one_for_one");
    assertThat(root.getJsonObject("intensity")).isEqualTo(new JsonObject().put("maxRestarts", 3).put("maxSeconds", 5));
    assertThat(root.getInteger("restarts")).isNotNull();
    JsonArray children = root.getJsonArray("children");
    assertThat(children.stream().map(child -> ((JsonObject) child).getString("id"))).containsExactly("video.storage", "infosys", "counters", "counters.host", "counter", "videos.channels", "videos.presence", "videos.viewers", "videos.sockets",
      "observer", "observer.load", "observer.host", "http.listeners");
    JsonObject counters = children.getJsonObject(2);
    assertThat(counters.getString("type")).isEqualTo("supervisor");
    assertThat(counters.getString("restart")).isEqualTo("permanent");
    assertThat(counters.getString("strategy")).isEqualTo("simple_one_for_one");
    assertThat(counters.getJsonArray("children").stream().map(child -> ((JsonObject) child).getString("pid")))
      .contains(counterPid("in-tree").toString());
    JsonObject book = children.getJsonObject(4);
    assertThat(book.getString("type")).isEqualTo("worker");
    assertThat(book.getString("pid")).isEqualTo(whereis("counter").toString());
    assertThat(book.containsKey("children")).isFalse();
  }

  @Test
  void aDynamicSupervisorWithManyChildrenListsTheFirstHundredAndCountsAll() {
    List<Future<HttpResponse<Buffer>>> created = new ArrayList<>();
    for (int i = 0; i < 105; i++) {
      created.add(app.client().post("/api/counters").sendJsonObject(new JsonObject().put("name", "many-" + i)));
    }
    Future.all(created).await();

    JsonObject counters = send(app.client().get("/api/supervisors")).bodyAsJsonObject().getJsonArray("children").getJsonObject(2);

    assertThat(counters.getJsonObject("counts").getInteger("active")).isGreaterThanOrEqualTo(105);
    JsonArray listed = counters.getJsonArray("children");
    assertThat(listed.size()).isEqualTo(100).isEqualTo(counters.getInteger("listed"));
    assertThat(listed.stream().map(child -> ((JsonObject) child).getString("status"))).containsOnly("running");
  }

  // ---- the observer's process info and load

  @Test
  void processInfoOfANameOrPidIsPublicAndOnlyAnAdminSeesTheState() {
    Pid counter = whereis("counter");

    HttpResponse<Buffer> byName = send(app.client().get("/api/processes/counter"));
    HttpResponse<Buffer> byPid = send(app.client().get("/api/processes/" + URLEncoder.encode(counter.toString(), StandardCharsets.UTF_8)));
    HttpResponse<Buffer> asAdmin = send(app.client().get("/api/processes/counter").putHeader("Authorization", "Bearer " + TOKEN));
    HttpResponse<Buffer> wrongToken = send(app.client().get("/api/processes/counter").putHeader("Authorization", "Bearer nope"));

    assertThat(byName.statusCode()).isEqualTo(200);
    JsonObject info = byName.bodyAsJsonObject();
    assertThat(info.getString("pid")).isEqualTo(counter.toString());
    assertThat(info.getString("name")).isEqualTo("counter");
    assertThat(info.getString("status")).isIn("waiting", "running");
    assertThat(info.getLong("messageQueueLen")).isNotNull();
    assertThat(info.getLong("messagesHandled")).isNotNull();
    assertThat(info.getJsonArray("links").getList()).containsExactly(whereis("rumbl").toString());
    assertThat(info.getJsonArray("monitors").getList()).isEmpty();
    assertThat(info.getString("supervisor")).isEqualTo(whereis("rumbl").toString());
    assertThat(info.getString("startedAt")).isNotBlank();
    assertThat(info.containsKey("state")).isFalse();
    assertThat(byPid.bodyAsJsonObject().getString("name")).isEqualTo("counter");
    assertThat(wrongToken.bodyAsJsonObject().containsKey("state")).isFalse();
    assertThat(asAdmin.bodyAsJsonObject().getString("state")).isNotBlank();
  }

  @Test
  void processInfoOfNoProcessIsNotFoundAndOfAHugeNameABadRequest() {
    HttpResponse<Buffer> unknown = send(app.client().get("/api/processes/nobody-here"));
    HttpResponse<Buffer> unknownPid = send(app.client().get("/api/processes/" + URLEncoder.encode("#PID<rumbl.pid.x.1>", StandardCharsets.UTF_8)));
    HttpResponse<Buffer> huge = send(app.client().get("/api/processes/" + "x".repeat(1000)));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "noproc"));
    assertThat(unknownPid.statusCode()).isEqualTo(404);
    assertThat(huge.statusCode()).isEqualTo(400);
  }

  @Test
  void theLoadIsSampledEverySecondAndKeptAndCountsComputes() {
    Eventually.until("a load sample", 10_000,
      () -> !send(app.client().get("/api/observer/load")).bodyAsJsonObject().getJsonArray("samples").isEmpty());

    JsonObject load = send(app.client().get("/api/observer/load")).bodyAsJsonObject();
    assertThat(load.getLong("periodMs")).isEqualTo(1000);
    JsonObject sample = load.getJsonArray("samples").getJsonObject(0);
    assertThat(sample.getInteger("processes")).isGreaterThan(10);
    assertThat(sample.fieldNames()).contains("at", "restartsPerSec", "messagesPerSec", "computesPerSec", "computeP50Ms",
      "computeP99Ms", "heapUsedBytes", "loops");

    send(app.client().get("/api/infosys?q=2%20*%2021&limit=1"));
    Eventually.until("a sample counts the compute", 10_000, () -> send(app.client().get("/api/observer/load")).bodyAsJsonObject()
      .getJsonArray("samples").stream().map(JsonObject.class::cast)
      .anyMatch(one -> one.getDouble("computesPerSec") > 0 && one.getDouble("computeP50Ms") > 0));
  }

  // ---- the operator's exit route

  @Test
  void aCrashedCounterComesBackWithItsInitialValueWhileTheOthersKeepTheirs() {
    createCounter(new JsonObject().put("name", "fragile").put("initial", 10));
    createCounter(new JsonObject().put("name", "sturdy").put("initial", 20));
    send(app.client().post("/api/counters/fragile/inc"));
    send(app.client().post("/api/counters/sturdy/inc"));
    assertThat(value("fragile")).isEqualTo(11);
    assertThat(value("sturdy")).isEqualTo(21);
    Pid fragile = counterPid("fragile");
    Pid sturdy = counterPid("sturdy");

    HttpResponse<Buffer> response = exit(URLEncoder.encode(fragile.toString(), StandardCharsets.UTF_8), "crash", TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    Pid restarted = awaitNewPid("fragile", fragile);
    assertThat(restarted).isNotEqualTo(fragile);
    assertThat(value("fragile")).isEqualTo(10);
    assertThat(counterPid("sturdy")).isEqualTo(sturdy);
    assertThat(value("sturdy")).isEqualTo(21);
  }

  @Test
  void aKilledProcessNamedByItsPidIsRestarted() {
    createCounter(new JsonObject().put("name", "by-pid").put("initial", 1));
    Pid pid = counterPid("by-pid");

    HttpResponse<Buffer> response = exit(URLEncoder.encode(pid.toString(), StandardCharsets.UTF_8), "kill", TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.bodyAsJsonObject().getString("pid")).isEqualTo(pid.toString());
    assertThat(awaitNewPid("by-pid", pid)).isNotEqualTo(pid);
    assertThat(value("by-pid")).isEqualTo(1);
  }

  @Test
  void aNormalExitSignalIsIgnoredByAProcessThatDoesNotTrapExits() {
    createCounter(new JsonObject().put("name", "steady").put("initial", 4));
    Pid pid = counterPid("steady");

    assertThat(exit(URLEncoder.encode(pid.toString(), StandardCharsets.UTF_8), "normal", TOKEN).statusCode()).isEqualTo(202);

    assertThat(value("steady")).isEqualTo(4);
    assertThat(counterPid("steady")).isEqualTo(pid);
  }

  @Test
  void exitNeedsTheAdminToken() {
    HttpResponse<Buffer> missing = send(app.client().post("/api/processes/counter/exit"), Buffer.buffer("{\"reason\":\"kill\"}"));
    HttpResponse<Buffer> wrong = exit("counter", "kill", "not-the-token");
    HttpResponse<Buffer> basic = send(app.client().post("/api/processes/counter/exit").putHeader("Authorization", "Basic " + TOKEN),
      Buffer.buffer("{\"reason\":\"kill\"}"));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.bodyAsJsonObject().getString("error")).startsWith("unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.bodyAsJsonObject().getString("error")).startsWith("forbidden");
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(value("counter")).isEqualTo(5);
  }

  @Test
  void exitOfAnUnknownProcessIsNotFoundAndABadReasonABadRequest() {
    HttpResponse<Buffer> unknown = exit("nobody-here", "kill", TOKEN);
    HttpResponse<Buffer> unknownPid = exit(URLEncoder.encode("#PID<rumbl.pid.x.1>", StandardCharsets.UTF_8), "kill", TOKEN);
    HttpResponse<Buffer> badReason = exit("counter", "explode", TOKEN);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "noproc"));
    assertThat(unknownPid.statusCode()).isEqualTo(404);
    assertThat(badReason.statusCode()).isEqualTo(400);
    assertThat(badReason.bodyAsJsonObject().getString("error")).contains("reason");
  }

  // ---- errors

  @Test
  void unknownRouteIsNotFoundAsJson() {
    HttpResponse<Buffer> response = send(app.client().get("/api/nothing-here"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "not_found"));
  }

  @Test
  void wrongMethodIsMethodNotAllowedAsJson() {
    HttpResponse<Buffer> response = send(app.client().put("/health"));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "method_not_allowed"));
  }

  @Test
  void bodyOverSixtyFourKibibytesIsTooLarge() {
    String name = "n".repeat(64 * 1024);
    HttpResponse<Buffer> response = createCounter(new JsonObject().put("name", name));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "payload_too_large"));
  }

  @Test
  void aRequestLineOrHeadersTooLongToDecodeGetAJsonError() {
    // The server closes a connection it could not decode: "Connection: close" keeps the client from reusing it in the next test.
    HttpResponse<Buffer> longLine = send(app.client().get("/api/counters/" + "n".repeat(70_000)).putHeader("Connection", "close"));
    HttpResponse<Buffer> longHeader = send(app.client().get("/health").putHeader("X-Long", "h".repeat(10_000)).putHeader("Connection", "close"));

    assertThat(longLine.statusCode()).isEqualTo(414);
    assertThat(longLine.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(longLine.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "uri_too_long"));
    assertThat(longHeader.statusCode()).isEqualTo(431);
    assertThat(longHeader.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "header_fields_too_large"));
  }

  // ---- helpers

  private HttpResponse<Buffer> createCounter(JsonObject body) {
    return send(app.client().post("/api/counters"), body.toBuffer());
  }

  private int value(String name) {
    HttpResponse<Buffer> response = send(app.client().get("/api/counters/" + name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getInteger("value");
  }

  private HttpResponse<Buffer> exit(String target, String reason, String token) {
    return send(app.client().post("/api/processes/" + target + "/exit").putHeader("Authorization", "Bearer " + token),
      new JsonObject().put("reason", reason).toBuffer());
  }

  private Pid whereis(String name) {
    return app.node().whereis(Name.local(name)).await();
  }

  private Pid counterPid(String name) {
    return app.node().whereis(Counters.name(Name.Scope.LOCAL, name)).await();
  }

  private Pid awaitNewPid(String counter, Pid old) {
    for (int attempt = 0; attempt < 200; attempt++) {
      Pid current = counterPid(counter);
      if (current != null && !current.equals(old)) {
        return current;
      }
      vertx.timer(10, TimeUnit.MILLISECONDS).await();
    }
    throw new AssertionError(counter + " was not restarted");
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.send().await();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
    return request.sendBuffer(body).await();
  }
}
