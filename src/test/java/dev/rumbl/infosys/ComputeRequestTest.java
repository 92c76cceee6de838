package dev.rumbl.infosys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComputeRequestTest {

  private static JsonObject ask(String query) {
    return new JsonObject().put("query", query);
  }

  @Test
  void absentOptionsTakeTheDefaults() {
    ComputeRequest request = ComputeRequest.fromJson(ask("  1 + 1  "));

    assertThat(request.query()).isEqualTo("1 + 1");
    assertThat(request.options()).isEqualTo(new ComputeOptions(10, 10_000, null));
  }

  @Test
  void readsLimitTimeoutAndBackends() {
    ComputeRequest request = ComputeRequest.fromJson(ask("q").put("limit", 3).put("timeoutMs", 2000)
      .put("backends", new JsonArray().add("local")));

    assertThat(request.options()).isEqualTo(new ComputeOptions(3, 2000, List.of("local")));
  }

  @Test
  void refusesAMissingOrBlankQuery() {
    assertThatThrownBy(() -> ComputeRequest.fromJson(new JsonObject())).isInstanceOf(InvalidQuery.class).hasMessageContaining("query");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("   "))).isInstanceOf(InvalidQuery.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> ComputeRequest.fromJson(new JsonObject().put("query", 42))).hasMessageContaining("query must be a string");
  }

  @Test
  void refusesAQueryOverAThousandCharacters() {
    assertThat(ComputeRequest.fromJson(ask("x".repeat(1000))).query()).hasSize(1000);
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("x".repeat(1001))))
      .isInstanceOf(InvalidQuery.class).hasMessageContaining("longer than 1000");
  }

  @Test
  void refusesALimitOutsideOneToAHundred() {
    assertThat(ComputeRequest.fromJson(ask("q").put("limit", 100)).options().limit()).isEqualTo(100);
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("limit", 0))).hasMessage("limit must be between 1 and 100, not 0");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("limit", 101))).hasMessageContaining("limit");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("limit", 1e12))).hasMessageContaining("limit");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("limit", 2.5))).hasMessageContaining("limit must be an integer");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("limit", "3"))).hasMessageContaining("limit must be an integer");
  }

  @Test
  void refusesATimeoutOutsideOneToSixtyThousandMilliseconds() {
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("timeoutMs", 0))).hasMessageContaining("timeoutMs");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("timeoutMs", 60_001))).hasMessageContaining("timeoutMs");
    assertThatThrownBy(() -> new ComputeRequest("q", ComputeOptions.defaults().withTimeout(-5)))
      .isInstanceOf(InvalidQuery.class).hasMessageContaining("timeoutMs");
  }

  @Test
  void refusesBackendsThatAreNotAListOfNames() {
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("backends", "local"))).hasMessageContaining("backends");
    assertThatThrownBy(() -> ComputeRequest.fromJson(ask("q").put("backends", new JsonArray().add(1)))).hasMessageContaining("backends");
  }
}
