package dev.rumbl.infosys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated compute request: the one place that decides what a caller may ask, shared by
 * {@link InfoSys#compute}, the event-bus endpoint and the HTTP API. Constructing one throws
 * {@link InvalidQuery} naming the problem when the query is missing, blank or longer than
 * {@value #MAX_QUERY_LENGTH} characters, the limit is outside 1..{@value #MAX_LIMIT}, the timeout
 * outside 1..{@value #MAX_TIMEOUT_MS} ms, or a backend name is blank. The query is kept trimmed.
 */
public record ComputeRequest(String query, ComputeOptions options) {

  public static final int MAX_QUERY_LENGTH = 1000;
  public static final int MAX_LIMIT = 100;
  public static final long MAX_TIMEOUT_MS = 60_000;

  public static final String QUERY = "query";
  public static final String LIMIT = "limit";
  public static final String TIMEOUT_MS = "timeoutMs";
  public static final String BACKENDS = "backends";

  public ComputeRequest {
    if (query == null || query.isBlank()) {
      throw new InvalidQuery("query is missing or blank");
    }
    query = query.trim();
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new InvalidQuery("query is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    if (options == null) {
      options = ComputeOptions.defaults();
    }
    requireRange(LIMIT, options.limit(), MAX_LIMIT);
    requireRange(TIMEOUT_MS, options.timeoutMs(), MAX_TIMEOUT_MS);
    if (options.backends() != null && options.backends().stream().anyMatch(name -> name == null || name.isBlank())) {
      throw new InvalidQuery("backends must be non-blank names");
    }
  }

  /** Reads {@code {"query", "limit"?, "timeoutMs"?, "backends"?}}; absent options take their defaults. */
  public static ComputeRequest fromJson(JsonObject json) {
    if (json == null) {
      throw new InvalidQuery("the request must be a JSON object with a query");
    }
    Object query = json.getValue(QUERY);
    if (query != null && !(query instanceof String)) {
      throw new InvalidQuery("query must be a string");
    }
    ComputeOptions defaults = ComputeOptions.defaults();
    int limit = (int) integer(json, LIMIT, defaults.limit(), MAX_LIMIT);
    long timeoutMs = integer(json, TIMEOUT_MS, defaults.timeoutMs(), MAX_TIMEOUT_MS);
    return new ComputeRequest((String) query, new ComputeOptions(limit, timeoutMs, backends(json)));
  }

  private static long integer(JsonObject json, String key, long fallback, long max) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new InvalidQuery(key + " must be an integer between 1 and " + max + ", not " + value);
    }
    requireRange(key, number.doubleValue(), max);
    return number.longValue();
  }

  private static void requireRange(String key, double value, long max) {
    if (value < 1 || value > max) {
      throw new InvalidQuery(key + " must be between 1 and " + max + ", not " + (long) value);
    }
  }

  private static List<String> backends(JsonObject json) {
    Object value = json.getValue(BACKENDS);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw new InvalidQuery("backends must be an array of backend names");
    }
    List<String> names = new ArrayList<>();
    for (Object name : array) {
      if (!(name instanceof String text)) {
        throw new InvalidQuery("backends must be an array of backend names");
      }
      names.add(text);
    }
    return names;
  }

  /** What the cache holds this request's answers under: its query and limit. */
  Cache.Question question() {
    return new Cache.Question(query, options.limit());
  }
}
