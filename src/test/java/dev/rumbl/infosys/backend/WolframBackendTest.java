package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class WolframBackendTest {

  private static final String XML = "text/xml;charset=utf-8";
  private static final long TIMEOUT_MS = 1500;

  private RecordedServer server;
  private Backend wolfram;

  @BeforeEach
  void setUp(Vertx vertx) {
    server = RecordedServer.start(vertx, request -> request.getParam("input"))
      .on("capital of France", 200, XML, "wolfram-success.xml", 0)
      .on("elixir", 200, XML, "wolfram-definitions.xml", 0)
      .on("blorft", 200, XML, "wolfram-no-result.xml", 0)
      .on("broken", 200, XML, "wolfram-malformed.xml", 0)
      .on("secret", 200, XML, "wolfram-external-entity.xml", 0)
      .on("empty", 200, XML, null, 0)
      .on("failing", 500, "text/plain", null, 0)
      .on("slow", 200, XML, "wolfram-success.xml", 3000);
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject().put("wolfram", new JsonObject()
      .put("appId", "TEST-APP").put("baseUrl", server.url("/v2/query")).put("timeoutMs", TIMEOUT_MS)));
    wolfram = WolframBackend.create(vertx, WebClient.create(vertx), config).await().orElseThrow();
  }

  @Test
  void answersTheFirstResultPodWithScore95() {
    List<Result> results = wolfram.query("capital of France", 10).await();

    assertThat(results).containsExactly(new Result("wolfram", 95, "Paris, Ile-de-France, France", null));
  }

  @Test
  void sendsTheAppIdTheInputAndAsksForPlaintext() {
    wolfram.query("capital of France", 10).await();

    assertThat(server.requests).singleElement().satisfies(request -> {
      assertThat(request.path()).isEqualTo("/v2/query");
      assertThat(request.getParam("appid")).isEqualTo("TEST-APP");
      assertThat(request.getParam("format")).isEqualTo("plaintext");
    });
  }

  @Test
  void answersADefinitionsPod() {
    assertThat(wolfram.query("elixir", 10).await()).extracting(Result::text)
      .containsExactly("1 | noun | a substance believed to cure all ills");
  }

  @Test
  void aNoResultAnswerGivesNoResults() {
    assertThat(wolfram.query("blorft", 10).await()).isEmpty();
  }

  @Test
  void malformedOrEmptyXmlGivesNoResults() {
    assertThat(wolfram.query("broken", 10).await()).isEmpty();
    assertThat(wolfram.query("empty", 10).await()).isEmpty();
  }

  @Test
  void refusesDocumentTypeDeclarationsSoNoExternalEntityIsRead() {
    assertThat(wolfram.query("secret", 10).await()).isEmpty();
  }

  @Test
  void anHttpErrorGivesNoResults() {
    assertThat(wolfram.query("failing", 10).await()).isEmpty();
  }

  @Test
  void aBodyOfFiftyMegabytesGivesNoResultsWithoutBeingHeld() {
    server.onHuge("huge", XML, 50 * 1024 * 1024);

    assertThat(wolfram.query("huge", 10).await()).isEmpty();
  }

  @Test
  void aResponseSlowerThanTheRequestTimeoutGivesNoResults() {
    assertThat(wolfram.query("slow", 10).await()).isEmpty();
  }

  @Test
  void anUnreachableServerGivesNoResults(Vertx vertx) {
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject().put("wolfram", new JsonObject()
      .put("appId", "TEST-APP").put("baseUrl", "http://localhost:1/v2/query")));
    Backend unreachable = WolframBackend.create(vertx, WebClient.create(vertx), config).await().orElseThrow();

    assertThat(unreachable.query("capital of France", 10).await()).isEmpty();
  }

  @Test
  void isDisabledWithoutAnAppId(Vertx vertx) {
    assertThat(WolframBackend.create(vertx, WebClient.create(vertx), InfoSysConfig.defaults()).await()).isEmpty();
  }
}
