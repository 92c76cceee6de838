package dev.rumbl.web;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.BridgeClients;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Channels;
import dev.rumbl.video.Viewers;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a video's annotations reach the bridge sockets that listen to it: one consumer per video per
 * node that writes each annotation once to each listener of that video and no other, goes away with
 * the video's last listener, and closes a listener that stopped reading instead of buffering for it
 * without bound.
 */
@ExtendWith(VertxExtension.class)
class VideoFanOutTest {

  private static final long WAIT_MS = 30_000;
  /** The socket timeout of the stalled-listener case: a stalled listener that pings is closed this long after its queue filled. */
  private static final int STALLED_MS = 4_000;
  private static final String PING = new JsonObject().put("type", "ping").encode();

  private TestApp app;
  private Vertx vertx;
  private BridgeClients clients;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();
    clients = new BridgeClients(vertx, app.port());
  }

  @AfterEach
  void stop() {
    clients.close();
    app.stop().await();
  }

  private long createVideo() {
    return app.createVideo("ann", "Fanned");
  }

  private BridgeClient listener(long... videoIds) throws InterruptedException {
    return clients.joined(videoIds);
  }

  private void annotate(long id, String body) {
    int status = app.client().post("/api/videos/" + id + "/annotations").bearerTokenAuthentication(app.token("ann"))
      .sendJsonObject(new JsonObject().put("body", body).put("at", 1)).await().statusCode();
    assertThat(status).isEqualTo(201);
  }

  private static List<String> bodiesOn(BridgeClient client, long id) {
    return client.drain().stream().filter(frame -> Channels.topic(id).equals(frame.getString("address")))
      .map(frame -> frame.getJsonObject("body").getString("body")).toList();
  }

  /** Whether a consumer listens at the video's broadcast address: a request there times out rather than finding no handler. */
  private boolean feedOf(long id) {
    try {
      vertx.eventBus().request(Channels.broadcast(id), new JsonObject().put("probe", true), new DeliveryOptions().setSendTimeout(300)).await();
      return true;
    } catch (ReplyException failure) {
      return failure.failureType() != ReplyFailure.NO_HANDLERS;
    }
  }

  private int viewers() {
    return Supervisor.whichChildren(app.node(), Name.local(Viewers.VIEWERS)).await().size();
  }

  @Test
  void eachListenerGetsItsVideosAnnotationsOnceAndNoOtherVideos() throws InterruptedException {
    long first = createVideo();
    long second = createVideo();
    List<BridgeClient> ofFirst = List.of(listener(first), listener(first), listener(first));
    List<BridgeClient> ofSecond = List.of(listener(second), listener(second));
    BridgeClient ofBoth = listener(first, second);

    annotate(first, "zqf1");
    annotate(second, "zqf2");
    for (BridgeClient client : ofFirst) {
      assertThat(client.nextOn(Channels.topic(first)).getJsonObject("body").getString("body")).isEqualTo("zqf1");
    }
    for (BridgeClient client : ofSecond) {
      assertThat(client.nextOn(Channels.topic(second)).getJsonObject("body").getString("body")).isEqualTo("zqf2");
    }
    assertThat(ofBoth.nextOn(Channels.topic(first)).getJsonObject("body").getString("body")).isEqualTo("zqf1");
    assertThat(ofBoth.nextOn(Channels.topic(second)).getJsonObject("body").getString("body")).isEqualTo("zqf2");
    Thread.sleep(300);

    for (BridgeClient client : ofFirst) {
      assertThat(bodiesOn(client, first)).isEmpty();
      assertThat(bodiesOn(client, second)).isEmpty();
    }
    for (BridgeClient client : ofSecond) {
      assertThat(client.drain()).noneMatch(frame -> Channels.topic(first).equals(frame.getString("address")));
    }
    assertThat(ofBoth.drain()).noneMatch(frame -> String.valueOf(frame.getString("address")).startsWith("videos."));
  }

  @Test
  void theVideosConsumerGoesWithItsLastListenerAndComesBackWithTheNext() throws InterruptedException {
    long id = createVideo();
    assertThat(feedOf(id)).isFalse();
    BridgeClient one = listener(id);
    BridgeClient two = listener(id);
    assertThat(feedOf(id)).isTrue();
    one.drain();

    one.unregister(Channels.topic(id));
    two.close();
    Eventually.until("no viewer left", WAIT_MS, () -> viewers() == 0);
    Eventually.until("the video's consumer gone", WAIT_MS, () -> !feedOf(id));

    BridgeClient three = listener(id);
    annotate(id, "zqg");
    assertThat(three.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqg");
    Thread.sleep(300);
    assertThat(bodiesOn(one, id)).isEmpty();
  }

  /** Whether any consumer listens at address: a request there times out rather than finding no handler. */
  private boolean consumerAt(String address) {
    try {
      vertx.eventBus().request(address, new JsonObject().put("probe", true), new DeliveryOptions().setSendTimeout(300)).await();
      return true;
    } catch (ReplyException failure) {
      return failure.failureType() != ReplyFailure.NO_HANDLERS;
    }
  }

  @Test
  void aJoinedTopicHoldsNoConsumerOfItsOwnAndAgainIsNoError() throws InterruptedException {
    long id = createVideo();
    BridgeClient one = listener(id);
    BridgeClient two = listener(id);
    assertThat(feedOf(id)).isTrue();
    assertThat(consumerAt(Channels.topic(id))).as("a consumer at the topic, which receives nothing").isFalse();
    one.drain();
    two.drain();

    one.register(Channels.topic(id));
    annotate(id, "zqh");
    assertThat(one.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqh");
    assertThat(two.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqh");
    Thread.sleep(300);
    assertThat(one.drain()).as("no error frame for a second registration, no second copy").isEmpty();
    assertThat(viewers()).isEqualTo(2);
    assertThat(consumerAt(Channels.topic(id))).isFalse();
  }

  @Test
  void aListenerThatStopsReadingIsClosedWhileTheOthersGetEveryAnnotation() throws InterruptedException {
    restartWithSocketTimeout(STALLED_MS);
    long id = createVideo();
    BridgeClient reader = listener(id);
    WebSocketClient rawClient = vertx.createWebSocketClient();
    WebSocket stalled = rawClient.connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
    stalled.writeTextMessage(new JsonObject().put("type", "register").put("address", Channels.topic(id)).encode()).await();
    Eventually.until("both viewers joined", WAIT_MS, () -> viewers() == 2);
    stalled.pause();
    long pings = vertx.setPeriodic(STALLED_MS / 5, tick -> stalled.writeTextMessage(PING));

    String large = "x".repeat(60_000);
    int burst = 400;
    for (int n = 0; n < burst; n++) {
      vertx.eventBus().publish(Channels.broadcast(id), new JsonObject().put("body", large).put("n", n));
    }
    for (int n = 0; n < burst; n++) {
      assertThat(reader.nextOn(Channels.topic(id)).getJsonObject("body").getInteger("n")).isEqualTo(n);
    }
    long deadline = System.currentTimeMillis() + WAIT_MS;
    for (int n = burst; viewers() == 2; n++) {
      assertThat(System.currentTimeMillis()).as("the stalled listener closed by now").isLessThan(deadline);
      reader.ping();
      vertx.eventBus().publish(Channels.broadcast(id), new JsonObject().put("body", "small").put("n", n));
      assertThat(reader.nextOn(Channels.topic(id)).getJsonObject("body").getInteger("n")).isEqualTo(n);
      Thread.sleep(STALLED_MS / 5);
    }
    assertThat(reader.isClosed()).isFalse();
    vertx.cancelTimer(pings);
    rawClient.close().await();
  }

  private void restartWithSocketTimeout(int socketTimeoutMs) {
    app.stop().await();
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("videos", new JsonObject().put("socketTimeoutMs", socketTimeoutMs))).await();
    clients = new BridgeClients(vertx, app.port());
  }
}
