package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

/** Typed reads of JSON fields that either return a value of the asked type or throw {@link InvalidInput}. */
final class Fields {

  private Fields() {
  }

  static JsonObject object(Object value) {
    if (!(value instanceof JsonObject json)) {
      throw new InvalidInput("the body must be a JSON object");
    }
    return json;
  }

  /** A string of min..max characters that is not blank. */
  static String text(JsonObject json, String field, int min, int max) {
    if (!(json.getValue(field) instanceof String text)) {
      throw new InvalidInput("'" + field + "' must be a string");
    }
    int length = text.codePointCount(0, text.length());
    if (length < min || length > max || (min > 0 && text.isBlank())) {
      throw new InvalidInput("'" + field + "' must be " + min + " to " + max + " characters" + (min > 0 ? ", not blank" : ""));
    }
    return text;
  }

  static int integer(JsonObject json, String field, int min, int max) {
    Object value = json.getValue(field);
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
      throw new InvalidInput("'" + field + "' must be an integer from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }
}
