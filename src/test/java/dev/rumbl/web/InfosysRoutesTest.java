package dev.rumbl.web;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The /api/infosys route against a Search that plays InfoSys and records what it was asked. */
@ExtendWith(VertxExtension.class)
class InfosysRoutesTest {

  private record Asked(String query, Integer limit, Long timeoutMs) {
  }

  private final List<Asked> asked = new ArrayList<>();
  private WebClient client;

  private final Search fake = (node, query, limit, timeoutMs) -> {
    asked.add(new Asked(query, limit, timeoutMs));
    return Future.succeededFuture(List.of(
      new Search.Answer("local", 40, "forty", "local:40"),
      new Search.Answer("wolfram", 95.5, "ninety-five", "https://wolfram/95"),
      new Search.Answer("wikipedia", 70, "seventy", "https://wikipedia/70")));
  };

  @BeforeEach
  void start(Vertx vertx) {
    client = serve(vertx, fake);
  }

  @Test
  void answersComeHighestScoreFirstWithTheQuery() {
    HttpResponse<Buffer> response = client.get("/api/infosys").addQueryParam("q", "what is 1+1?").send().await();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("query")).isEqualTo("what is 1+1?");
    JsonArray results = body.getJsonArray("results");
    assertThat(results.stream().map(result -> ((JsonObject) result).getString("backend"))).containsExactly("wolfram", "wikipedia", "local");
    assertThat(results.getJsonObject(0)).isEqualTo(new JsonObject()
      .put("backend", "wolfram").put("score", 95.5).put("text", "ninety-five").put("url", "https://wolfram/95"));
    assertThat(asked).containsExactly(new Asked("what is 1+1?", null, null));
  }

  @Test
  void limitAndTimeoutArePassedOnAndTheLimitIsKept() {
    HttpResponse<Buffer> response = client.get("/api/infosys?q=x&limit=2&timeout=60000").send().await();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("results")).hasSize(2);
    assertThat(asked).containsExactly(new Asked("x", 2, 60_000L));
  }

  @Test
  void badQueriesAreRefusedBeforeInfoSysIsAsked() {
    String longest = "q".repeat(1000);
    Map<String, String> bad = Map.of(
      "", "q",
      "q=", "q",
      "q=%20%20", "q",
      "q=" + longest + "q", "q",
      "q=x&limit=0", "limit",
      "q=x&limit=101", "limit",
      "q=x&limit=ten", "limit",
      "q=x&timeout=0", "timeout",
      "q=x&timeout=60001", "timeout",
      "q=x&timeout=1.5", "timeout");

    bad.forEach((query, param) -> {
      HttpResponse<Buffer> response = client.get("/api/infosys?" + query).send().await();
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).as(query).contains("'" + param + "'");
    });
    assertThat(asked).isEmpty();
    assertThat(client.get("/api/infosys?q=" + longest + "&limit=100&timeout=1").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void withoutInfoSysTheRouteIsUnavailable(Vertx vertx) {
    WebClient bare = serve(vertx, Search.UNAVAILABLE);

    HttpResponse<Buffer> response = bare.get("/api/infosys?q=x").send().await();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "infosys is not running"));
  }

  private static WebClient serve(Vertx vertx, Search search) {
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, 65536, null, Name.local("rumbl"), search);
    HttpServer server = vertx.createHttpServer().requestHandler(Api.router(vertx, Node.of(vertx), settings)).listen(0, "127.0.0.1").await();
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }
}
