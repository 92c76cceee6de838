package dev.rumbl.infosys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code infosys} section of the configuration, with every default named once here and every
 * key validated here, and only here, as it is read: an invalid value throws {@link InvalidSetting}
 * naming the key ({@code infosys.wolfram.timeoutMs must be a positive integer}). A missing key takes
 * its default. Backend names are distinct lower-case words, base URLs http or https URLs, and a
 * null {@code wolframAppId} disables Wolfram|Alpha (a blank one is refused). The cache
 * holds the answers to at most {@code cacheMaxEntries} questions, each question's for
 * {@code cacheClearMs}; at most
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

  private static final Pattern BACKEND_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

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
      knowledge(local),
      httpUrl(wikipedia, DEFAULT_WIKIPEDIA_BASE_URL, SECTION + "." + WIKIPEDIA),
      positive(wikipedia, TIMEOUT_MS, DEFAULT_REMOTE_TIMEOUT_MS, SECTION + "." + WIKIPEDIA),
      text(wolfram, APP_ID, null, SECTION + "." + WOLFRAM),
      httpUrl(wolfram, DEFAULT_WOLFRAM_BASE_URL, SECTION + "." + WOLFRAM),
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
      throw invalid(SECTION + "." + key, value, "must be an object");
    }
    return object;
  }

  private static List<String> names(JsonObject json) {
    Object value = json.getValue(BACKENDS);
    if (value == null) {
      return DEFAULT_BACKENDS;
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(SECTION + "." + BACKENDS, value, "must be an array of backend names");
    }
    List<String> names = new ArrayList<>();
    for (Object name : array) {
      if (!(name instanceof String text) || !BACKEND_NAME.matcher(text).matches() || names.contains(text)) {
        throw invalid(SECTION + "." + BACKENDS, name, "must be an array of distinct backend names, lower-case words such as wolfram");
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
      throw invalid(path + "." + key, value, "must be a positive integer");
    }
    return number.longValue();
  }

  private static int positiveInt(JsonObject json, String key, int fallback, String path) {
    long value = positive(json, key, fallback, path);
    if (value > Integer.MAX_VALUE) {
      throw invalid(path + "." + key, value, "must be an integer in 1.." + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static String text(JsonObject json, String key, String fallback, String path) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(path + "." + key, value, "must be a non-blank string");
    }
    return text;
  }

  /** The knowledge file's path; a blank one, as a missing one, names the shipped file. */
  private static String knowledge(JsonObject local) {
    return local.getValue(KNOWLEDGE) instanceof String text && text.isBlank()
      ? DEFAULT_KNOWLEDGE
      : text(local, KNOWLEDGE, DEFAULT_KNOWLEDGE, SECTION + "." + LOCAL);
  }

  private static String httpUrl(JsonObject json, String fallback, String path) {
    String value = text(json, BASE_URL, fallback, path);
    if (!isHttpUrl(value)) {
      throw invalid(path + "." + BASE_URL, value, "must be an http:// or https:// URL");
    }
    return value;
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static InvalidSetting invalid(String key, Object value, String expected) {
    return new InvalidSetting(key, value, expected);
  }
}
