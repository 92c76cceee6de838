package dev.rumbl;

import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The videos API of the whole application, written to by signed-in users, with InfoSys asking only the offline local backend. */
@ExtendWith(VertxExtension.class)
class VideoApiTest {

  private TestApp app;
  private String ann;

  @BeforeEach
  void start(Vertx vertx) {
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();
    ann = app.token("ann");
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return post(path, body, ann);
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return app.client().post(path).bearerTokenAuthentication(token).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> get(String path) {
    return app.client().get(path).send().await();
  }

  private long createVideo(String title) {
    HttpResponse<Buffer> created = post("/api/videos", new JsonObject().put("title", title).put("url", ""));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  @Test
  void createdVideosAreListedAndShown() {
    HttpResponse<Buffer> created = post("/api/videos", new JsonObject().put("title", "Intro to OTP").put("url", "https://example.org/otp.mp4"));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject video = created.bodyAsJsonObject();
    assertThat(video.getString("title")).isEqualTo("Intro to OTP");
    assertThat(video.getString("url")).isEqualTo("https://example.org/otp.mp4");
    assertThat(get("/api/videos/" + video.getLong("id")).bodyAsJsonObject()).isEqualTo(video);
    assertThat(get("/api/videos").bodyAsJsonArray()).containsExactly(video);
  }

  @Test
  void annotationsAreStoredAndListedByTimeThenIdWithTheInfoSysAnswer() throws InterruptedException {
    long id = createVideo("Math");

    HttpResponse<Buffer> later = post("/api/videos/" + id + "/annotations", new JsonObject().put("body", "1 + 1").put("at", 9000));
    HttpResponse<Buffer> sooner = post("/api/videos/" + id + "/annotations", new JsonObject().put("body", "hi").put("at", 100), app.token("bob"));

    assertThat(later.statusCode()).isEqualTo(201);
    JsonObject stored = later.bodyAsJsonObject();
    assertThat(stored.fieldNames()).containsExactlyInAnyOrder("id", "user", "body", "at", "videoId");
    assertThat(stored.getLong("videoId")).isEqualTo(id);
    assertThat(stored.getString("user")).isEqualTo("ann");
    assertThat(sooner.bodyAsJsonObject().getString("user")).isEqualTo("bob");
    JsonArray all = new JsonArray();
    for (int i = 0; i < 500 && all.size() < 3; i++) {
      all = get("/api/videos/" + id + "/annotations").bodyAsJsonArray();
      Thread.sleep(10);
    }
    assertThat(all.stream().map(a -> ((JsonObject) a).getString("body"))).containsExactly("hi", "1 + 1", "2");
    JsonObject answer = all.getJsonObject(2);
    assertThat(answer.getString("user")).isEqualTo("local");
    assertThat(answer.getInteger("at")).isEqualTo(9000);
    assertThat(answer.getLong("id")).isGreaterThan(stored.getLong("id"));
    assertThat(all.getJsonObject(0)).isEqualTo(sooner.bodyAsJsonObject());
  }

  @Test
  void invalidInputIs400WithTheReason() {
    long id = createVideo("Strict");
    Map<JsonObject, String> badAnnotations = Map.of(
      new JsonObject().put("body", "").put("at", 1), "'body'",
      new JsonObject().put("user", "ann").put("body", "x".repeat(1001)).put("at", 1), "'body'",
      new JsonObject().put("body", "b").put("at", 86_400_001), "'at'",
      new JsonObject().put("body", "b").put("at", "soon"), "'at'",
      new JsonObject().put("body", "b"), "'at'");

    badAnnotations.forEach((body, reason) -> {
      HttpResponse<Buffer> response = post("/api/videos/" + id + "/annotations", body);
      assertThat(response.statusCode()).as(body.encode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(body.encode()).contains(reason);
    });
    HttpResponse<Buffer> noTitle = post("/api/videos", new JsonObject().put("title", "t".repeat(201)));
    assertThat(noTitle.statusCode()).isEqualTo(400);
    assertThat(noTitle.bodyAsJsonObject().getString("error")).contains("'title'");
    assertThat(get("/api/videos/" + id + "/annotations").bodyAsJsonArray()).isEmpty();
  }

  @Test
  void anUnknownVideoIs404() {
    JsonObject note = new JsonObject().put("body", "b").put("at", 1);

    for (HttpResponse<Buffer> response : List.of(
      get("/api/videos/77"), get("/api/videos/abc"), get("/api/videos/77/annotations"), post("/api/videos/77/annotations", note))) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("error")).contains("no video");
    }
  }

  @Test
  void thePagesAreServedAtTheRoot() {
    HttpResponse<Buffer> index = get("/");

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.getHeader("Content-Type")).startsWith("text/html");
    assertThat(get("/observer.html").statusCode()).isEqualTo(200);
  }
}
