package dev.rumbl;

import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL restart while clients annotate: writes answer 503 while the server is down (never
 * 500, never a hang: each request has {@value #REQUEST_TIMEOUT_MS} ms), succeed again once it is
 * back, and every annotation answered 201, before, during or after, is stored. The server is the
 * tests' own ({@link TestPostgres}), really stopped (fast mode: every connection cut) and started.
 */
@ExtendWith(VertxExtension.class)
class PostgresRestartTest {

  private static final int WRITERS = 8;
  private static final long REQUEST_TIMEOUT_MS = 10_000;
  private static final int ACKS_PER_PHASE = 40;

  @Test
  void aRestartLosesNothingAcknowledgedAndWritesAnswer503WhileItIsDown(Vertx vertx) throws Exception {
    TestPostgres.requireControl();
    JsonObject overrides = TestApp.LOCAL_ONLY.copy().mergeIn(StoreKind.POSTGRES.appOverrides())
      .put("limits", new JsonObject().put("annotationsPerSecond", 1_000_000).put("annotationsBurst", 1_000_000)
        .put("signUpsPerMinute", 100_000).put("signInsPerMinute", 100_000));
    TestApp app = TestApp.start(vertx, overrides).await();
    List<String> tokens = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      tokens.add(app.token("writer-" + w));
    }
    long video = app.client().post("/api/videos").bearerTokenAuthentication(tokens.get(0))
      .sendJsonObject(new JsonObject().put("title", "Outage")).await().bodyAsJsonObject().getLong("id");

    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    Map<String, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();
    AtomicReference<String> phase = new AtomicReference<>("before");
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(annotate(app, video, tokens.get(w), "writer-" + w, 0, writing, phase, acknowledged, answers));
    }
    try {
      awaitAcks(acknowledged, ACKS_PER_PHASE);
      phase.set("down");
      TestPostgres.stopServer();
      Thread.sleep(2000);
      assertThat(app.client().get("/health/ready").send().await().statusCode()).isEqualTo(503);
      phase.set("restarting");
      TestPostgres.startServer();
      int beforeBack = acknowledged.size();
      phase.set("after");
      awaitAcks(acknowledged, beforeBack + ACKS_PER_PHASE);
    } finally {
      writing.set(false);
      TestPostgres.startServer();
    }
    Future.join(writers).await();

    assertThat(answers.get("down")).as("answers while the server was down").containsKey(503);
    answers.forEach((when, statuses) -> assertThat(statuses.keySet()).as("answers %s", when).isSubsetOf(201, 503));
    assertThat(answers.get("after")).containsKey(201);
    assertThat(app.client().get("/health/ready").send().await().statusCode()).isEqualTo(200);
    assertThat(stored(app, video)).containsAllEntriesOf(acknowledged);
    app.stop().await();
  }

  private static Future<Void> annotate(TestApp app, long video, String token, String writer, int n, AtomicBoolean writing,
                                       AtomicReference<String> phase, Map<Long, String> acknowledged,
                                       Map<String, Map<Integer, AtomicInteger>> answers) {
    if (!writing.get()) {
      return Future.succeededFuture();
    }
    String body = writer + " note " + n;
    String when = phase.get();
    return app.client().post("/api/videos/" + video + "/annotations").bearerTokenAuthentication(token).timeout(REQUEST_TIMEOUT_MS)
      .sendJsonObject(new JsonObject().put("body", body).put("at", n))
      .compose(response -> {
        answers.computeIfAbsent(when, key -> new ConcurrentHashMap<>()).computeIfAbsent(response.statusCode(), key -> new AtomicInteger())
          .incrementAndGet();
        if (response.statusCode() == 201) {
          acknowledged.put(response.bodyAsJsonObject().getLong("id"), body);
          return annotate(app, video, token, writer, n + 1, writing, phase, acknowledged, answers);
        }
        return app.vertx().timer(20).compose(tick -> annotate(app, video, token, writer, n + 1, writing, phase, acknowledged, answers));
      });
  }

  private static void awaitAcks(Map<Long, String> acknowledged, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (acknowledged.size() < count) {
      assertThat(System.currentTimeMillis()).as("%s annotations acknowledged within 30 s", count).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static Map<Long, String> stored(TestApp app, long video) {
    Map<Long, String> stored = new ConcurrentHashMap<>();
    String after = "";
    JsonArray page;
    do {
      page = app.client().get("/api/videos/" + video + "/annotations?limit=1000" + after).send().await().bodyAsJsonArray();
      for (int i = 0; i < page.size(); i++) {
        JsonObject annotation = page.getJsonObject(i);
        stored.put(annotation.getLong("id"), annotation.getString("body"));
      }
      if (!page.isEmpty()) {
        JsonObject last = page.getJsonObject(page.size() - 1);
        after = "&after=" + last.getInteger("at") + ":" + last.getLong("id");
      }
    } while (page.size() == 1000);
    return stored;
  }
}
