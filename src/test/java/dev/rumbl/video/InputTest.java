package dev.rumbl.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputTest {

  private static JsonObject annotation(String user, Object body, Object at) {
    return new JsonObject().put("user", user).put("body", body).put("at", at);
  }

  @Test
  void aValidAnnotationIsReadAsItIs() {
    assertThat(AnnotationInput.fromJson(annotation("ann_1.b-c", "1 + 1", 86_400_000)))
      .isEqualTo(new AnnotationInput("ann_1.b-c", "1 + 1", 86_400_000));
    assertThat(AnnotationInput.fromJson(annotation("u".repeat(64), "x".repeat(1000), 0)).body()).hasSize(1000);
  }

  @Test
  void invalidAnnotationsAreRefusedNamingTheField() {
    Map<Object, String> bad = Map.of(
      annotation("", "b", 1), "user",
      annotation("a b", "b", 1), "user",
      annotation("u".repeat(65), "b", 1), "user",
      annotation("ann", "", 1), "body",
      annotation("ann", "   ", 1), "body",
      annotation("ann", "x".repeat(1001), 1), "body",
      annotation("ann", 7, 1), "body",
      annotation("ann", "b", -1), "at",
      annotation("ann", "b", 86_400_001), "at",
      annotation("ann", "b", 1.5), "at");
    bad.forEach((json, field) -> assertThatThrownBy(() -> AnnotationInput.fromJson(json))
      .as(json.toString()).isInstanceOf(InvalidInput.class).hasMessageContaining("'" + field + "'"));
    assertThatThrownBy(() -> AnnotationInput.fromJson(new JsonArray())).isInstanceOf(InvalidInput.class);
  }

  @Test
  void aVideoNeedsATitleOfAtMost200CharactersAndAnHttpUrlOrNone() {
    assertThat(VideoInput.fromJson(new JsonObject().put("title", "t".repeat(200)))).isEqualTo(new VideoInput("t".repeat(200), ""));
    assertThat(VideoInput.fromJson(new JsonObject().put("title", "t").put("url", "https://example.org/v.mp4")).url())
      .isEqualTo("https://example.org/v.mp4");
    for (JsonObject bad : new JsonObject[] {
      new JsonObject(), new JsonObject().put("title", ""), new JsonObject().put("title", "t".repeat(201)),
      new JsonObject().put("title", "t").put("url", "javascript:alert(1)"), new JsonObject().put("title", "t").put("url", 3)}) {
      assertThatThrownBy(() -> VideoInput.fromJson(bad)).as(bad.encode()).isInstanceOf(InvalidInput.class);
    }
  }
}
