package dev.rumbl.video;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.Sys;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phoenix's channel model over the bridge of the whole application: a socket process per
 * connection under {@value Viewers#SOCKETS}, a viewer process per (connection, video) under
 * {@value Viewers#VIEWERS}; their lives follow the client's registrations and its connection,
 * and one viewer's crash costs that viewer's message only. Ported in spirit from Phoenix's
 * {@code Phoenix.Test.ChannelTest} cases "pushes and receives"/"crashes" and
 * {@code Phoenix.Socket} "socket timeout": a channel crash replies with an error to the pusher and
 * leaves the socket joined; a transport that times out shuts its channels down.
 */
@ExtendWith(VertxExtension.class)
class ViewersTest {

  private static final long WAIT_MS = 10_000;

  private TestApp app;
  private Vertx vertx;
  private final List<BridgeClient> clients = new ArrayList<>();

  private void start(Vertx vertx, JsonObject videos) {
    JsonObject overrides = TestApp.LOCAL_ONLY.copy();
    if (videos != null) {
      overrides.put("videos", videos);
    }
    startWith(vertx, overrides);
  }

  private void startWith(Vertx vertx, JsonObject overrides) {
    this.vertx = vertx;
    app = TestApp.start(vertx, overrides).await();
  }

  @AfterEach
  void stop() {
    clients.forEach(client -> {
      if (!client.isClosed()) {
        client.close();
      }
    });
    if (app != null) {
      app.stop().await();
    }
  }

  private long createVideo() {
    return app.createVideo("ann", "Watched");
  }

  private BridgeClient connect(String user) {
    BridgeClient client = BridgeClient.connect(vertx, app.port(), user == null ? null : app.token(user));
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  private List<Pid> children(String supervisor) {
    return Supervisor.whichChildren(app.node(), Name.local(supervisor)).await().stream().map(ChildInfo::pid).toList();
  }

  private void awaitCounts(int sockets, int viewers) {
    Eventually.until(sockets + " sockets and " + viewers + " viewers", WAIT_MS,
      () -> children(Viewers.SOCKETS).size() == sockets && children(Viewers.VIEWERS).size() == viewers);
  }

  private static JsonObject note(String body, int at) {
    return new JsonObject().put("body", body).put("at", at);
  }

  private List<String> stored(long id) {
    return app.client().get("/api/videos/" + id + "/annotations").send().await().bodyAsJsonArray().stream()
      .map(JsonObject.class::cast).map(annotation -> annotation.getString("body")).toList();
  }

  @Test
  void aViewersCrashCostsOnlyItsMessageTheClientKeepsItsSocketAndOthersSeeNothing(Vertx vertx) throws InterruptedException {
    start(vertx, null);
    long id = createVideo();
    BridgeClient ann = connect("ann");
    ann.register(Channels.topic(id));
    awaitCounts(1, 1);
    Pid annViewer = children(Viewers.VIEWERS).get(0);
    Pid annSocket = children(Viewers.SOCKETS).get(0);
    BridgeClient bob = connect("bob");
    bob.register(Channels.topic(id));
    awaitCounts(2, 2);
    Pid bobViewer = children(Viewers.VIEWERS).stream().filter(pid -> !pid.equals(annViewer)).findFirst().orElseThrow();

    Sys.replaceState(app.node(), annViewer, watch -> null).await();
    ann.send(Channels.annotateAddress(id), note("lost with the crash", 1), "ack-lost");

    JsonObject failure = ann.next(frame -> "ack-lost".equals(frame.getString("address")));
    assertThat(failure.getString("type")).isEqualTo("err");
    assertThat(failure.getInteger("failureCode")).isEqualTo(500);
    assertThat(failure.getString("message")).isEqualTo(ViewerReply.CRASHED);
    assertThat(ann.isClosed()).isFalse();
    Eventually.until("the crashed viewer gone", WAIT_MS, () -> !app.node().isAlive(annViewer));
    assertThat(app.node().isAlive(annSocket)).isTrue();
    assertThat(app.node().isAlive(bobViewer)).isTrue();

    bob.send(Channels.annotateAddress(id), note("zqb", 2), null);
    assertThat(bob.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqb");
    ann.send(Channels.annotateAddress(id), note("zqa", 3), "ack-again");
    assertThat(ann.nextOn("ack-again").getJsonObject("body").getString("body")).isEqualTo("zqa");
    assertThat(bob.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqa");
    assertThat(stored(id)).containsExactly("zqb", "zqa");
    assertThat(children(Viewers.SOCKETS)).containsExactlyInAnyOrder(annSocket, children(Viewers.SOCKETS).stream()
      .filter(pid -> !pid.equals(annSocket)).findFirst().orElseThrow());
  }

  @Test
  void aSocketGoneSilentIsClosedAndItsProcessesStopWhileOneThatPingsStays(Vertx vertx) throws InterruptedException {
    start(vertx, new JsonObject().put("socketTimeoutMs", 600));
    long id = createVideo();
    BridgeClient silent = connect(null);
    BridgeClient alive = connect(null);
    silent.register(Channels.topic(id));
    alive.register(Channels.topic(id));
    awaitCounts(2, 2);

    long until = System.currentTimeMillis() + 3_000;
    while (System.currentTimeMillis() < until) {
      alive.ping();
      Thread.sleep(150);
    }

    Eventually.until("the silent socket closed", WAIT_MS, silent::isClosed);
    awaitCounts(1, 1);
    assertThat(alive.isClosed()).isFalse();
  }

  @Test
  void aConnectionWhoseSocketProcessIsKilledIsClosedAndItsClientConnectsAgain(Vertx vertx) throws InterruptedException {
    start(vertx, null);
    long id = createVideo();
    BridgeClient ann = connect("ann");
    ann.register(Channels.topic(id));
    awaitCounts(1, 1);

    app.node().exit(children(Viewers.SOCKETS).get(0), ExitReason.kill());

    Eventually.until("the connection closed", WAIT_MS, ann::isClosed);
    awaitCounts(0, 0);
    BridgeClient again = connect("ann");
    again.registerAndAwait(Channels.topic(id), vertx);
    again.send(Channels.annotateAddress(id), note("zqk", 1), "ack");
    assertThat(again.nextOn("ack").getJsonObject("body").getString("body")).isEqualTo("zqk");
    assertThat(again.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqk");
  }

  @Test
  void aSocketWritesAsItsTokensUserUntilTheTokenExpiresThenAsNoOne(Vertx vertx) throws InterruptedException {
    startWith(vertx, TestApp.LOCAL_ONLY.copy().put("auth", new JsonObject().put("tokenTtlSeconds", 4)));
    long id = createVideo();
    BridgeClient ann = connect("ann");
    ann.send(Channels.annotateAddress(id), note("zqt", 1), "ack-before");
    assertThat(ann.nextOn("ack-before").getJsonObject("body").getString("user")).isEqualTo("ann");

    long deadline = System.currentTimeMillis() + 4_000 + WAIT_MS;
    JsonObject refused = null;
    for (int n = 0; refused == null; n++) {
      assertThat(System.currentTimeMillis()).as("an annotation refused once the token expired").isLessThan(deadline);
      Thread.sleep(500);
      ann.ping();
      ann.send(Channels.annotateAddress(id), note("zqt" + n, 2), "ack-" + n);
      String ack = "ack-" + n;
      JsonObject answer = ann.next(frame -> ack.equals(frame.getString("address")));
      refused = "err".equals(answer.getString("type")) ? answer : null;
    }

    assertThat(refused.getInteger("failureCode")).isEqualTo(401);
    assertThat(refused.getString("message")).isEqualTo(ViewerReply.UNAUTHENTICATED);
    assertThat(ann.isClosed()).isFalse();
  }

  @Test
  void unregisteringStopsTheViewerAndClosingStopsTheSocketAndItsViewers(Vertx vertx) throws InterruptedException {
    start(vertx, null);
    long first = createVideo();
    long second = createVideo();
    BridgeClient client = connect("ann");
    client.register(Channels.topic(first));
    client.register(Channels.topic(second));
    awaitCounts(1, 2);

    client.unregister(Channels.topic(first));
    awaitCounts(1, 1);
    client.register(Channels.topic(first));
    awaitCounts(1, 2);
    client.close();

    awaitCounts(0, 0);
  }

  @Test
  void socketsAndTheVideosEachJoinsAreBounded(Vertx vertx) throws InterruptedException {
    start(vertx, new JsonObject().put("maxSockets", 2).put("maxVideosPerSocket", 2));
    List<Long> videos = List.of(createVideo(), createVideo(), createVideo());
    BridgeClient first = connect("ann");
    connect(null);
    awaitCounts(2, 0);

    BridgeClient third = connect(null);
    Eventually.until("the socket past the bound closed", WAIT_MS, third::isClosed);
    first.register(Channels.topic(videos.get(0)));
    first.register(Channels.topic(videos.get(1)));
    first.register(Channels.topic(videos.get(2)));
    assertThat(first.nextError().getString("body")).isEqualTo(ViewerReply.TOO_MANY_VIDEOS);
    assertThat(first.nextError().getString("body")).isEqualTo("rejected");
    first.send(Channels.annotateAddress(videos.get(2)), note("a third video", 1), null);
    assertThat(first.nextError().getString("body")).isEqualTo(ViewerReply.TOO_MANY_VIDEOS);

    awaitCounts(2, 2);
    assertThat(first.isClosed()).isFalse();
    assertThat(stored(videos.get(2))).isEmpty();
  }

  @Test
  void manyViewersJoinAtOnceEachSeesOneBroadcastOnceAndAllStopWhenTheyLeave(Vertx vertx) throws Exception {
    start(vertx, null);
    long id = createVideo();
    int count = 100;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<BridgeClient>> joining = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        joining.add(pool.submit(() -> {
          BridgeClient viewer = connect(null);
          viewer.registerAndAwait(Channels.topic(id), vertx);
          return viewer;
        }));
      }
      List<BridgeClient> viewers = new ArrayList<>();
      for (Future<BridgeClient> viewer : joining) {
        viewers.add(viewer.get());
      }
      awaitCounts(count, count);
      BridgeClient writer = connect("ann");
      writer.send(Channels.annotateAddress(id), note("zqe", 1), "ack");
      writer.nextOn("ack");

      for (BridgeClient viewer : viewers) {
        assertThat(viewer.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("zqe");
      }
      Thread.sleep(200);
      for (BridgeClient viewer : viewers) {
        assertThat(viewer.drain()).filteredOn(frame -> Channels.topic(id).equals(frame.getString("address"))).isEmpty();
      }
      List<Future<?>> leaving = new ArrayList<>();
      for (BridgeClient viewer : viewers) {
        leaving.add(pool.submit(viewer::close));
      }
      for (Future<?> left : leaving) {
        left.get();
      }
    } finally {
      pool.shutdownNow();
    }
    awaitCounts(1, 1);
    assertThat(Node.of(vertx).isAlive(children(Viewers.VIEWERS).get(0))).isTrue();
  }
}
