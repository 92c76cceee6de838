package dev.rumbl;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TwoClusteredApps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;


import static org.assertj.core.api.Assertions.assertThat;

/** Global counters through the HTTP API of two application nodes clustered on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterCountersTest {


  private static final JsonObject LOCAL_BACKEND_ONLY = new JsonObject()
    .put("infosys", new JsonObject().put("backends", new JsonArray().add("local")));

  private TwoClusteredApps apps;
  private TestApp a;
  private TestApp b;

  @BeforeAll
  void startTwoNodes() {
    apps = TwoClusteredApps.start(LOCAL_BACKEND_ONLY);
    a = apps.a();
    b = apps.b();
  }

  @AfterAll
  void stopNodes() {
    apps.stop();
  }

  @Test
  void aGlobalCounterCreatedOnOneNodeIsReadAndChangedFromTheOther() {
    HttpResponse<Buffer> created = create(a, "shared", 3, true);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getBoolean("global")).isTrue();
    assertThat(value(b, "shared")).isEqualTo(3);
    assertThat(send(b.client().post("/api/counters/shared/inc")).statusCode()).isEqualTo(202);
    send(b.client().post("/api/counters/shared/inc"));
    send(a.client().post("/api/counters/shared/dec"));
    Eventually.until("both increments and the decrement are applied", 5000, () -> value(a, "shared") == 4);
    assertThat(value(b, "shared")).isEqualTo(4);
  }

  @Test
  void aGlobalCounterNameIsTakenClusterWide() {
    HttpResponse<Buffer> first = create(a, "only-once", 0, true);

    HttpResponse<Buffer> again = create(b, "only-once", 0, true);
    HttpResponse<Buffer> localTwin = create(a, "only-once", 0, false);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("already_started");
    assertThat(again.bodyAsJsonObject().getString("pid")).isEqualTo(first.bodyAsJsonObject().getString("pid"));
    assertThat(localTwin.statusCode()).isEqualTo(409);
  }

  @Test
  void aGlobalCounterDeletedFromAnotherNodeFreesItsNameEverywhere() {
    create(a, "short-lived", 1, true);

    HttpResponse<Buffer> deleted = send(b.client().delete("/api/counters/short-lived"));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(send(a.client().get("/api/counters/short-lived")).statusCode()).isEqualTo(404);
    assertThat(send(b.client().get("/api/counters/short-lived")).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> reborn = create(b, "short-lived", 9, true);
    assertThat(reborn.statusCode()).isEqualTo(201);
    assertThat(value(a, "short-lived")).isEqualTo(9);
  }

  @Test
  void aGlobalNameHeldByAProcessThatIsNotACounterOfItsNodeIsNotFoundFromEitherNode() {
    Pid impostor = b.node().spawn(new Counter(1).named(Name.global("impostor"))).await();

    assertThat(send(a.client().get("/api/counters/impostor")).statusCode()).isEqualTo(404);
    assertThat(send(b.client().get("/api/counters/impostor")).statusCode()).isEqualTo(404);
    assertThat(send(a.client().delete("/api/counters/impostor")).statusCode()).isEqualTo(404);
    assertThat(b.node().isAlive(impostor)).isTrue();
  }

  @Test
  void aLocalCounterStaysOnItsNode() {
    assertThat(create(a, "here-only", 2, false).statusCode()).isEqualTo(201);

    assertThat(value(a, "here-only")).isEqualTo(2);
    assertThat(send(b.client().get("/api/counters/here-only")).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<Buffer> create(TestApp app, String name, int initial, boolean global) {
    return send(app.client().post("/api/counters"), new JsonObject().put("name", name).put("initial", initial).put("global", global));
  }

  private static int value(TestApp app, String name) {
    HttpResponse<Buffer> response = send(app.client().get("/api/counters/" + name));
    assertThat(response.statusCode()).as("GET %s: %s", name, response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getInteger("value");
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.send().await();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return request.sendJsonObject(body).await();
  }
}
