package dev.rumbl;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Channels;
import dev.rumbl.video.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes clustered on 127.0.0.1, started at once on one shared data directory: one
 * database, one channel per video in the cluster, viewers of a video on either node seeing every
 * annotation once. The last test stops node A for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterVideoTest {

  private static final int BASE_PORT = ClusterNodes.randomBasePort();

  private Vertx vertxA;
  private Vertx vertxB;
  private TestApp a;
  private TestApp b;
  /** Tokens issued by node A, used on both nodes (the nodes share the configured secret). */
  private String ann;
  private String bob;

  @BeforeAll
  void startTwoNodesOnOneDataDirectory() throws IOException {
    String cluster = ClusterNodes.newName();
    vertxA = ClusterNodes.start(cluster, BASE_PORT);
    vertxB = ClusterNodes.start(cluster, BASE_PORT);
    Path shared = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "cluster-");
    Future<TestApp> startA = TestApp.start(vertxA, nodeConfig(shared));
    Future<TestApp> startB = TestApp.start(vertxB, nodeConfig(shared));
    Future.all(startA, startB).await();
    a = startA.result();
    b = startB.result();
    ann = a.token("ann");
    bob = a.token("bob");
  }

  /** A node's configuration: here both nodes share one data directory, so one H2 file (automatic mixed mode). */
  JsonObject nodeConfig(Path shared) {
    return TestApp.LOCAL_ONLY.copy().put("dataDir", shared.toString());
  }

  @AfterAll
  void stopNodes() {
    b.stop().await();
    vertxB.close().await();
    if (a != null) {
      a.stop().await();
      vertxA.close().await();
    }
  }

  @Test
  @Order(1)
  void viewersOnBothNodesSeeEachAnnotationOnceWhetherSentOverTheBridgeOnAOrOverHttpOnB() throws InterruptedException {
    long id = createVideo(a, "Shared");
    BridgeClient writerOnA = viewer(a, id, ann);
    BridgeClient viewerOnB = viewer(b, id, null);

    writerOnA.send(Channels.annotateAddress(id), note("over the bridge on A", 100), "ack-a");
    JsonObject ack = writerOnA.nextOn("ack-a").getJsonObject("body");
    HttpResponse<Buffer> posted = annotate(b, id, bob, note("over HTTP on B", 200));
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(201);
    assertThat(posted.bodyAsJsonObject().getString("user")).isEqualTo("bob");
    writerOnA.send(Channels.annotateAddress(id), note("last", 300), null);

    for (BridgeClient client : List.of(writerOnA, viewerOnB)) {
      List<JsonObject> seen = untilBody(client, id, "last");
      assertThat(seen).filteredOn(body -> body.equals(ack)).hasSize(1);
      assertThat(seen).filteredOn(body -> body.equals(posted.bodyAsJsonObject())).hasSize(1);
      assertThat(seen).hasSize(3);
    }
    assertThat(bodies(stored(a, id))).containsExactly("over the bridge on A", "over HTTP on B", "last");
    assertThat(stored(b, id)).isEqualTo(stored(a, id));
  }

  @Test
  @Order(2)
  void aVideoHasOneChannelInTheClusterWhicheverNodeJoinsFirst() {
    long id = createVideo(b, "One channel");

    Pid fromB = Channels.join(b.node(), id).await();
    Pid fromA = Channels.join(a.node(), id).await();

    assertThat(fromA).isEqualTo(fromB);
    assertThat(fromA.node()).isEqualTo(b.node().id());
    assertThat(a.node().whereis(Name.global(Channels.NAMESPACE, Long.toString(id))).await()).isEqualTo(fromB);
  }

  @Test
  @Order(3)
  void aRemoteChannelAnswersInvalidInputAndStorageOutagesAsValuesThatCrossNodes() {
    long id = createVideo(a, "Remote replies");
    Pid channel = Channels.join(a.node(), id).await();

    JsonObject invalid = b.node().<JsonObject>call(channel, new JsonObject().put("user", "ann").put("body", 7).put("at", 0)).await();
    assertThat(invalid.getString("error")).contains("body");

    Supervisor.terminateChild(a.node(), RumblTree.ROOT, Storage.NAME).await();
    try {
      HttpResponse<Buffer> refused = annotate(b, id, bob, note("while A has no storage", 0));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
      assertThat(a.node().isAlive(channel)).isTrue();
    } finally {
      Supervisor.restartChild(a.node(), RumblTree.ROOT, Storage.NAME).await();
    }
    HttpResponse<Buffer> accepted = annotate(b, id, bob, note("storage is back", 0));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
    assertThat(bodies(stored(b, id))).containsExactly("storage is back");
  }

  @Test
  @Order(4)
  void whenTheChannelsNodeStopsTheNextAnnotationOnTheSurvivorStartsANewChannelThereAndIsStoredOnce() throws InterruptedException {
    long id = createVideo(a, "Failover");
    Pid first = Channels.join(a.node(), id).await();
    BridgeClient viewerOnB = viewer(b, id, null);

    a.stop().await();
    vertxA.close().await();
    a = null;
    HttpResponse<Buffer> posted = annotate(b, id, bob, note("after A", 400));

    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(201);
    assertThat(viewerOnB.nextOn(Channels.topic(id)).getJsonObject("body")).isEqualTo(posted.bodyAsJsonObject());
    Pid second = Channels.join(b.node(), id).await();
    assertThat(second).isNotEqualTo(first);
    assertThat(second.node()).isEqualTo(b.node().id());
    assertThat(bodies(stored(b, id))).containsExactly("after A");
  }

  /** A viewer of the video on app's node, once its registration has reached every running node. */
  private BridgeClient viewer(TestApp app, long id, String token) throws InterruptedException {
    BridgeClient client = BridgeClient.connect(app.vertx(), app.port(), token);
    client.registerAndAwait(Channels.topic(id), a == null ? new Vertx[] {b.vertx()} : new Vertx[] {a.vertx(), b.vertx()});
    return client;
  }

  /** The bodies published on the video's topic up to and including the one whose text is last. */
  private static List<JsonObject> untilBody(BridgeClient client, long id, String last) throws InterruptedException {
    List<JsonObject> seen = new ArrayList<>();
    while (true) {
      JsonObject body = client.nextOn(Channels.topic(id)).getJsonObject("body");
      seen.add(body);
      if (last.equals(body.getString("body"))) {
        return seen;
      }
    }
  }

  private long createVideo(TestApp app, String title) {
    return app.client().post("/api/videos").bearerTokenAuthentication(ann).sendJsonObject(new JsonObject().put("title", title))
      .await().bodyAsJsonObject().getLong("id");
  }

  private static HttpResponse<Buffer> annotate(TestApp app, long id, String token, JsonObject note) {
    return app.client().post("/api/videos/" + id + "/annotations").bearerTokenAuthentication(token).sendJsonObject(note).await();
  }

  private static JsonObject note(String body, int at) {
    return new JsonObject().put("body", body).put("at", at);
  }

  private static JsonArray stored(TestApp app, long id) {
    return app.client().get("/api/videos/" + id + "/annotations").send().await().bodyAsJsonArray();
  }

  private static List<String> bodies(JsonArray annotations) {
    return annotations.stream().map(JsonObject.class::cast).map(json -> json.getString("body")).toList();
  }
}
