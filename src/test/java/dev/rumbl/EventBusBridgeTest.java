package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SockJS event-bus bridge at /eventbus of the whole application, spoken to as raw WebSocket frames. */
@ExtendWith(VertxExtension.class)
class EventBusBridgeTest {

  private TestApp app;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, VideoApiTest.LOCAL_ONLY.copy().put("adminToken", "t")).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private long createVideo() {
    return app.client().post("/api/videos").sendJsonObject(new JsonObject().put("title", "Bridged")).await().bodyAsJsonObject().getLong("id");
  }

  private static JsonObject note(String user, String body, int at) {
    return new JsonObject().put("user", user).put("body", body).put("at", at);
  }

  private List<JsonObject> stored(long id) {
    return app.client().get("/api/videos/" + id + "/annotations").send().await().bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void bothViewersSeeAnAnnotationAndTheInfoSysAnswerAndTheWriterGetsItsAck() throws InterruptedException {
    long id = createVideo();
    BridgeClient writer = BridgeClient.connect(vertx, app.port());
    BridgeClient viewer = BridgeClient.connect(vertx, app.port());
    writer.register("videos." + id);
    viewer.register("videos." + id);
    Thread.sleep(200);

    writer.send("videos." + id + ".annotate", note("ann", "1 + 1", 2500), "ack-1");

    JsonObject ack = writer.nextOn("ack-1").getJsonObject("body");
    assertThat(ack.getString("body")).isEqualTo("1 + 1");
    for (BridgeClient client : List.of(writer, viewer)) {
      assertThat(client.nextOn("videos." + id).getJsonObject("body")).isEqualTo(ack);
      JsonObject answer = client.nextOn("videos." + id).getJsonObject("body");
      assertThat(answer.getString("user")).isEqualTo("local");
      assertThat(answer.getString("body")).isEqualTo("2");
      assertThat(answer.getInteger("at")).isEqualTo(2500);
    }
    assertThat(stored(id)).hasSize(2);
  }

  @Test
  void computeRequestsAreAnswered() throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, app.port());

    client.send("infosys.compute", new JsonObject().put("query", "2 * 21").put("limit", 1), "compute-1");

    JsonObject reply = client.nextOn("compute-1").getJsonObject("body");
    assertThat(reply.getJsonArray("results").getJsonObject(0).getString("text")).isEqualTo("42");
  }

  @Test
  void addressesThatAreNotPermittedAreRefusedInBothDirections() throws InterruptedException {
    long id = createVideo();
    BridgeClient client = BridgeClient.connect(vertx, app.port());

    for (String address : List.of("counter", "rumbl", "videos." + id, "videos." + id + ".annotate.x", "observer.tree")) {
      client.send(address, note("ann", "b", 1), null);
      assertThat(client.nextError().getString("body")).as(address).isIn("access_denied", "rejected");
    }
    for (String address : List.of("infosys.compute", "videos." + id + ".annotate", "counter", "videos.x")) {
      client.register(address);
      assertThat(client.nextError().getString("body")).as(address).isEqualTo("access_denied");
    }
    client.write(new JsonObject().put("type", "publish").put("address", "videos." + id + ".annotate").put("body", note("ann", "b", 1)).encode());
    assertThat(client.nextError().getString("body")).isEqualTo("rejected");
    assertThat(stored(id)).isEmpty();
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void malformedInvalidAndOversizedMessagesAreRefusedWithoutTouchingOtherSockets() throws InterruptedException {
    long id = createVideo();
    BridgeClient bad = BridgeClient.connect(vertx, app.port());
    BridgeClient good = BridgeClient.connect(vertx, app.port());
    good.register("videos." + id);

    bad.write("{not json");
    assertThat(bad.nextError().getString("body")).isEqualTo("invalid_json");
    bad.send("videos." + id + ".annotate", note("no spaces", "b", 1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos." + id + ".annotate", "just text", null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos.987654.annotate", note("ann", "b", 1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("infosys.compute", new JsonObject().put("query", ""), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos." + id + ".annotate", note("ann", "x".repeat(70_000), 1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    assertThat(bad.isClosed()).isFalse();
    bad.send("videos." + id + ".annotate", note("ann", "x".repeat(200_000), 1), null);

    good.send("videos." + id + ".annotate", note("bob", "still here", 7), null);
    assertThat(good.nextOn("videos." + id).getJsonObject("body").getString("body")).isEqualTo("still here");
    assertThat(good.isClosed()).isFalse();
    assertThat(stored(id)).extracting(annotation -> annotation.getString("body")).containsExactly("still here");
  }

  @Test
  void theObserverFeedPublishesTheTreeWhenItChanges() throws InterruptedException {
    BridgeClient observer = BridgeClient.connect(vertx, app.port());
    observer.register("observer.tree");
    Pid before = app.node().whereis(Name.local("counter")).await();

    app.client().post("/api/processes/counter/exit").bearerTokenAuthentication("t")
      .sendJsonObject(new JsonObject().put("reason", "kill")).await();

    JsonObject tree = observer.next(frame -> "rec".equals(frame.getString("type")) && bookCounter(frame.getJsonObject("body")) != null
      && !before.toString().equals(bookCounter(frame.getJsonObject("body")).getString("pid"))).getJsonObject("body");
    assertThat(tree.getString("name")).isEqualTo("rumbl");
    assertThat(tree.getInteger("restarts")).isEqualTo(1);
    assertThat(bookCounter(tree).getString("pid")).isEqualTo(app.node().whereis(Name.local("counter")).await().toString());
  }

  private static JsonObject bookCounter(JsonObject tree) {
    return tree.getJsonArray("children").stream().map(JsonObject.class::cast)
      .filter(child -> "counter".equals(child.getString("id"))).findFirst().orElse(null);
  }
}
