package dev.rumbl.config;

import dev.rumbl.video.Channels;
import dev.rumbl.video.StoragePool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @Test
  void shippedDefaultsAreValidAndNeedNothingFromOutside() {
    AppConfig config = AppConfig.fromJson(ConfigLoader.load(null, Map.of()));

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(config.adminToken()).isNull();
    assertThat(config.logLevel()).isEqualTo("INFO");
    assertThat(config.storageUrl()).isNull();
    assertThat(config.storageUser()).isNull();
    assertThat(config.storagePassword()).isNull();
    assertThat(config.storageHost()).isNull();
    assertThat(config.storagePool()).isEqualTo(StoragePool.DEFAULTS);
    assertThat(config.channelIdleMs()).isEqualTo(Channels.DEFAULT_IDLE_MS);
  }

  @Test
  void storageSettingsComeFromTheEnvironment() {
    AppConfig config = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_STORAGE_URL", "jdbc:h2:tcp://db.example:9092/rumbl",
      "RUMBL_STORAGE_USER", "rumbl",
      "RUMBL_STORAGE_PASSWORD", "pw")));

    assertThat(config.storageUrl()).isEqualTo("jdbc:h2:tcp://db.example:9092/rumbl");
    assertThat(config.storageUser()).isEqualTo("rumbl");
    assertThat(config.storagePassword()).isEqualTo("pw");
  }

  @Test
  void aPostgresqlServerIsNamedByAUrlOrByItsKeysWithThePoolSettings() {
    AppConfig byUrl = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_STORAGE_URL", "postgresql://rumbl:s3cret@db.example:5433/videos",
      "RUMBL_STORAGE_POOL_SIZE", "32",
      "RUMBL_STORAGE_CONNECT_TIMEOUT_MS", "2500",
      "RUMBL_STORAGE_PIPELINING_LIMIT", "64",
      "RUMBL_STORAGE_IDLE_TIMEOUT_SECONDS", "30")));
    AppConfig byKeys = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_STORAGE_HOST", "db.example",
      "RUMBL_STORAGE_PORT", "5433",
      "RUMBL_STORAGE_DATABASE", "videos",
      "RUMBL_STORAGE_USER", "rumbl",
      "RUMBL_STORAGE_PASSWORD", "s3cret")));

    assertThat(byUrl.storageUrl()).isEqualTo("postgresql://rumbl:s3cret@db.example:5433/videos");
    assertThat(byUrl.storagePool()).isEqualTo(new StoragePool(32, 2500, 64, 30));
    assertThat(List.of(byKeys.storageHost(), byKeys.storagePort(), byKeys.storageDatabase(), byKeys.storageUser(), byKeys.storagePassword()))
      .containsExactly("db.example", 5433, "videos", "rumbl", "s3cret");
  }

  @Test
  void aStorageUrlOfAnotherDatabaseIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_STORAGE_URL", "jdbc:mysql://db/rumbl?password=s3cret")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("storage.url (or RUMBL_STORAGE_URL): (hidden), expected an H2 JDBC URL")
      .hasMessageNotContaining("s3cret");
  }

  @Test
  void aStorageUrlAndAStorageHostTogetherAreRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_STORAGE_URL", "postgresql://db/rumbl", "RUMBL_STORAGE_HOST", "other")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("storage.host (or RUMBL_STORAGE_HOST): 'other', expected null when storage.url is set");
  }

  @Test
  void aStoragePoolOfNoConnectionsIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_STORAGE_POOL_SIZE", "0")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("storage.poolSize (or RUMBL_STORAGE_POOL_SIZE): '0', expected an integer in 1..1000");
  }

  @Test
  void aBlankStoragePasswordIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_STORAGE_PASSWORD", " ")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration storage.password (or RUMBL_STORAGE_PASSWORD): (hidden), expected a non-blank string");
  }

  @Test
  void givenFileOverridesOnlyTheKeysItHolds() {
    JsonObject given = new JsonObject().put("http", new JsonObject().put("port", 9090))
      .put("infosys", new JsonObject().put("wolfram", new JsonObject().put("appId", "abc")));

    JsonObject config = ConfigLoader.load(given, Map.of());

    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(9090);
    assertThat(config.getJsonObject("http").getString("host")).isEqualTo("0.0.0.0");
    assertThat(config.getJsonObject("infosys").getJsonObject("wolfram").getString("appId")).isEqualTo("abc");
    assertThat(config.getJsonObject("infosys").getJsonObject("wolfram").getString("baseUrl")).startsWith("https://");
  }

  @Test
  void environmentVariablesOverrideSingleKeys() {
    Map<String, String> env = Map.of(
      "RUMBL_HTTP_PORT", "7000",
      "RUMBL_HTTP_HOST", "127.0.0.1",
      "RUMBL_DATA_DIR", "/var/rumbl",
      "RUMBL_ADMIN_TOKEN", "s3cret",
      "RUMBL_WOLFRAM_APP_ID", "app-1",
      "RUMBL_WOLFRAM_URL", "http://localhost:1234/v2/query",
      "RUMBL_WIKIPEDIA_URL", "http://localhost:1235/summary/",
      "RUMBL_INFOSYS_BACKENDS", "wolfram, local,,");

    JsonObject json = ConfigLoader.load(new JsonObject().put("http", new JsonObject().put("port", 9090)), env);
    AppConfig config = AppConfig.fromJson(json);

    assertThat(config.httpPort()).isEqualTo(7000);
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.dataDir()).isEqualTo("/var/rumbl");
    assertThat(config.adminToken()).isEqualTo("s3cret");
    JsonObject infosys = config.infosys();
    assertThat(infosys.getJsonObject("wolfram").getString("appId")).isEqualTo("app-1");
    assertThat(infosys.getJsonObject("wolfram").getString("baseUrl")).isEqualTo("http://localhost:1234/v2/query");
    assertThat(infosys.getJsonObject("wikipedia").getString("baseUrl")).isEqualTo("http://localhost:1235/summary/");
    assertThat(infosys.getJsonArray("backends")).isEqualTo(new JsonArray().add("wolfram").add("local"));
  }

  @Test
  void infosysLimitsComeFromTheEnvironmentAndAreChecked() {
    JsonObject infosys = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_INFOSYS_CACHE_MAX_ENTRIES", "25",
      "RUMBL_INFOSYS_MAX_CONCURRENT_COMPUTES", "7"))).infosys();

    assertThat(infosys.getInteger("cacheMaxEntries")).isEqualTo(25);
    assertThat(infosys.getInteger("maxConcurrentComputes")).isEqualTo(7);
    assertThat(AppConfig.fromJson(ConfigLoader.load(null, Map.of())).infosys().getInteger("maxConcurrentComputes")).isEqualTo(1000);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_INFOSYS_CACHE_MAX_ENTRIES", "0")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("infosys.cacheMaxEntries (or RUMBL_INFOSYS_CACHE_MAX_ENTRIES): '0'");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_INFOSYS_MAX_CONCURRENT_COMPUTES", "many")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("infosys.maxConcurrentComputes (or RUMBL_INFOSYS_MAX_CONCURRENT_COMPUTES): 'many'");
  }

  @Test
  void theIdleTimeoutAndTheAutoServerAddressHaveDefaultsAndComeFromTheEnvironment() {
    AppConfig defaults = AppConfig.fromJson(ConfigLoader.load(null, Map.of()));
    AppConfig given = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_HTTP_IDLE_TIMEOUT_SECONDS", "5",
      "RUMBL_STORAGE_AUTO_SERVER_BIND_ADDRESS", "10.0.0.5")));

    assertThat(defaults.httpIdleTimeoutSeconds()).isEqualTo(60);
    assertThat(defaults.storageAutoServerBindAddress()).isEqualTo("127.0.0.1");
    assertThat(given.httpIdleTimeoutSeconds()).isEqualTo(5);
    assertThat(given.storageAutoServerBindAddress()).isEqualTo("10.0.0.5");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_HTTP_IDLE_TIMEOUT_SECONDS", "0")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration http.idleTimeoutSeconds (or RUMBL_HTTP_IDLE_TIMEOUT_SECONDS): '0', expected an integer in 1..2147483647");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_STORAGE_AUTO_SERVER_BIND_ADDRESS", " ")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("storage.autoServerBindAddress (or RUMBL_STORAGE_AUTO_SERVER_BIND_ADDRESS)");
  }

  @Test
  void nonNumericPortNamesTheKeyAndTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_HTTP_PORT", "eighty")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration http.port (or RUMBL_HTTP_PORT): 'eighty', expected an integer in 0..65535");
  }

  @Test
  void outOfRangePortIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_HTTP_PORT", "70000")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("http.port");
  }

  @Test
  void nonHttpUrlIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_WIKIPEDIA_URL", "not a url")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("infosys.wikipedia.baseUrl (or RUMBL_INFOSYS_WIKIPEDIA_BASE_URL or RUMBL_WIKIPEDIA_URL)");
  }

  @Test
  void badBackendNameIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_INFOSYS_BACKENDS", "wolfram,Bad Name")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("infosys.backends (or RUMBL_INFOSYS_BACKENDS)");
  }

  @Test
  void blankAdminTokenIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject().put("adminToken", 12345), Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("adminToken (or RUMBL_ADMIN_TOKEN)")
      .hasMessageNotContaining("12345");
  }

  @Test
  void unknownLogLevelIsRefusedFromTheFile() {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject().put("log", new JsonObject().put("level", "LOUD")), Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("log.level (or RUMBL_LOG_LEVEL): 'LOUD'");
  }

  @Test
  void wrongTypeInTheFileIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject().put("http", new JsonObject().put("maxBodyBytes", "big")), Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration http.maxBodyBytes (or RUMBL_HTTP_MAX_BODY_BYTES): 'big', expected an integer in 1..2147483647");
  }

  @Test
  void accountsAndLimitsHaveDefaultsAndEnvironmentVariablesAndTheSecretIsNeverEchoed() {
    AppConfig defaults = AppConfig.fromJson(ConfigLoader.load(null, Map.of()));
    assertThat(defaults.authSecret()).isNull();
    assertThat(defaults.tokenTtlSeconds()).isEqualTo(1_209_600);
    assertThat(defaults.limits()).isEqualTo(dev.rumbl.limits.LimitSettings.defaults());

    AppConfig overridden = AppConfig.fromJson(ConfigLoader.load(null, Map.of(
      "RUMBL_AUTH_SECRET", "s".repeat(32), "RUMBL_AUTH_TOKEN_TTL_SECONDS", "60",
      "RUMBL_LIMITS_ANNOTATIONS_PER_SECOND", "1", "RUMBL_LIMITS_ANNOTATIONS_BURST", "2", "RUMBL_LIMITS_VIDEOS_PER_MINUTE", "3",
      "RUMBL_LIMITS_SIGN_UPS_PER_MINUTE", "4", "RUMBL_LIMITS_SIGN_INS_PER_MINUTE", "5", "RUMBL_LIMITS_COUNTER_WRITES_PER_MINUTE", "6",
      "RUMBL_LIMITS_MAX_KEYS", "7")));
    assertThat(overridden.authSecret()).isEqualTo("s".repeat(32));
    assertThat(overridden.tokenTtlSeconds()).isEqualTo(60);
    assertThat(overridden.limits()).isEqualTo(new dev.rumbl.limits.LimitSettings(1, 2, 3, 4, 5, 6, 7));

    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_AUTH_SECRET", "too-short-but-secret")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("auth.secret (or RUMBL_AUTH_SECRET): (hidden)")
      .message().doesNotContain("too-short-but-secret");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_LIMITS_ANNOTATIONS_BURST", "0")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("limits.annotationsBurst (or RUMBL_LIMITS_ANNOTATIONS_BURST)");
  }

  @Test
  void everyKeyHasTheVariableTheRuleMakes() {
    assertThat(EnvOverrides.variableOf("infosys.cacheClearMs")).isEqualTo("RUMBL_INFOSYS_CACHE_CLEAR_MS");
    assertThat(EnvOverrides.variableOf("dataDir")).isEqualTo("RUMBL_DATA_DIR");

    JsonObject config = ConfigLoader.load(null, Map.of(
      "RUMBL_INFOSYS_CACHE_CLEAR_MS", "1500",
      "RUMBL_VIDEOS_CHANNEL_IDLE_MS", "2500",
      "RUMBL_INFOSYS_LOCAL_KNOWLEDGE", "kb.json",
      "RUMBL_INFOSYS_WOLFRAM_APP_ID", "by-the-rule"));

    assertThat(config.getJsonObject("infosys").getInteger("cacheClearMs")).isEqualTo(1500);
    assertThat(AppConfig.fromJson(config).channelIdleMs()).isEqualTo(2500);
    assertThat(config.getJsonObject("infosys").getJsonObject("local").getString("knowledge")).isEqualTo("kb.json");
    assertThat(config.getJsonObject("infosys").getJsonObject("wolfram").getString("appId")).isEqualTo("by-the-rule");
  }

  @Test
  void anAliasStillWorksAndTheRulesNameWinsOverIt() {
    JsonObject alias = ConfigLoader.load(null, Map.of("RUMBL_WOLFRAM_APP_ID", "old-name"));
    JsonObject both = ConfigLoader.load(null, Map.of("RUMBL_WOLFRAM_APP_ID", "old-name", "RUMBL_INFOSYS_WOLFRAM_APP_ID", "new-name"));

    assertThat(alias.getJsonObject("infosys").getJsonObject("wolfram").getString("appId")).isEqualTo("old-name");
    assertThat(both.getJsonObject("infosys").getJsonObject("wolfram").getString("appId")).isEqualTo("new-name");
  }

  @Test
  void aListKeyIsReadCommaSeparated() {
    JsonObject config = ConfigLoader.load(null, Map.of("RUMBL_INFOSYS_BACKENDS", " local ,wikipedia"));

    assertThat(config.getJsonObject("infosys").getJsonArray("backends")).isEqualTo(new JsonArray().add("local").add("wikipedia"));
  }

  @Test
  void aBadIntegerNamesTheKeyAndItsVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_INFOSYS_CACHE_CLEAR_MS", "soon")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration infosys.cacheClearMs (or RUMBL_INFOSYS_CACHE_CLEAR_MS): 'soon', must be a positive integer");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_HTTP_MAX_BODY_BYTES", "1.5")))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration http.maxBodyBytes (or RUMBL_HTTP_MAX_BODY_BYTES): '1.5', expected an integer in 1..2147483647");
  }

  @Test
  void theLogFormatIsTextByDefaultOrJson() {
    assertThat(AppConfig.fromJson(ConfigLoader.load(null, Map.of())).logFormat()).isEqualTo("text");
    assertThat(AppConfig.fromJson(ConfigLoader.load(null, Map.of("RUMBL_LOG_FORMAT", "json"))).logFormat()).isEqualTo("json");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUMBL_LOG_FORMAT", "xml")))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("log.format (or RUMBL_LOG_FORMAT): 'xml'");
  }

  @Test
  void eventLoopsDoNotSpinByDefaultAndTheBudgetIsBounded() {
    assertThat(AppConfig.fromJson(ConfigLoader.load(null, Map.of())).eventLoopSpinMicros()).isZero();
    assertThat(AppConfig.fromJson(ConfigLoader.load(null, Map.of("RUMBL_EVENT_LOOP_SPIN_MICROS", "50"))).eventLoopSpinMicros())
      .isEqualTo(50);
    for (String bad : new String[] {"-1", "10001", "soon"}) {
      assertThatThrownBy(() -> AppConfig.fromJson(ConfigLoader.load(null, Map.of("RUMBL_EVENT_LOOP_SPIN_MICROS", bad))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("eventLoop.spinMicros (or RUMBL_EVENT_LOOP_SPIN_MICROS): '" + bad + "'");
    }
  }
}
