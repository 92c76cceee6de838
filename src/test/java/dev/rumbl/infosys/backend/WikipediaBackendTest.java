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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class WikipediaBackendTest {

  private static final String JSON = "application/json; charset=utf-8";

  private RecordedServer server;
  private Backend wikipedia;

  @BeforeEach
  void setUp(Vertx vertx) {
    server = RecordedServer.start(vertx, request -> URLDecoder.decode(
        request.path().substring(request.path().lastIndexOf('/') + 1), StandardCharsets.UTF_8))
      .on("Elixir_(programming_language)", 200, JSON, "wikipedia-success.json", 0)
      .on("Elixir_lang", 200, JSON, "wikipedia-success.json", 0)
      .on("Blorft_zxqv", 404, JSON, "wikipedia-not-found.json", 0)
      .on("Mercury", 200, JSON, "wikipedia-disambiguation.json", 0)
      .on("Broken", 200, JSON, "wikipedia-malformed.json", 0)
      .on("Failing", 500, "text/plain", null, 0)
      .on("Slow", 200, JSON, "wikipedia-success.json", 3000);
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject().put("wikipedia", new JsonObject()
      .put("baseUrl", server.url("/api/rest_v1/page/summary/")).put("timeoutMs", 1500)));
    wikipedia = WikipediaBackend.create(vertx, WebClient.create(vertx), config).await().orElseThrow();
  }

  @Test
  void answersTheFirstSentenceOfTheSummaryWithThePageUrl() {
    assertThat(wikipedia.query("Elixir (programming language)", 10).await()).containsExactly(new Result("wikipedia",
      WikipediaBackend.EXACT_SCORE,
      "Elixir is a functional, concurrent, high-level general-purpose programming language that runs on the BEAM "
        + "virtual machine, which is also used to implement the Erlang programming language.",
      "https://en.wikipedia.org/wiki/Elixir_(programming_language)"));
    assertThat(server.requests).singleElement()
      .satisfies(request -> assertThat(request.path()).isEqualTo("/api/rest_v1/page/summary/Elixir_%28programming_language%29"));
  }

  @Test
  void asksForTheSubjectOfAQuestion() {
    assertThat(wikipedia.query("What is Elixir (programming language)?", 10).await()).extracting(Result::score)
      .containsExactly(WikipediaBackend.EXACT_SCORE);
    assertThat(WikipediaBackend.subject("Who was the Ada Lovelace?")).isEqualTo("Ada Lovelace");
    assertThat(WikipediaBackend.subject("tell me about an elixir")).isEqualTo("elixir");
    assertThat(WikipediaBackend.subject("Whatever")).isEqualTo("Whatever");
    assertThat(wikipedia.query("what is ?", 10).await()).isEmpty();
  }

  @Test
  void aPageReachedUnderAnotherTitleScoresLowerAndBelowWolfram() {
    Result result = wikipedia.query("Elixir lang", 10).await().get(0);

    assertThat(result.score()).isEqualTo(WikipediaBackend.NEAR_SCORE).isLessThan(WikipediaBackend.EXACT_SCORE);
    assertThat(WikipediaBackend.EXACT_SCORE).isLessThan(WolframBackend.SCORE);
  }

  @Test
  void aMissingPageGivesNoResults() {
    assertThat(wikipedia.query("Blorft zxqv", 10).await()).isEmpty();
  }

  @Test
  void aDisambiguationPageGivesNoResults() {
    assertThat(wikipedia.query("Mercury", 10).await()).isEmpty();
  }

  @Test
  void malformedJsonGivesNoResults() {
    assertThat(wikipedia.query("Broken", 10).await()).isEmpty();
  }

  @Test
  void anHttpErrorGivesNoResults() {
    assertThat(wikipedia.query("Failing", 10).await()).isEmpty();
  }

  @Test
  void aBodyOfFiftyMegabytesGivesNoResultsWithoutBeingHeld() {
    server.onHuge("Huge", JSON, 50 * 1024 * 1024);

    assertThat(wikipedia.query("Huge", 10).await()).isEmpty();
  }

  @Test
  void aResponseSlowerThanTheRequestTimeoutGivesNoResults() {
    assertThat(wikipedia.query("Slow", 10).await()).isEmpty();
  }

  @Test
  void theFirstSentenceEndsAtTheFirstFullStopFollowedByASentence() {
    assertThat(WikipediaBackend.firstSentence("Water is H2O. It is wet.")).isEqualTo("Water is H2O.");
    assertThat(WikipediaBackend.firstSentence("One sentence only")).isEqualTo("One sentence only");
  }
}
