package dev.rumbl;

import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits on the whole application: a flood is answered 429 {@code rate_limited} with
 * {@code Retry-After} once its key's burst is spent, and never touches another key's. The limits
 * are set low, and their rates slow (one token a minute or a second), so that the burst decides and
 * no assertion depends on how fast the test runs.
 */
@ExtendWith(VertxExtension.class)
class RateLimitsTest {

  private TestApp app;

  private TestApp start(Vertx vertx, JsonObject limits) {
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("limits", limits)).await();
    return app;
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  /** Sends until the first 429 (at most limit + 50 times); how many were let through before it, and the 429 itself. */
  private static Flood flood(int limit, Supplier<HttpResponse<Buffer>> request) {
    for (int sent = 0; sent < limit + 50; sent++) {
      HttpResponse<Buffer> response = request.get();
      if (response.statusCode() == 429) {
        return new Flood(sent, response);
      }
    }
    throw new AssertionError("no 429 within " + (limit + 50) + " requests");
  }

  private record Flood(int passed, HttpResponse<Buffer> limited) {

    void isLimitedAfter(int expected, long maxRetryAfter) {
      assertThat(passed).isEqualTo(expected);
      assertThat(limited.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "rate_limited"));
      assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, maxRetryAfter);
    }
  }

  @Test
  void signUpsAndSignInsAreLimitedPerClientAddressEachOnItsOwn(Vertx vertx) {
    start(vertx, new JsonObject().put("signUpsPerMinute", 10).put("signInsPerMinute", 10));
    JsonObject shortPassword = new JsonObject().put("username", "ann").put("password", "short");

    flood(10, () -> app.client().post("/api/users").sendJsonObject(shortPassword).await()).isLimitedAfter(10, 6);
    HttpResponse<Buffer> stillRefused = app.client().post("/api/users").sendJsonObject(TestUsers.credentials("carol")).await();
    assertThat(stillRefused.statusCode()).isEqualTo(429);

    flood(10, () -> app.client().post("/api/sessions").sendJsonObject(shortPassword).await()).isLimitedAfter(10, 6);
  }

  @Test
  void annotationsAreLimitedPerUserAndOneUsersFloodLeavesAnotherAlone(Vertx vertx) throws InterruptedException {
    start(vertx, new JsonObject().put("annotationsPerSecond", 1).put("annotationsBurst", 20));
    String ann = app.token("ann");
    String bob = app.token("bob");
    long video = app.client().post("/api/videos").bearerTokenAuthentication(ann).sendJsonObject(new JsonObject().put("title", "Busy"))
      .await().bodyAsJsonObject().getLong("id");
    JsonObject note = new JsonObject().put("body", "flood").put("at", 1);
    BridgeClient annOverTheBridge = BridgeClient.connect(vertx, app.port(), ann);

    Flood flood = flood(20, () -> app.client().post("/api/videos/" + video + "/annotations").bearerTokenAuthentication(ann).sendJsonObject(note).await());
    assertThat(flood.passed()).isBetween(20, 30);
    flood.isLimitedAfter(flood.passed(), 1);

    boolean refusedOverTheBridge = false;
    for (int i = 0; i < 5 && !refusedOverTheBridge; i++) {
      String ack = "ack-" + i;
      annOverTheBridge.send("videos." + video + ".annotate", note, ack);
      JsonObject answer = annOverTheBridge.next(frame -> ack.equals(frame.getString("address")));
      refusedOverTheBridge = "err".equals(answer.getString("type")) && "rate_limited".equals(answer.getString("message"));
    }
    assertThat(refusedOverTheBridge).as("the bridge spends from the same bucket as HTTP").isTrue();

    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> bobs = app.client().post("/api/videos/" + video + "/annotations").bearerTokenAuthentication(bob).sendJsonObject(note).await();
      assertThat(bobs.statusCode()).as("bob's annotation %d", i).isEqualTo(201);
    }
  }

  @Test
  void videoCreationsAreLimitedPerUserAndOneUsersFloodLeavesAnotherAlone(Vertx vertx) {
    start(vertx, new JsonObject().put("videosPerMinute", 4));
    String ann = app.token("ann");
    String bob = app.token("bob");
    JsonObject video = new JsonObject().put("title", "flood");

    flood(4, () -> app.client().post("/api/videos").bearerTokenAuthentication(ann).sendJsonObject(video).await()).isLimitedAfter(4, 15);
    assertThat(app.client().post("/api/videos").bearerTokenAuthentication(bob).sendJsonObject(video).await().statusCode()).isEqualTo(201);
    assertThat(app.client().get("/api/videos").send().await().bodyAsJsonArray()).hasSize(5);
  }

  @Test
  void anonymousCounterWritesAreLimitedPerClientAddressAndReadsAreNot(Vertx vertx) {
    start(vertx, new JsonObject().put("counterWritesPerMinute", 6));
    assertThat(app.client().post("/api/counters").sendJsonObject(new JsonObject().put("name", "busy")).await().statusCode()).isEqualTo(201);
    assertThat(app.client().post("/api/counters/busy/inc").send().await().statusCode()).isEqualTo(202);
    assertThat(app.client().post("/api/counters/busy/dec").send().await().statusCode()).isEqualTo(202);

    flood(3, () -> app.client().post("/api/counters/busy/inc").send().await()).isLimitedAfter(3, 10);
    assertThat(app.client().delete("/api/counters/busy").send().await().statusCode()).isEqualTo(429);
    assertThat(app.client().post("/api/counters").sendJsonObject(new JsonObject().put("name", "other")).await().statusCode()).isEqualTo(429);

    for (int i = 0; i < 20; i++) {
      assertThat(app.client().get("/api/counters/busy").send().await().statusCode()).isEqualTo(200);
    }
  }
}
