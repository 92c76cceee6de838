package dev.rumbl.infosys;

import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.Objects;

/**
 * One answer of one backend: the backend's name, a score from 0 to 100 (higher is better), the
 * text shown to the user and a link to the source, which may be null. It converts to and from
 * JSON with Jackson ({@code {"backend", "score", "text", "url"}}).
 */
public record Result(String backend, int score, String text, String url) {

  public static final int MIN_SCORE = 0;
  public static final int MAX_SCORE = 100;

  /** Highest score first. */
  public static final Comparator<Result> BY_SCORE = Comparator.comparingInt(Result::score).reversed();

  public Result {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(text, "text");
    if (score < MIN_SCORE || score > MAX_SCORE) {
      throw new IllegalArgumentException("a score is between " + MIN_SCORE + " and " + MAX_SCORE + ", not " + score);
    }
  }

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }

  public static Result fromJson(JsonObject json) {
    return json.mapTo(Result.class);
  }
}
