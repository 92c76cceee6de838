package dev.rumbl.infosys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code infosys} section of the configuration, with every default named once here. Reading
 * an invalid value throws IllegalArgumentException naming the key ({@code infosys.wolfram.timeoutMs
 * must be a positive integer}). A null or blank {@code wolframAppId} disables Wolfram|Alpha. The cache
 * holds at most {@code cacheMaxEntries} answers, each for {@code cacheClearMs}; at most
 * {@code maxConcurrentComputes} computes run at once on a node.
 */
public record InfoSysConfig(List<String> backends, long cacheClearMs, long cacheMaxEntries, int maxConcurrentComputes,
                            String knowledgePath,
                            String wikipediaBaseUrl, long wikipediaTimeoutMs,
                            String wolframAppId, String wolframBaseUrl, long wolframTimeoutMs) {

  public static final String SECTION = "infosys";
  public static final String BACKENDS = "backends";
  public static final String CACHE_CLEAR_MS = "cacheClearMs";
  public static final String CACHE_MAX_ENTRIES = "cacheMaxEntries";
  public static final String MAX_CONCURRENT_COMPUTES = "maxConcurrentComputes";
  public static final String LOCAL = "local";
  public static final String KNOWLEDGE = "knowledge";
  public static final String WIKIPEDIA = "wikipedia";
  public static final String WOLFRAM = "wolfram";
  public static final String BASE_URL = "baseUrl";
  public static final String TIMEOUT_MS = "timeoutMs";
  public static final String APP_ID = "appId";

  public static final List<String> DEFAULT_BACKENDS = List.of("local", "wikipedia", "wolfram");
  public static final long DEFAULT_CACHE_CLEAR_MS = 60_000;
  public static final long DEFAULT_CACHE_MAX_ENTRIES = 10_000;
  public static final int DEFAULT_MAX_CONCURRENT_COMPUTES = 1_000;
  public static final String DEFAULT_KNOWLEDGE = "conf/knowledge.json";
  public static final String DEFAULT_WIKIPEDIA_BASE_URL = "https://en.wikipedia.org/api/rest_v1/page/summary/";
  public static final String DEFAULT_WOLFRAM_BASE_URL = "https://api.wolframalpha.com/v2/query";
  public static final long DEFAULT_REMOTE_TIMEOUT_MS = 5000;

  public InfoSysConfig {
    backends = List.copyOf(backends);
  }

  /** Every default: the three shipped backends, Wolfram|Alpha disabled for want of an app id. */
  public static InfoSysConfig defaults() {
    return fromJson(new JsonObject());
  }

  /** Reads the {@code infosys} object itself (not the whole configuration); null means all defaults. */
  public static InfoSysConfig fromJson(JsonObject infosys) {
    JsonObject json = infosys == null ? new JsonObject() : infosys;
    JsonObject local = section(json, LOCAL);
    JsonObject wikipedia = section(json, WIKIPEDIA);
    JsonObject wolfram = section(json, WOLFRAM);
    return new InfoSysConfig(
      names(json),
      positive(json, CACHE_CLEAR_MS, DEFAULT_CACHE_CLEAR_MS, SECTION),
      positive(json, CACHE_MAX_ENTRIES, DEFAULT_CACHE_MAX_ENTRIES, SECTION),
      positiveInt(json, MAX_CONCURRENT_COMPUTES, DEFAULT_MAX_CONCURRENT_COMPUTES, SECTION),
      text(local, KNOWLEDGE, DEFAULT_KNOWLEDGE, SECTION + "." + LOCAL),
      text(wikipedia, BASE_URL, DEFAULT_WIKIPEDIA_BASE_URL, SECTION + "." + WIKIPEDIA),
      positive(wikipedia, TIMEOUT_MS, DEFAULT_REMOTE_TIMEOUT_MS, SECTION + "." + WIKIPEDIA),
      text(wolfram, APP_ID, null, SECTION + "." + WOLFRAM),
      text(wolfram, BASE_URL, DEFAULT_WOLFRAM_BASE_URL, SECTION + "." + WOLFRAM),
      positive(wolfram, TIMEOUT_MS, DEFAULT_REMOTE_TIMEOUT_MS, SECTION + "." + WOLFRAM));
  }

  public InfoSysConfig withBackends(List<String> backends) {
    return new InfoSysConfig(backends, cacheClearMs, cacheMaxEntries, maxConcurrentComputes, knowledgePath,
      wikipediaBaseUrl, wikipediaTimeoutMs, wolframAppId, wolframBaseUrl, wolframTimeoutMs);
  }

  public InfoSysConfig withCacheClearMs(long cacheClearMs) {
    return new InfoSysConfig(backends, cacheClearMs, cacheMaxEntries, maxConcurrentComputes, knowledgePath,
      wikipediaBaseUrl, wikipediaTimeoutMs, wolframAppId, wolframBaseUrl, wolframTimeoutMs);
  }

  public InfoSysConfig withCacheMaxEntries(long cacheMaxEntries) {
    return new InfoSysConfig(backends, cacheClearMs, cacheMaxEntries, maxConcurrentComputes, knowledgePath,
      wikipediaBaseUrl, wikipediaTimeoutMs, wolframAppId, wolframBaseUrl, wolframTimeoutMs);
  }

  public InfoSysConfig withMaxConcurrentComputes(int maxConcurrentComputes) {
    return new InfoSysConfig(backends, cacheClearMs, cacheMaxEntries, maxConcurrentComputes, knowledgePath,
      wikipediaBaseUrl, wikipediaTimeoutMs, wolframAppId, wolframBaseUrl, wolframTimeoutMs);
  }

  private static JsonObject section(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw invalid(SECTION + "." + key, "must be an object");
    }
    return object;
  }

  private static List<String> names(JsonObject json) {
    Object value = json.getValue(BACKENDS);
    if (value == null) {
      return DEFAULT_BACKENDS;
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(SECTION + "." + BACKENDS, "must be an array of backend names");
    }
    List<String> names = new ArrayList<>();
    for (Object name : array) {
      if (!(name instanceof String text) || text.isBlank() || names.contains(text)) {
        throw invalid(SECTION + "." + BACKENDS, "must be an array of distinct, non-blank backend names");
      }
      names.add(text);
    }
    return names;
  }

  private static long positive(JsonObject json, String key, long fallback, String path) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
      || number.longValue() < 1) {
      throw invalid(path + "." + key, "must be a positive integer, not " + value);
    }
    return number.longValue();
  }

  private static int positiveInt(JsonObject json, String key, int fallback, String path) {
    long value = positive(json, key, fallback, path);
    if (value > Integer.MAX_VALUE) {
      throw invalid(path + "." + key, "must be at most " + Integer.MAX_VALUE + ", not " + value);
    }
    return (int) value;
  }

  private static String text(JsonObject json, String key, String fallback, String path) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw invalid(path + "." + key, "must be a string, not " + value);
    }
    return text;
  }

  private static IllegalArgumentException invalid(String key, String problem) {
    return new IllegalArgumentException("configuration " + key + " " + problem);
  }
}
