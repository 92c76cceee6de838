package dev.rumbl.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * Typed reads of dotted keys ({@code http.port}) from a JSON configuration. Each read returns a
 * value of the asked type and range, or throws a {@link ConfigException} naming the key and the
 * environment variables that override it (secrets are not echoed).
 */
final class ConfigPaths {

  private static final Set<String> SECRETS = Set.of(AppConfig.ADMIN_TOKEN, AppConfig.WOLFRAM_APP_ID, AppConfig.STORAGE_PASSWORD,
    AppConfig.STORAGE_URL, AppConfig.AUTH_SECRET);

  private final JsonObject root;

  ConfigPaths(JsonObject root) {
    this.root = root;
  }

  Object get(String key) {
    Object node = root;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  String nonBlank(String key) {
    Object value = get(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(key, value, "expected a non-blank string");
    }
    return text;
  }

  String optionalNonBlank(String key) {
    return get(key) == null ? null : nonBlank(key);
  }

  int integer(String key, int min, int max) {
    Object value = get(key);
    if (!(value instanceof Integer number) || number < min || number > max) {
      throw invalid(key, value, "expected an integer in " + min + ".." + max);
    }
    return number;
  }

  String oneOf(String key, Set<String> allowed) {
    Object value = get(key);
    if (!(value instanceof String text) || !allowed.contains(text.toUpperCase())) {
      throw invalid(key, value, "expected one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return text.toUpperCase();
  }

  JsonObject object(String key) {
    Object value = get(key);
    if (!(value instanceof JsonObject object)) {
      throw invalid(key, value, "expected a JSON object");
    }
    return object;
  }

  JsonArray array(String key) {
    Object value = get(key);
    if (!(value instanceof JsonArray array)) {
      throw invalid(key, value, "expected a JSON array");
    }
    return array;
  }

  ConfigException invalid(String key, Object value, String expected) {
    List<String> variables = EnvOverrides.variablesOf(key);
    String source = variables.isEmpty() ? "" : " (or " + String.join(" or ", variables) + ")";
    String shown = value == null ? "missing" : SECRETS.contains(key) ? "(hidden)" : "'" + value + "'";
    return new ConfigException("invalid configuration " + key + source + ": " + shown + ", " + expected);
  }
}
