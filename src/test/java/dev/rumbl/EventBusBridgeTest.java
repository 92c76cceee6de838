package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Storage;
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
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("adminToken", "t")).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private long createVideo() {
    return app.createVideo("ann", "Bridged");
  }

  private static JsonObject note(String body, int at) {
    return new JsonObject().put("body", body).put("at", at);
  }

  private BridgeClient signedIn(String user) {
    return BridgeClient.connect(vertx, app.port(), app.token(user));
  }

  private List<JsonObject> stored(long id) {
    return app.client().get("/api/videos/" + id + "/annotations").send().await().bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void bothViewersSeeAnAnnotationAndTheInfoSysAnswerAndTheWriterGetsItsAck() throws InterruptedException {
    long id = createVideo();
    BridgeClient writer = signedIn("ann");
    BridgeClient viewer = BridgeClient.connect(vertx, app.port());
    writer.registerAndAwait("videos." + id, vertx);
    viewer.registerAndAwait("videos." + id, vertx);

    writer.send("videos." + id + ".annotate", note("1 + 1", 2500), "ack-1");

    JsonObject ack = writer.nextOn("ack-1").getJsonObject("body");
    assertThat(ack.getString("body")).isEqualTo("1 + 1");
    assertThat(ack.getString("user")).isEqualTo("ann");
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

    for (String address : List.of("counter", "rumbl", "videos." + id, "videos." + id + ".annotate.x", "observer.tree", "observer.load")) {
      client.send(address, note("b", 1), null);
      assertThat(client.nextError().getString("body")).as(address).isIn("access_denied", "rejected");
    }
    for (String address : List.of("infosys.compute", "videos." + id + ".annotate", "counter", "videos.x")) {
      client.register(address);
      assertThat(client.nextError().getString("body")).as(address).isEqualTo("access_denied");
    }
    client.write(new JsonObject().put("type", "publish").put("address", "videos." + id + ".annotate").put("body", note("b", 1)).encode());
    assertThat(client.nextError().getString("body")).isEqualTo("rejected");
    assertThat(stored(id)).isEmpty();
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void malformedInvalidAndOversizedMessagesAreRefusedWithoutTouchingOtherSockets() throws InterruptedException {
    long id = createVideo();
    BridgeClient bad = signedIn("ann");
    BridgeClient good = signedIn("bob");
    good.register("videos." + id);

    bad.write("{not json");
    assertThat(bad.nextError().getString("body")).isEqualTo("invalid_json");
    bad.send("videos." + id + ".annotate", note("b", -1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos." + id + ".annotate", "just text", null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos.987654.annotate", note("b", 1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("infosys.compute", new JsonObject().put("query", ""), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    bad.send("videos." + id + ".annotate", note("x".repeat(70_000), 1), null);
    assertThat(bad.nextError().getString("body")).isEqualTo("rejected");
    assertThat(bad.isClosed()).isFalse();
    bad.send("videos." + id + ".annotate", note("x".repeat(200_000), 1), null);

    good.send("videos." + id + ".annotate", note("still here", 7), null);
    assertThat(good.nextOn("videos." + id).getJsonObject("body").getString("body")).isEqualTo("still here");
    assertThat(good.isClosed()).isFalse();
    assertThat(stored(id)).extracting(annotation -> annotation.getString("body")).containsExactly("still here");
  }

  @Test
  void aSocketWithoutAValidTokenListensButCannotAnnotateAndNobodyWritesAsAnother() throws InterruptedException {
    long id = createVideo();
    BridgeClient anonymous = BridgeClient.connect(vertx, app.port());
    BridgeClient forged = BridgeClient.connect(vertx, app.port(), app.token("ann") + "x");
    BridgeClient ann = signedIn("ann");
    anonymous.registerAndAwait("videos." + id, vertx);

    for (BridgeClient refused : List.of(anonymous, forged)) {
      refused.send("videos." + id + ".annotate", note("let me in", 1), null);
      assertThat(refused.nextError().getString("body")).isEqualTo("unauthenticated");
      assertThat(refused.nextError().getString("body")).isEqualTo("rejected");
      refused.send("videos." + id + ".annotate", note("let me in", 1), "ack-refused");
      JsonObject failure = refused.next(frame -> "ack-refused".equals(frame.getString("address")));
      assertThat(failure.getString("type")).isEqualTo("err");
      assertThat(failure.getInteger("failureCode")).isEqualTo(401);
      assertThat(failure.getString("message")).isEqualTo("unauthenticated");
    }
    ann.send("videos." + id + ".annotate", note("as wolfram", 1).put("user", "wolfram"), null);
    assertThat(ann.nextError().getString("body")).isEqualTo("forbidden");
    ann.send("videos." + id + ".annotate", note("as myself", 2).put("user", "ann"), null);

    JsonObject seen = anonymous.nextOn("videos." + id).getJsonObject("body");
    assertThat(seen.getString("body")).isEqualTo("as myself");
    assertThat(seen.getString("user")).isEqualTo("ann");
    assertThat(stored(id)).extracting(annotation -> annotation.getString("user") + ": " + annotation.getString("body"))
      .containsExactly("ann: as myself");
    assertThat(anonymous.isClosed()).isFalse();
  }

  @Test
  void aTokenThatCouldNotBeCheckedWhileStorageWasDownIsCheckedAgainAtTheNextAnnotation() throws InterruptedException {
    long id = createVideo();
    String token = app.token("ann");
    Supervisor.terminateChild(app.node(), RumblTree.ROOT, Storage.NAME).await();
    BridgeClient ann;
    try {
      ann = BridgeClient.connect(vertx, app.port(), token);
      ann.send("videos." + id + ".annotate", note("while storage is down", 1), null);
      assertThat(ann.nextError().getString("body")).isEqualTo("unavailable");
    } finally {
      Supervisor.restartChild(app.node(), RumblTree.ROOT, Storage.NAME).await();
    }

    ann.send("videos." + id + ".annotate", note("storage is back", 2), "ack-back");

    JsonObject stored = ann.nextOn("ack-back").getJsonObject("body");
    assertThat(stored.getString("user")).isEqualTo("ann");
    assertThat(stored(id)).extracting(annotation -> annotation.getString("body")).containsExactly("storage is back");
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

  @Test
  void theLoadFeedPublishesASampleEverySecond() throws InterruptedException {
    BridgeClient observer = BridgeClient.connect(vertx, app.port());
    observer.register("observer.load");

    JsonObject sample = observer.next(frame -> "rec".equals(frame.getString("type"))).getJsonObject("body");
    JsonObject next = observer.next(frame -> "rec".equals(frame.getString("type"))).getJsonObject("body");

    assertThat(sample.getInteger("processes")).isPositive();
    assertThat(next.getLong("at") - sample.getLong("at")).isBetween(500L, 5000L);
  }

  private static JsonObject bookCounter(JsonObject tree) {
    return tree.getJsonArray("children").stream().map(JsonObject.class::cast)
      .filter(child -> "counter".equals(child.getString("id"))).findFirst().orElse(null);
  }
}
