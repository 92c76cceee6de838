package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rumbl.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names a client chooses cannot reach into the supervision tree: counters named after every
 * process the tree registers, and after the channels of videos about to be annotated, are only
 * counters. The attack that used to stop the node (a counter named after a video's channel, then
 * annotations of that video) leaves every restart count at 0 and every counter its value.
 */
@ExtendWith(VertxExtension.class)
class NameSquattingTest {

  private static final int VIDEOS = 5;
  private static final int ANNOTATIONS_PER_VIDEO = 5;

  private TestApp app;
  private String token;

  @BeforeEach
  void start(Vertx vertx) {
    JsonObject unlimited = new JsonObject().put("annotationsBurst", VIDEOS * ANNOTATIONS_PER_VIDEO);
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("limits", unlimited)).await();
    token = app.token("mallory");
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  @Test
  void countersNamedAfterSystemProcessesAndChannelsAreOnlyCountersAndTheTreeNeverRestarts() {
    List<Long> videos = new ArrayList<>();
    for (int i = 0; i < VIDEOS; i++) {
      videos.add(signedPost("/api/videos", new JsonObject().put("title", "v" + i).put("url", "")).bodyAsJsonObject().getLong("id"));
    }
    Map<String, Integer> squatted = new LinkedHashMap<>();
    for (String system : app.node().keys(Name.Scope.LOCAL, null).await()) {
      squatted.put(system, squatted.size());
    }
    for (long video : videos) {
      for (String channelName : List.of("videos." + video + ".channel", "videos.channels", Long.toString(video))) {
        squatted.putIfAbsent(channelName, squatted.size());
      }
    }
    assertThat(squatted).containsKeys("rumbl", "http", "counters", "infosys.cache", "video.storage", "videos.channels");

    squatted.forEach((name, initial) -> {
      HttpResponse<Buffer> created = post("/api/counters", new JsonObject().put("name", name).put("initial", initial));
      if (name.equals("counter")) {
        assertThat(created.statusCode()).as("the book's counter keeps its name").isEqualTo(409);
      } else {
        assertThat(created.statusCode()).as("counter %s: %s", name, created.bodyAsString()).isEqualTo(201);
      }
    });
    squatted.remove("counter");
    for (long video : videos) {
      for (int i = 0; i < ANNOTATIONS_PER_VIDEO; i++) {
        HttpResponse<Buffer> annotated = signedPost("/api/videos/" + video + "/annotations",
          new JsonObject().put("body", "1 + " + i).put("at", i));
        assertThat(annotated.statusCode()).as(annotated.bodyAsString()).isEqualTo(201);
      }
    }

    squatted.forEach((name, initial) -> {
      HttpResponse<Buffer> value = get("/api/counters/" + name);
      assertThat(value.statusCode()).as("counter %s", name).isEqualTo(200);
      assertThat(value.bodyAsJsonObject().getInteger("value")).as("counter %s", name).isEqualTo(initial);
    });
    for (long video : videos) {
      until("video " + video + "'s InfoSys answers stored", 10_000,
        () -> get("/api/videos/" + video + "/annotations").bodyAsJsonArray().size() == 2 * ANNOTATIONS_PER_VIDEO);
    }
    assertThat(restarts(get("/api/supervisors").bodyAsJsonObject())).as("restarts of every supervisor").isZero();
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/api/infosys?q=2%20%2B%202").bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("text"))
      .isEqualTo("4");
  }

  /** The restart counts of a supervisor and every supervisor below it, added up. */
  private static int restarts(JsonObject supervisor) {
    int total = supervisor.getInteger("restarts", 0);
    if (supervisor.getJsonArray("children") != null) {
      for (Object child : supervisor.getJsonArray("children")) {
        total += restarts((JsonObject) child);
      }
    }
    return total;
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return app.client().post(path).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> signedPost(String path, JsonObject body) {
    return app.client().post(path).bearerTokenAuthentication(token).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> get(String path) {
    return app.client().get(path).send().await();
  }
}
