package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class LocalBackendTest {

  private Backend local;

  @BeforeEach
  void load(Vertx vertx) {
    local = LocalBackend.create(vertx, null, InfoSysConfig.defaults()).await().orElseThrow();
  }

  @Test
  void answersArithmeticExactly() {
    List<Result> results = local.query("1 + 1", 10).await();

    assertThat(results).first().isEqualTo(new Result("local", 100, "2", null));
  }

  @Test
  void theShippedKnowledgeBaseHasAFewHundredFacts(Vertx vertx) {
    KnowledgeBase knowledge = KnowledgeBase.parse(vertx.fileSystem().readFile("conf/knowledge.json").await());

    assertThat(knowledge.size()).isBetween(300, 1000);
  }

  @Test
  void anExactQuestionScoresHighestAndWinsOverPartialMatches() {
    List<Result> results = local.query("What is the capital of France?", 5).await();

    assertThat(results).isNotEmpty();
    assertThat(results.get(0).text()).isEqualTo("The capital of France is Paris.");
    assertThat(results.get(0).score()).isEqualTo(KnowledgeBase.MAX_SCORE);
    assertThat(results.subList(1, results.size())).allSatisfy(other -> assertThat(other.score()).isLessThan(KnowledgeBase.MAX_SCORE));
  }

  @Test
  void aPartialQuestionScoresLowerThanAnExactOne() {
    int partial = local.query("speed of light", 1).await().get(0).score();
    int exact = local.query("speed of light in vacuum", 1).await().get(0).score();

    assertThat(local.query("speed of light", 1).await().get(0).text()).contains("299,792,458 m/s");
    assertThat(partial).isLessThan(exact);
  }

  @Test
  void answersChemicalElements() {
    assertThat(local.query("chemical element iron", 1).await().get(0).text())
      .isEqualTo("Iron is the chemical element with symbol Fe and atomic number 26.");
  }

  @Test
  void answersNothingForAnUnrelatedQuestion() {
    assertThat(local.query("zxqv blorft", 10).await()).isEmpty();
  }

  @Test
  void keepsToTheLimit() {
    assertThat(local.query("capital", 3).await()).hasSize(3);
  }

  @Test
  void aKnowledgeEntryWithoutAnAnswerIsRefusedNamingIt() {
    Buffer json = new JsonArray().add(new JsonObject().put("question", "q one").put("answer", "a"))
      .add(new JsonObject().put("question", "q two")).toBuffer();

    assertThatThrownBy(() -> KnowledgeBase.parse(json)).hasMessageContaining("entry 1");
  }
}
