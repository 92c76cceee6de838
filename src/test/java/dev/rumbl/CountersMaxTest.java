package dev.rumbl;

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

import static org.assertj.core.api.Assertions.assertThat;

/** {@code counters.max} bounds the counters a client can start: past it 429, and the running ones are untouched. */
@ExtendWith(VertxExtension.class)
class CountersMaxTest {

  private static final int MAX = 5;

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("counters", new JsonObject().put("max", MAX))).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  @Test
  void aCounterPastTheMaximumIs429AndDeletingOneMakesRoom() {
    for (int i = 0; i < MAX; i++) {
      assertThat(create("c" + i, i).statusCode()).isEqualTo(201);
    }

    HttpResponse<Buffer> refused = create("one-too-many", 0);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "max_children"));
    assertThat(app.client().get("/api/counters/one-too-many").send().await().statusCode()).isEqualTo(404);
    for (int i = 0; i < MAX; i++) {
      assertThat(app.client().get("/api/counters/c" + i).send().await().bodyAsJsonObject().getInteger("value")).isEqualTo(i);
    }
    assertThat(app.client().delete("/api/counters/c0").send().await().statusCode()).isEqualTo(204);
    assertThat(create("one-too-many", 0).statusCode()).isEqualTo(201);
  }

  private HttpResponse<Buffer> create(String name, int initial) {
    return app.client().post("/api/counters").sendJsonObject(new JsonObject().put("name", name).put("initial", initial)).await();
  }
}
