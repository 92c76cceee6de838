package dev.rumbl.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the configuration the application runs with: the defaults of {@value #DEFAULTS_RESOURCE}
 * (shipped in the jar), deep-merged with the file given at launch (which may hold only the keys it
 * changes), then the environment overrides of {@link EnvOverrides}. The result is checked by
 * {@link AppConfig#fromJson}, so a returned configuration is always valid; otherwise a
 * {@link ConfigException} names the bad key. Reads the classpath: call it off event loops.
 */
public final class ConfigLoader {

  public static final String DEFAULTS_RESOURCE = "conf/config.json";

  private ConfigLoader() {
  }

  /** The defaults merged with given (null for none) and env, validated. */
  public static JsonObject load(JsonObject given, Map<String, String> env) {
    JsonObject config = defaults();
    if (given != null) {
      config.mergeIn(given, true);
    }
    EnvOverrides.apply(config, env);
    AppConfig.fromJson(config);
    return config;
  }

  /** A fresh copy of the shipped defaults. */
  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("the default configuration " + DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DecodeException e) {
      throw new ConfigException("the default configuration " + DEFAULTS_RESOURCE + " is not valid JSON");
    }
  }
}
