package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded corpus of 1,200 bad requests sent to every route of the running application: each is
 * answered with a 4xx JSON error (or accepted, where it happens to be valid), never a 5xx, no
 * process but the ones the input named crashes, and the application answers normally afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final long SEED = 20261126L;

  private Vertx vertx;
  private TestApp app;

  @BeforeAll
  void startApplication() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, new JsonObject().put("adminToken", "token")
      .put("infosys", new JsonObject().put("backends", new JsonArray().add("local")))).await();
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
    List<String> failures = new ArrayList<>();

    for (BadInputCorpus.Case bad : new BadInputCorpus(SEED).cases(1200)) {
      HttpRequest<Buffer> request = app.client().request(HttpMethod.valueOf(bad.method()), bad.path());
      HttpResponse<Buffer> response = (bad.body() == null ? request.send() : request.sendBuffer(Buffer.buffer(bad.body()))).await();
      if (response.statusCode() >= 500) {
        failures.add(response.statusCode() + " for " + bad);
      } else if (response.statusCode() >= 400 && !isJsonError(response)) {
        failures.add("no JSON error body for " + bad + ": " + response.bodyAsString());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(app.node().whereis(RumblTree.ROOT).await()).isEqualTo(root);
    assertThat(app.node().whereis(Name.local("http")).await()).isEqualTo(http);
    assertThat(app.client().get("/health").send().await().statusCode()).isEqualTo(200);
    assertThat(app.client().get("/api/infosys?q=1%20%2B%201").send().await().bodyAsJsonObject()
      .getJsonArray("results").getJsonObject(0).getString("text")).isEqualTo("2");
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
