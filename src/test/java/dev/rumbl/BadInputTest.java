package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.testing.BadInputCorpus;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Channels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded corpus of bad input sent to the running application: 1,200 requests to the counters,
 * InfoSys, processes and operations routes and 600 to the video routes (300 anonymous, 300 signed
 * in), 400 to accounts, sessions and video writes with forged tokens, each answered with a 4xx
 * JSON error (or accepted, where it happens to be valid), never a 5xx; and 600 raw frames to the
 * event-bus bridge (to its permitted addresses with bad bodies, to denied and tricked addresses,
 * malformed; 300 from an anonymous socket, 300 from a signed-in one), each answered with an error
 * frame (or a reply, where it happens to be valid), never a failure of 500 or more, the socket kept
 * open. No forged token writes anything, and no account takes a backend's name. Every bad page size
 * and cursor of the list routes is a 400 naming it, and a compute over the bridge with a huge
 * timeout is refused or answered. No process but the ones the input named crashes
 * (the root, the HTTP endpoint, the video's channel, the compute endpoint are the same processes
 * afterwards), and the application answers normally afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final Logger log = LoggerFactory.getLogger(BadInputTest.class);
  private static final long SEED = 20261126L;
  private static final Name COMPUTE_ENDPOINT = Name.local("infosys.endpoint");

  private Vertx vertx;
  private TestApp app;

  @BeforeAll
  void startApplication() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, new JsonObject().put("adminToken", "token")
      .put("infosys", new JsonObject().put("backends", new JsonArray().add("local"))).mergeIn(store().appOverrides())).await();
  }

  /** The storage the application runs on; {@link PostgresBadInputTest} runs every case on PostgreSQL. */
  StoreKind store() {
    return StoreKind.H2;
  }

  @AfterAll
  void stopApplication() {
    app.stop().await();
    vertx.close().await();
  }

  @Test
  void everyBadRequestGetsAClearErrorAndTheApplicationStaysWell() {
    Pid root = app.node().whereis(RumblTree.ROOT).await();
    Pid http = app.node().whereis(Name.local("http")).await();

    assertThat(sendAll(new BadInputCorpus(SEED).cases(1200), null)).isEmpty();
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
    assertThat(app.node().whereis(Name.local("http")).await()).isEqualTo(http);
    assertThat(app.client().get("/health").send().await().statusCode()).isEqualTo(200);
    assertThat(app.client().get("/api/infosys?q=1%20%2B%201").send().await().bodyAsJsonObject()
      .getJsonArray("results").getJsonObject(0).getString("text")).isEqualTo("2");
  }

  @Test
  void everyBadObserverRequestGetsAClearAnswerAndNoneShowsAState() {
    Pid root = app.node().whereis(RumblTree.ROOT).await();
    List<BadInputCorpus.Case> cases = new BadInputCorpus(SEED + 4).observerCases(400);

    assertThat(sendAll(cases, null)).isEmpty();
    for (BadInputCorpus.Case bad : cases.stream().filter(bad -> bad.method().equals("GET") && bad.path().startsWith("/api/processes/")).toList()) {
      HttpRequest<Buffer> request = app.client().get(bad.path());
      if (bad.authorization() != null) {
        request.putHeader("Authorization", bad.authorization());
      }
      HttpResponse<Buffer> response = request.send().await();
      if (response.statusCode() == 200) {
        assertThat(response.bodyAsJsonObject().containsKey("state")).as("state shown for %s", bad).isFalse();
      }
    }
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
  }

  @Test
  void everyBadVideoRequestGetsAClearErrorAndTheVideosChannelKeepsRunning() {
    long video = createVideo();
    Pid channel = Channels.join(app.node(), video).await();
    Pid root = app.node().whereis(RumblTree.ROOT).await();

    assertThat(sendAll(new BadInputCorpus(SEED + 1).videoCases(300, video), null)).isEmpty();
    assertThat(sendAll(new BadInputCorpus(SEED + 3).videoCases(300, video), app.token("mallory"))).isEmpty();
    assertThat(Channels.join(app.node(), video).await()).isEqualTo(channel);
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
    assertThat(app.client().post("/api/videos/" + video + "/annotations").bearerTokenAuthentication(app.token("ann"))
      .sendJsonObject(note("still fine")).await().statusCode()).isEqualTo(201);
  }

  @Test
  void noForgedTokenWritesAndNoAccountTakesABackendsName() {
    long video = createVideo();
    Pid root = app.node().whereis(RumblTree.ROOT).await();
    List<BadInputCorpus.Case> cases = new BadInputCorpus(SEED + 4, TestApp.SECRET).accountCases(400, video);

    assertThat(sendAll(cases, null)).isEmpty();
    List<String> written = new ArrayList<>();
    for (BadInputCorpus.Case forged : cases.stream().filter(c -> c.authorization() != null).toList()) {
      HttpRequest<Buffer> request = app.client().request(HttpMethod.valueOf(forged.method()), forged.path()).putHeader("Authorization", forged.authorization());
      int status = request.sendBuffer(Buffer.buffer(forged.body())).await().statusCode();
      if (status != 401) {
        written.add(status + " for " + forged);
      }
    }
    assertThat(written).isEmpty();
    assertThat(app.client().get("/api/videos/" + video + "/annotations").send().await().bodyAsJsonArray()).isEmpty();
    assertThat(app.client().get("/api/videos").send().await().bodyAsJsonArray().stream()
      .map(v -> ((JsonObject) v).getString("title"))).doesNotContain("forged");
    for (String backend : BadInputCorpus.BACKEND_NAMES) {
      assertThat(app.client().post("/api/sessions").sendJsonObject(new JsonObject().put("username", backend).put("password", "a long enough password"))
        .await().statusCode()).as(backend).isEqualTo(401);
    }
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
  }

  @Test
  void everyBadBridgeFrameIsRefusedWithoutTouchingAnyOtherSocketOrProcess() throws InterruptedException {
    long video = createVideo();
    Pid channel = Channels.join(app.node(), video).await();
    Pid compute = app.node().whereis(COMPUTE_ENDPOINT).await();
    Pid root = app.node().whereis(RumblTree.ROOT).await();
    BridgeClient good = BridgeClient.connect(vertx, app.port(), app.token("good"));
    good.register(Channels.topic(video));
    String badToken = app.token("bad");
    List<String> failures = new ArrayList<>();
    Map<String, Integer> answers = new TreeMap<>();

    List<String> frames = new BadInputCorpus(SEED + 2).bridgeFrames(600, video);
    BridgeClient bad = BridgeClient.connect(vertx, app.port());
    for (int i = 0; i < frames.size(); i++) {
      String frame = frames.get(i);
      if (i == frames.size() / 2) {
        bad = BridgeClient.connect(vertx, app.port(), badToken);
      }
      bad.write(frame);
      JsonObject answer = bad.next(received -> "err".equals(received.getString("type")) || "rec".equals(received.getString("type")));
      Integer code = answer.getInteger("failureCode");
      answers.merge(answer.getString("type") + " " + (code != null ? code : answer.getValue("body") instanceof String text ? text : "reply"), 1, Integer::sum);
      if (code != null && code >= 500) {
        failures.add(answer.encode() + " for " + abbreviated(frame));
      }
      if (bad.isClosed()) {
        failures.add("socket closed by " + abbreviated(frame));
        bad = BridgeClient.connect(vertx, app.port(), i < frames.size() / 2 ? null : badToken);
      }
    }

    log.info("bad input: the bridge answered {}", answers);
    assertThat(failures).isEmpty();
    assertThat(Channels.join(app.node(), video).await()).isEqualTo(channel);
    assertThat(app.node().whereis(COMPUTE_ENDPOINT).await()).isEqualTo(compute);
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
    good.send(Channels.annotateAddress(video), note("still fine"), null);
    assertThat(good.next(received -> "rec".equals(received.getString("type"))
      && "still fine".equals(received.getJsonObject("body").getString("body"))).getString("address")).isEqualTo(Channels.topic(video));
    assertThat(good.isClosed()).isFalse();
  }

  @Test
  void everyBadPageSizeOrCursorOnTheListRoutesIsA400NamingIt() {
    long video = createVideo();
    List<String> paths = new ArrayList<>();
    for (String limit : BadInputCorpus.BAD_LIMITS) {
      paths.add("/api/videos?limit=" + limit);
      paths.add("/api/videos/" + video + "/annotations?limit=" + limit);
    }
    BadInputCorpus.BAD_VIDEO_CURSORS.forEach(cursor -> paths.add("/api/videos?after=" + cursor));
    BadInputCorpus.BAD_ANNOTATION_CURSORS.forEach(cursor -> paths.add("/api/videos/" + video + "/annotations?after=" + cursor));
    List<String> failures = new ArrayList<>();

    for (String path : paths) {
      HttpResponse<Buffer> response = app.client().get(path).send().await();
      String error = isJsonError(response) ? response.bodyAsJsonObject().getString("error") : null;
      if (response.statusCode() != 400 || error == null || !(error.contains("limit") || error.contains("after") || error.contains("query"))) {
        failures.add(response.statusCode() + " " + response.bodyAsString() + " for " + path);
      }
    }

    log.info("bad input: {} bad page sizes and cursors on the list routes", paths.size());
    assertThat(failures).isEmpty();
    assertThat(app.client().get("/api/videos?limit=1").send().await().bodyAsJsonArray()).hasSize(1);
  }

  @Test
  void aComputeOverTheBridgeWithAHugeTimeoutIsRefusedOrAnsweredNeverLeftWaiting() throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, app.port());
    Map<String, String> outcomes = new TreeMap<>();

    for (String timeout : BadInputCorpus.HUGE_TIMEOUTS) {
      client.write("{\"type\":\"send\",\"address\":\"infosys.compute\",\"replyAddress\":\"t\",\"body\":"
        + "{\"query\":\"1 + 1\",\"timeoutMs\":" + timeout + "}}");
      JsonObject answer = client.next(frame -> "err".equals(frame.getString("type")) || "t".equals(frame.getString("address")));
      outcomes.put(timeout, "rec".equals(answer.getString("type"))
        ? answer.getJsonObject("body").getJsonArray("results").getJsonObject(0).getString("text")
        : answer.getString("body"));
    }

    log.info("bad input: huge compute timeouts over the bridge gave {}", outcomes);
    assertThat(outcomes).containsEntry("60000", "2").containsEntry("60001", "rejected").containsEntry("1e309", "rejected")
      .containsEntry("9223372036854775807", "rejected").containsEntry("\"60000\"", "rejected");
    assertThat(outcomes.values()).containsOnly("2", "rejected");
    assertThat(client.isClosed()).isFalse();
  }

  private long createVideo() {
    return app.createVideo("ann", "Target");
  }

  private static JsonObject note(String body) {
    return new JsonObject().put("body", body).put("at", 1);
  }

  private static String abbreviated(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** The failures among the answers to the cases sent with token (null: anonymous): a 5xx, or a 4xx without a JSON error. */
  private List<String> sendAll(List<BadInputCorpus.Case> cases, String token) {
    List<String> failures = new ArrayList<>();
    for (BadInputCorpus.Case bad : cases) {
      HttpRequest<Buffer> request = app.client().request(HttpMethod.valueOf(bad.method()), bad.path());
      String authorization = bad.authorization() != null ? bad.authorization() : token != null ? "Bearer " + token : null;
      if (authorization != null) {
        request.putHeader("Authorization", authorization);
      }
      HttpResponse<Buffer> response = (bad.body() == null ? request.send() : request.sendBuffer(Buffer.buffer(bad.body()))).await();
      if (response.statusCode() >= 500) {
        failures.add(response.statusCode() + " for " + bad);
      } else if (response.statusCode() >= 400 && !isJsonError(response)) {
        failures.add("no JSON error body for " + bad + ": " + response.bodyAsString());
      }
    }
    return failures;
  }

  private static boolean isJsonError(HttpResponse<Buffer> response) {
    try {
      return "application/json".equals(response.getHeader("Content-Type"))
        && response.bodyAsJsonObject().getString("error") != null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }
}
