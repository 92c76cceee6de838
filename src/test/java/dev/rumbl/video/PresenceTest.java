package dev.rumbl.video;

import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is watching a video, on one node: {@code videos.<id>.presence} over the bridge and
 * {@code GET /api/videos/<id>/presence} answer the same list, which follows joins, leaves and
 * closed sockets, and a burst of joins is published as a few lists, not one per join. After
 * Phoenix's {@code Phoenix.PresenceTest} cases "list/2 lists presences" and "handles leaves".
 */
@ExtendWith(VertxExtension.class)
class PresenceTest {

  private TestApp app;
  private Vertx vertx;
  private final List<BridgeClient> clients = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY).await();
  }

  @AfterEach
  void stop() {
    clients.stream().filter(client -> !client.isClosed()).forEach(BridgeClient::close);
    app.stop().await();
  }

  private long createVideo() {
    return app.createVideo("ann", "Watched");
  }

  private BridgeClient watching(long id, String user) {
    BridgeClient client = BridgeClient.connect(vertx, app.port(), user == null ? null : app.token(user));
    clients.add(client);
    client.register(Presence.topic(id));
    client.register(Channels.topic(id));
    return client;
  }

  /** The next list of the video with this many viewers, these users among them. */
  private static JsonObject presence(BridgeClient client, long id, int viewers, String... users) throws InterruptedException {
    JsonArray named = new JsonArray(List.of((Object[]) users));
    return client.next(frame -> Presence.topic(id).equals(frame.getString("address"))
      && frame.getJsonObject("body").getInteger("viewers") == viewers
      && (users.length == 0 || frame.getJsonObject("body").getJsonArray("users").equals(named))).getJsonObject("body");
  }

  /** The presence lists received and not taken yet, taken. */
  private static List<JsonObject> presenceFrames(BridgeClient client, long id) {
    return client.drain().stream().filter(frame -> Presence.topic(id).equals(frame.getString("address"))).toList();
  }

  private JsonObject route(long id) {
    return app.client().get("/api/videos/" + id + "/presence").send().await().bodyAsJsonObject();
  }

  @Test
  void everyViewerSeesWhoWatchesAsTheyJoinAndLeave() throws InterruptedException {
    long id = createVideo();
    BridgeClient ann = watching(id, "ann");
    assertThat(presence(ann, id, 1, "ann").getInteger("anonymous")).isZero();
    BridgeClient bob = watching(id, "bob");
    BridgeClient anonymous = watching(id, null);

    for (BridgeClient client : List.of(ann, bob, anonymous)) {
      assertThat(presence(client, id, 3, "ann", "bob").getInteger("anonymous")).isEqualTo(1);
    }
    assertThat(route(id)).isEqualTo(new JsonObject().put("video", id).put("users", new JsonArray().add("ann").add("bob"))
      .put("viewers", 3).put("anonymous", 1));

    bob.unregister(Channels.topic(id));
    assertThat(presence(ann, id, 2, "ann").getInteger("anonymous")).isEqualTo(1);
    anonymous.close();
    assertThat(presence(ann, id, 1, "ann").getInteger("anonymous")).isZero();
    assertThat(route(id).getInteger("viewers")).isEqualTo(1);
  }

  @Test
  void aBurstOfJoinsIsPublishedAsAFewListsEndingWithAllOfThem() throws InterruptedException {
    long id = createVideo();
    BridgeClient observer = watching(id, null);
    presence(observer, id, 1);
    int joining = 30;
    for (int i = 0; i < joining; i++) {
      BridgeClient viewer = BridgeClient.connect(vertx, app.port());
      clients.add(viewer);
      viewer.register(Channels.topic(id));
    }

    presence(observer, id, joining + 1);
    List<JsonObject> before = presenceFrames(observer, id);
    Thread.sleep(2 * Presence.INTERVAL_MS);
    List<JsonObject> after = presenceFrames(observer, id);

    assertThat(before.size() + 1).as("lists published for %d joins", joining).isLessThan(joining);
    assertThat(before).allSatisfy(list -> assertThat(list.getJsonObject("body").getInteger("viewers")).isBetween(1, joining));
    assertThat(after).as("lists published after the last").isEmpty();
    assertThat(route(id).getInteger("viewers")).isEqualTo(joining + 1);
  }

  @Test
  void theRouteAnswers404ForAnUnknownVideoAndAnEmptyListForAnUnwatchedOne() {
    long id = createVideo();

    assertThat(app.client().get("/api/videos/987654/presence").send().await().statusCode()).isEqualTo(404);
    assertThat(app.client().get("/api/videos/x/presence").send().await().statusCode()).isEqualTo(404);
    assertThat(route(id)).isEqualTo(new JsonObject().put("video", id).put("users", new JsonArray()).put("viewers", 0).put("anonymous", 0));
  }
}
