package dev.rumbl.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The environment variables that override single configuration keys: every key of the shipped
 * defaults ({@link ConfigLoader#DEFAULTS_RESOURCE}) has one, named by one rule ({@link #variableOf}):
 * {@value #PREFIX}, then the key with an underscore for each dot and before each capital, upper-cased
 * ({@code infosys.cacheClearMs} is {@code RUMBL_INFOSYS_CACHE_CLEAR_MS}). The names in use before the
 * rule are kept as aliases ({@link #ALIASES}); when both are set the rule's name wins. A value is read
 * by the type of its key's default: an integer when it reads as one (left as text otherwise, so that
 * validation names the key), a list comma-separated, anything else (a string, or a null default) as text.
 */
public final class EnvOverrides {

  public static final String PREFIX = "RUMBL_";

  /** The older variables that do not follow the rule, by the key each overrides. */
  public static final Map<String, String> ALIASES = Map.of(
    AppConfig.WOLFRAM_APP_ID, "RUMBL_WOLFRAM_APP_ID",
    AppConfig.WOLFRAM_URL, "RUMBL_WOLFRAM_URL",
    AppConfig.WIKIPEDIA_URL, "RUMBL_WIKIPEDIA_URL");

  private EnvOverrides() {
  }

  /** Writes every override present in env into config, creating sections as needed. */
  public static JsonObject apply(JsonObject config, Map<String, String> env) {
    Keys.DEFAULTS.forEach((key, example) -> {
      String value = valueIn(key, env);
      if (value != null) {
        put(config, key, parse(example, value.trim()));
      }
    });
    return config;
  }

  /** The variable the rule makes for key: {@code infosys.cacheClearMs} gives {@code RUMBL_INFOSYS_CACHE_CLEAR_MS}. */
  public static String variableOf(String key) {
    return PREFIX + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  /** The variables that override key, the rule's name first; none for a key the defaults do not hold. */
  static List<String> variablesOf(String key) {
    List<String> variables = new ArrayList<>();
    if (Keys.DEFAULTS.containsKey(key)) {
      variables.add(variableOf(key));
    }
    if (ALIASES.containsKey(key)) {
      variables.add(ALIASES.get(key));
    }
    return variables;
  }

  private static String valueIn(String key, Map<String, String> env) {
    return variablesOf(key).stream().map(env::get).filter(value -> value != null).findFirst().orElse(null);
  }

  private static Object parse(Object example, String text) {
    if (example instanceof Number) {
      return integerOrText(text);
    }
    if (example instanceof JsonArray) {
      return list(text);
    }
    return text;
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

  /** Every key of the shipped defaults with its default value, read once, when first needed. */
  private static final class Keys {

    static final Map<String, Object> DEFAULTS = leaves(ConfigLoader.defaults());

    private static Map<String, Object> leaves(JsonObject root) {
      Map<String, Object> leaves = new LinkedHashMap<>();
      walk(root, "", leaves::put);
      return leaves;
    }

    private static void walk(JsonObject section, String prefix, BiConsumer<String, Object> leaf) {
      for (String name : section.fieldNames()) {
        Object value = section.getValue(name);
        if (value instanceof JsonObject child) {
          walk(child, prefix + name + ".", leaf);
        } else {
          leaf.accept(prefix + name, value);
        }
      }
    }
  }
}
