package dev.rumbl;

import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Computes asked over the bridge, in front of a Wikipedia that never answers: a compute asking for
 * a minute is answered (empty) within the bridge's own reply timeout, and while one compute is in
 * flight on a node allowing one, the next gets an error frame at once.
 */
@ExtendWith(VertxExtension.class)
class BridgeComputeLimitsTest {

  private TestApp app;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    HttpServer silent = vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1").await();
    JsonObject infosys = new JsonObject()
      .put("backends", new JsonArray().add("local").add("wikipedia"))
      .put("maxConcurrentComputes", 1)
      .put("wikipedia", new JsonObject()
        .put("baseUrl", "http://127.0.0.1:" + silent.actualPort() + "/summary/")
        .put("timeoutMs", 60_000));
    app = TestApp.start(vertx, new JsonObject().put("infosys", infosys)).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private static JsonObject silence() {
    return new JsonObject().put("query", "silence").put("timeoutMs", 60_000).put("backends", new JsonArray().add("wikipedia"));
  }

  @Test
  void aComputeAskingForAMinuteIsAnsweredWithinTheBridgesReplyTimeout() throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, app.port());

    client.send("infosys.compute", silence(), "slow-1");

    JsonObject reply = client.next(frame -> "slow-1".equals(frame.getString("address")));
    assertThat(reply.getString("type")).as("a reply, not the bridge's TIMEOUT error: " + reply).isEqualTo("rec");
    assertThat(reply.getJsonObject("body").getJsonArray("results")).isEmpty();
  }

  @Test
  void pastTheNodesMaximumAComputeGetsAnErrorFrameAndTheSlotComesBack() throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, app.port());
    client.send("infosys.compute", silence(), "held");

    client.send("infosys.compute", new JsonObject().put("query", "1 + 1").put("backends", new JsonArray().add("local")), "refused");

    JsonObject refused = client.next(frame -> "refused".equals(frame.getString("address")));
    assertThat(refused.getString("type")).isEqualTo("err");
    assertThat(refused.getInteger("failureCode")).isEqualTo(503);
    assertThat(refused.getString("message")).isEqualTo("overloaded");
    assertThat(client.next(frame -> "held".equals(frame.getString("address"))).getString("type")).isEqualTo("rec");
    client.send("infosys.compute", new JsonObject().put("query", "1 + 1").put("backends", new JsonArray().add("local")), "again");
    JsonObject again = client.next(frame -> "again".equals(frame.getString("address")));
    assertThat(again.getJsonObject("body").getJsonArray("results").getJsonObject(0).getString("text")).isEqualTo("2");
  }
}
