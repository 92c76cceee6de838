package dev.rumbl;

import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Storage;
import dev.rumbl.video.VideoStore;
import io.vertx.core.Future;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/videos and GET /api/videos/{id}/annotations read a page at a time, after a cursor from the last item received. */
@ExtendWith(VertxExtension.class)
class ListPagingTest {

  private TestApp app;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().mergeIn(store().appOverrides())).await();
  }

  /** The storage the application runs on; {@link PostgresListPagingTest} runs every test on PostgreSQL. */
  StoreKind store() {
    return StoreKind.H2;
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> get(String path) {
    return app.client().get(path).send().await();
  }

  private long createVideo(String title) {
    return app.client().post("/api/videos").bearerTokenAuthentication(app.token("pager"))
      .sendJsonObject(new JsonObject().put("title", title)).await().bodyAsJsonObject().getLong("id");
  }

  private static List<Object> ids(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getValue("id")).toList();
  }

  @Test
  void pagingThroughTheVideosGivesEachExactlyOnceInOrder() {
    for (int i = 0; i < 11; i++) {
      createVideo("video " + i);
    }
    JsonArray all = get("/api/videos").bodyAsJsonArray();
    List<Object> paged = new ArrayList<>();
    String path = "/api/videos?limit=3";
    int pages = 0;
    while (true) {
      JsonArray page = get(path).bodyAsJsonArray();
      pages++;
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(3);
      paged.addAll(ids(page));
      path = "/api/videos?limit=3&after=" + page.getJsonObject(page.size() - 1).getLong("id");
    }

    assertThat(all.size()).isEqualTo(11);
    assertThat(paged).isEqualTo(ids(all));
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void pagingThroughTheAnnotationsGivesEachExactlyOnceInTimeThenIdOrder() {
    long video = createVideo("annotated");
    VideoStore store = Storage.store(vertx);
    int[] times = {5000, 0, 5000, 70, 5000, 86_400_000, 70, 0, 5000, 12};
    for (int i = 0; i < times.length; i++) {
      store.annotate(video, new AnnotationInput("pager", "note " + i, times[i]), null).await();
    }
    JsonArray all = get("/api/videos/" + video + "/annotations?limit=1000").bodyAsJsonArray();
    List<Object> paged = new ArrayList<>();
    String path = "/api/videos/" + video + "/annotations?limit=2";
    while (true) {
      JsonArray page = get(path).bodyAsJsonArray();
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(ids(page));
      JsonObject last = page.getJsonObject(page.size() - 1);
      path = "/api/videos/" + video + "/annotations?limit=2&after=" + last.getInteger("at") + ":" + last.getLong("id");
    }

    assertThat(all.size()).isEqualTo(times.length);
    List<Integer> ats = all.stream().map(item -> ((JsonObject) item).getInteger("at")).toList();
    assertThat(ats).isSorted();
    assertThat(paged).isEqualTo(ids(all));
  }

  @Test
  void theDefaultPageIs500AndTheLargest1000() {
    VideoStore store = Storage.store(vertx);
    long video = createVideo("many notes");
    List<Future<?>> stored = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      stored.add(store.annotate(video, new AnnotationInput("pager", "n" + i, i), null));
    }
    Future.all(stored).await();

    assertThat(get("/api/videos/" + video + "/annotations").bodyAsJsonArray().size()).isEqualTo(500);
    assertThat(get("/api/videos/" + video + "/annotations?limit=1000").bodyAsJsonArray().size()).isEqualTo(1000);
    assertThat(get("/api/videos/" + video + "/annotations?limit=1000&after=999:" + Long.MAX_VALUE).bodyAsJsonArray().size()).isEqualTo(1);
  }

  @Test
  void badLimitsAndCursorsAre400NamingTheParameter() {
    long video = createVideo("strict");
    List<String> badVideoQueries = List.of("limit=0", "limit=1001", "limit=-1", "limit=ten", "limit=1.5", "limit=", "limit=1&limit=2",
      "limit=99999999999999999999", "after=x", "after=-1", "after=", "after=1&after=2", "after=99999999999999999999");
    for (String query : badVideoQueries) {
      HttpResponse<Buffer> response = get("/api/videos?" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(query).containsAnyOf("limit", "after");
    }
    List<String> badCursors = List.of("5", "5:", ":5", "5:x", "1:2:3", "-1:2", "86400001:1", "1:99999999999999999999", "1.5:2", "%20:1");
    for (String cursor : badCursors) {
      HttpResponse<Buffer> response = get("/api/videos/" + video + "/annotations?after=" + cursor);
      assertThat(response.statusCode()).as(cursor).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(cursor).startsWith("after must be <at>:<id>");
    }
    assertThat(get("/api/videos/" + video + "/annotations?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/videos/" + video + "/annotations?after=0:0").bodyAsJsonArray()).isEmpty();
  }
}
