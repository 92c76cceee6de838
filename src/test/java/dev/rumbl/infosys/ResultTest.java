package dev.rumbl.infosys;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultTest {

  @Test
  void convertsToAndFromJsonWithJackson() {
    Result result = new Result("wikipedia", 80, "Elixir is a language.", "https://en.wikipedia.org/wiki/Elixir");

    JsonObject json = result.toJson();

    assertThat(json).isEqualTo(new JsonObject().put("backend", "wikipedia").put("score", 80)
      .put("text", "Elixir is a language.").put("url", "https://en.wikipedia.org/wiki/Elixir"));
    assertThat(Result.fromJson(json)).isEqualTo(result);
  }

  @Test
  void aMissingUrlIsNull() {
    assertThat(Result.fromJson(new JsonObject().put("backend", "local").put("score", 100).put("text", "2")).url()).isNull();
  }

  @Test
  void aScoreIsBetweenZeroAndAHundred() {
    assertThatThrownBy(() -> new Result("local", 101, "x", null)).hasMessageContaining("101");
    assertThatThrownBy(() -> new Result("local", -1, "x", null)).hasMessageContaining("-1");
  }
}
