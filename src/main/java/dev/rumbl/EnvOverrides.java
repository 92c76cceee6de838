package dev.rumbl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables that override single configuration keys. Each present variable
 * replaces its key's value: numbers are parsed when they look like integers (and left as text
 * otherwise, so that validation names the key), {@value #INFOSYS_BACKENDS} is a comma-separated list.
 */
public final class EnvOverrides {

  public static final String HTTP_PORT = "RUMBL_HTTP_PORT";
  public static final String HTTP_HOST = "RUMBL_HTTP_HOST";
  public static final String DATA_DIR = "RUMBL_DATA_DIR";
  public static final String STORAGE_URL = "RUMBL_STORAGE_URL";
  public static final String STORAGE_USER = "RUMBL_STORAGE_USER";
  public static final String STORAGE_PASSWORD = "RUMBL_STORAGE_PASSWORD";
  public static final String ADMIN_TOKEN = "RUMBL_ADMIN_TOKEN";
  public static final String LOG_LEVEL = "RUMBL_LOG_LEVEL";
  public static final String INFOSYS_BACKENDS = "RUMBL_INFOSYS_BACKENDS";
  public static final String WOLFRAM_APP_ID = "RUMBL_WOLFRAM_APP_ID";
  public static final String WOLFRAM_URL = "RUMBL_WOLFRAM_URL";
  public static final String WIKIPEDIA_URL = "RUMBL_WIKIPEDIA_URL";
  public static final String COUNTERS_MAX = "RUMBL_COUNTERS_MAX";
  public static final String AUTH_SECRET = "RUMBL_AUTH_SECRET";
  public static final String AUTH_TOKEN_TTL_SECONDS = "RUMBL_AUTH_TOKEN_TTL_SECONDS";
  public static final String LIMITS_ANNOTATIONS_PER_SECOND = "RUMBL_LIMITS_ANNOTATIONS_PER_SECOND";
  public static final String LIMITS_ANNOTATIONS_BURST = "RUMBL_LIMITS_ANNOTATIONS_BURST";
  public static final String LIMITS_SIGN_UPS_PER_MINUTE = "RUMBL_LIMITS_SIGN_UPS_PER_MINUTE";
  public static final String LIMITS_SIGN_INS_PER_MINUTE = "RUMBL_LIMITS_SIGN_INS_PER_MINUTE";
  public static final String LIMITS_COUNTER_WRITES_PER_MINUTE = "RUMBL_LIMITS_COUNTER_WRITES_PER_MINUTE";
  public static final String LIMITS_MAX_KEYS = "RUMBL_LIMITS_MAX_KEYS";
  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "RUMBL_HTTP_IDLE_TIMEOUT_SECONDS";
  public static final String STORAGE_AUTO_SERVER_BIND_ADDRESS = "RUMBL_STORAGE_AUTO_SERVER_BIND_ADDRESS";
  public static final String INFOSYS_CACHE_MAX_ENTRIES = "RUMBL_INFOSYS_CACHE_MAX_ENTRIES";
  public static final String INFOSYS_MAX_CONCURRENT_COMPUTES = "RUMBL_INFOSYS_MAX_CONCURRENT_COMPUTES";

  private record Override(String key, Function<String, Object> parse) {
  }

  private static final Map<String, Override> OVERRIDES = new LinkedHashMap<>();

  static {
    OVERRIDES.put(HTTP_PORT, new Override(AppConfig.HTTP_PORT, EnvOverrides::integerOrText));
    OVERRIDES.put(HTTP_HOST, new Override(AppConfig.HTTP_HOST, text -> text));
    OVERRIDES.put(DATA_DIR, new Override(AppConfig.DATA_DIR, text -> text));
    OVERRIDES.put(STORAGE_URL, new Override(AppConfig.STORAGE_URL, text -> text));
    OVERRIDES.put(STORAGE_USER, new Override(AppConfig.STORAGE_USER, text -> text));
    OVERRIDES.put(STORAGE_PASSWORD, new Override(AppConfig.STORAGE_PASSWORD, text -> text));
    OVERRIDES.put(ADMIN_TOKEN, new Override(AppConfig.ADMIN_TOKEN, text -> text));
    OVERRIDES.put(LOG_LEVEL, new Override(AppConfig.LOG_LEVEL, text -> text));
    OVERRIDES.put(INFOSYS_BACKENDS, new Override(AppConfig.INFOSYS_BACKENDS, EnvOverrides::list));
    OVERRIDES.put(WOLFRAM_APP_ID, new Override(AppConfig.WOLFRAM_APP_ID, text -> text));
    OVERRIDES.put(WOLFRAM_URL, new Override(AppConfig.WOLFRAM_URL, text -> text));
    OVERRIDES.put(WIKIPEDIA_URL, new Override(AppConfig.WIKIPEDIA_URL, text -> text));
    OVERRIDES.put(COUNTERS_MAX, new Override(AppConfig.COUNTERS_MAX, EnvOverrides::integerOrText));
    OVERRIDES.put(AUTH_SECRET, new Override(AppConfig.AUTH_SECRET, text -> text));
    OVERRIDES.put(AUTH_TOKEN_TTL_SECONDS, new Override(AppConfig.AUTH_TOKEN_TTL_SECONDS, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_ANNOTATIONS_PER_SECOND, new Override(AppConfig.LIMITS_ANNOTATIONS_PER_SECOND, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_ANNOTATIONS_BURST, new Override(AppConfig.LIMITS_ANNOTATIONS_BURST, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_SIGN_UPS_PER_MINUTE, new Override(AppConfig.LIMITS_SIGN_UPS_PER_MINUTE, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_SIGN_INS_PER_MINUTE, new Override(AppConfig.LIMITS_SIGN_INS_PER_MINUTE, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_COUNTER_WRITES_PER_MINUTE, new Override(AppConfig.LIMITS_COUNTER_WRITES_PER_MINUTE, EnvOverrides::integerOrText));
    OVERRIDES.put(LIMITS_MAX_KEYS, new Override(AppConfig.LIMITS_MAX_KEYS, EnvOverrides::integerOrText));
    OVERRIDES.put(HTTP_IDLE_TIMEOUT_SECONDS, new Override(AppConfig.HTTP_IDLE_TIMEOUT_SECONDS, EnvOverrides::integerOrText));
    OVERRIDES.put(STORAGE_AUTO_SERVER_BIND_ADDRESS, new Override(AppConfig.STORAGE_AUTO_SERVER_BIND_ADDRESS, text -> text));
    OVERRIDES.put(INFOSYS_CACHE_MAX_ENTRIES, new Override(AppConfig.INFOSYS_CACHE_MAX_ENTRIES, EnvOverrides::integerOrText));
    OVERRIDES.put(INFOSYS_MAX_CONCURRENT_COMPUTES, new Override(AppConfig.INFOSYS_MAX_CONCURRENT_COMPUTES, EnvOverrides::integerOrText));
  }

  private EnvOverrides() {
  }

  /** Writes every override present in env into config, creating sections as needed. */
  public static JsonObject apply(JsonObject config, Map<String, String> env) {
    OVERRIDES.forEach((variable, override) -> {
      String value = env.get(variable);
      if (value != null) {
        put(config, override.key(), override.parse().apply(value.trim()));
      }
    });
    return config;
  }

  /** The environment variable that overrides key, if there is one. */
  static Optional<String> variableOf(String key) {
    return OVERRIDES.entrySet().stream()
      .filter(entry -> entry.getValue().key().equals(key))
      .map(Map.Entry::getKey)
      .findFirst();
  }

  private static void put(JsonObject config, String key, Object value) {
    String[] parts = key.split("\\.");
    JsonObject section = config;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = section.getValue(parts[i]) instanceof JsonObject object ? object : new JsonObject();
      section.put(parts[i], next);
      section = next;
    }
    section.put(parts[parts.length - 1], value);
  }

  private static Object integerOrText(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static JsonArray list(String text) {
    return new JsonArray(Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList());
  }
}
