package dev.rumbl.config;

import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.InvalidSetting;
import dev.rumbl.limits.LimitSettings;
import dev.rumbl.video.StoragePool;
import dev.rumbl.video.StorageTls;
import dev.rumbl.video.StorageSettings;
import dev.rumbl.video.ViewerSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The application's configuration, validated: every key of {@code conf/config.json} with its
 * type and range checked. {@link #fromJson} either returns a complete, valid configuration or
 * fails with a {@link ConfigException} naming the first bad key. The {@code infosys} section is
 * validated by {@link InfoSysConfig}, its one owner, and handed on whole to the InfoSys subtree.
 */
public record AppConfig(String httpHost, int httpPort, int maxBodyBytes, String dataDir, String storageUrl,
                        String storageUser, String storagePassword, String adminToken, String logLevel, String logFormat,
                        int channelIdleMs, int countersMax, JsonObject infosys, String authSecret, int tokenTtlSeconds, LimitSettings limits,
                        int httpIdleTimeoutSeconds, String storageAutoServerBindAddress, String storageHost, int storagePort,
                        String storageDatabase, StoragePool storagePool, ViewerSettings viewers, StorageTls storageTls,
                        int eventLoopSpinMicros) {

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_MAX_BODY_BYTES = "http.maxBodyBytes";
  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "http.idleTimeoutSeconds";
  public static final String DATA_DIR = "dataDir";
  public static final String STORAGE_URL = "storage.url";
  public static final String STORAGE_USER = "storage.user";
  public static final String STORAGE_PASSWORD = "storage.password";
  public static final String STORAGE_AUTO_SERVER_BIND_ADDRESS = "storage.autoServerBindAddress";
  public static final String STORAGE_HOST = "storage.host";
  public static final String STORAGE_PORT = "storage.port";
  public static final String STORAGE_DATABASE = "storage.database";
  public static final String STORAGE_POOL_SIZE = "storage.poolSize";
  public static final String STORAGE_CONNECT_TIMEOUT_MS = "storage.connectTimeoutMs";
  public static final String STORAGE_PIPELINING_LIMIT = "storage.pipeliningLimit";
  public static final String STORAGE_IDLE_TIMEOUT_SECONDS = "storage.idleTimeoutSeconds";
  public static final String STORAGE_SSL_MODE = "storage.sslMode";
  public static final String STORAGE_SSL_TRUST_FILE = "storage.sslTrustFile";
  public static final String ADMIN_TOKEN = "adminToken";
  public static final String LOG_LEVEL = "log.level";
  public static final String LOG_FORMAT = "log.format";
  public static final String CHANNEL_IDLE_MS = "videos.channelIdleMs";
  public static final String VIDEOS_MAX_SOCKETS = "videos.maxSockets";
  public static final String VIDEOS_MAX_VIDEOS_PER_SOCKET = "videos.maxVideosPerSocket";
  public static final String VIDEOS_SOCKET_TIMEOUT_MS = "videos.socketTimeoutMs";
  public static final String COUNTERS_MAX = "counters.max";
  public static final String INFOSYS = "infosys";
  public static final String WIKIPEDIA_URL = "infosys.wikipedia.baseUrl";
  public static final String WOLFRAM_APP_ID = "infosys.wolfram.appId";
  public static final String WOLFRAM_URL = "infosys.wolfram.baseUrl";
  public static final String AUTH_SECRET = "auth.secret";
  public static final String AUTH_TOKEN_TTL_SECONDS = "auth.tokenTtlSeconds";
  public static final String LIMITS_ANNOTATIONS_PER_SECOND = "limits.annotationsPerSecond";
  public static final String LIMITS_ANNOTATIONS_BURST = "limits.annotationsBurst";
  public static final String LIMITS_VIDEOS_PER_MINUTE = "limits.videosPerMinute";
  public static final String LIMITS_SIGN_UPS_PER_MINUTE = "limits.signUpsPerMinute";
  public static final String LIMITS_SIGN_INS_PER_MINUTE = "limits.signInsPerMinute";
  public static final String LIMITS_COUNTER_WRITES_PER_MINUTE = "limits.counterWritesPerMinute";
  public static final String LIMITS_MAX_KEYS = "limits.maxKeys";
  public static final String EVENT_LOOP_SPIN_MICROS = "eventLoop.spinMicros";
  /** The longest an idle event loop may spin before it sleeps: 10 ms, far past any useful budget. */
  public static final int MAX_SPIN_MICROS = 10_000;
  /** The shortest auth.secret accepted: 32 characters, as many bytes as HMAC-SHA256's output. */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  private static final Set<String> LOG_FORMATS = Set.of("TEXT", "JSON");
  private static final int MAX_PORT = 65535;
  private static final String H2_URL_PREFIX = "jdbc:h2:";

  /** Reads and checks a configuration; {@code json} is not changed. */
  public static AppConfig fromJson(JsonObject json) {
    ConfigPaths paths = new ConfigPaths(json);
    AppConfig config = new AppConfig(
      paths.nonBlank(HTTP_HOST),
      paths.integer(HTTP_PORT, 0, MAX_PORT),
      paths.integer(HTTP_MAX_BODY_BYTES, 1, Integer.MAX_VALUE),
      paths.nonBlank(DATA_DIR),
      storageUrl(paths),
      paths.optionalNonBlank(STORAGE_USER),
      paths.optionalNonBlank(STORAGE_PASSWORD),
      paths.optionalNonBlank(ADMIN_TOKEN),
      paths.oneOf(LOG_LEVEL, LOG_LEVELS),
      paths.oneOf(LOG_FORMAT, LOG_FORMATS).toLowerCase(),
      paths.integer(CHANNEL_IDLE_MS, 1, Integer.MAX_VALUE),
      paths.integer(COUNTERS_MAX, 1, Integer.MAX_VALUE),
      infosys(paths),
      secret(paths),
      paths.integer(AUTH_TOKEN_TTL_SECONDS, 1, Integer.MAX_VALUE),
      new LimitSettings(
        paths.integer(LIMITS_ANNOTATIONS_PER_SECOND, 1, 1_000_000),
        paths.integer(LIMITS_ANNOTATIONS_BURST, 1, 1_000_000),
        paths.integer(LIMITS_VIDEOS_PER_MINUTE, 1, 1_000_000),
        paths.integer(LIMITS_SIGN_UPS_PER_MINUTE, 1, 1_000_000),
        paths.integer(LIMITS_SIGN_INS_PER_MINUTE, 1, 1_000_000),
        paths.integer(LIMITS_COUNTER_WRITES_PER_MINUTE, 1, 1_000_000),
        paths.integer(LIMITS_MAX_KEYS, 1, 10_000_000)),
      paths.integer(HTTP_IDLE_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE),
      paths.nonBlank(STORAGE_AUTO_SERVER_BIND_ADDRESS),
      paths.optionalNonBlank(STORAGE_HOST),
      paths.integer(STORAGE_PORT, 1, MAX_PORT),
      paths.nonBlank(STORAGE_DATABASE),
      new StoragePool(
        paths.integer(STORAGE_POOL_SIZE, 1, 1000),
        paths.integer(STORAGE_CONNECT_TIMEOUT_MS, 1, Integer.MAX_VALUE),
        paths.integer(STORAGE_PIPELINING_LIMIT, 1, 100_000),
        paths.integer(STORAGE_IDLE_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE)),
      new ViewerSettings(
        paths.integer(VIDEOS_MAX_SOCKETS, 1, Integer.MAX_VALUE),
        paths.integer(VIDEOS_MAX_VIDEOS_PER_SOCKET, 1, 1000),
        paths.integer(VIDEOS_SOCKET_TIMEOUT_MS, 1, Integer.MAX_VALUE)),
      storageTls(paths),
      paths.integer(EVENT_LOOP_SPIN_MICROS, 0, MAX_SPIN_MICROS));
    return config;
  }

  /** The tokens' signing secret, null to generate one in the data directory; never shown in an error. */
  private static String secret(ConfigPaths paths) {
    String secret = paths.optionalNonBlank(AUTH_SECRET);
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      throw paths.invalid(AUTH_SECRET, secret, "expected at least " + MIN_SECRET_LENGTH + " characters, or null to generate one");
    }
    return secret;
  }

  /**
   * The storage url: null for H2's file in the data directory (or for the PostgreSQL server of
   * storage.host), an H2 JDBC URL or a PostgreSQL URL; never echoed, as it may hold a password.
   */
  private static String storageUrl(ConfigPaths paths) {
    String url = paths.optionalNonBlank(STORAGE_URL);
    if (url != null && !url.startsWith(H2_URL_PREFIX) && !StorageSettings.isPostgresUrl(url)) {
      throw paths.invalid(STORAGE_URL, url, "expected an H2 JDBC URL (" + H2_URL_PREFIX + "...), a PostgreSQL URL"
        + " (postgresql://user:password@host:5432/database), or null for H2's file in dataDir");
    }
    if (url != null && paths.get(STORAGE_HOST) != null) {
      throw paths.invalid(STORAGE_HOST, paths.get(STORAGE_HOST), "expected null when storage.url is set (give one or the other)");
    }
    if (StorageSettings.isPostgresUrl(url)) {
      try {
        PgConnectOptions.fromUri(url);
      } catch (IllegalArgumentException malformed) {
        throw paths.invalid(STORAGE_URL, url, "expected a well-formed PostgreSQL URL (postgresql://user:password@host:5432/database)");
      }
    }
    return url;
  }

  /**
   * The PostgreSQL connections' TLS: a libpq sslmode or null (the URL's), and a readable PEM trust
   * file, which verify-ca and verify-full (given here or in the URL) need.
   */
  private static StorageTls storageTls(ConfigPaths paths) {
    String mode = paths.optionalNonBlank(STORAGE_SSL_MODE);
    if (mode != null && !StorageTls.MODES.contains(mode)) {
      throw paths.invalid(STORAGE_SSL_MODE, mode, "expected one of " + StorageTls.MODES + ", or null for the URL's sslmode");
    }
    String trustFile = paths.optionalNonBlank(STORAGE_SSL_TRUST_FILE);
    if (trustFile != null && !Files.isReadable(Path.of(trustFile))) {
      throw paths.invalid(STORAGE_SSL_TRUST_FILE, trustFile, "expected a readable PEM file of the certificates that vouch for the server");
    }
    String url = paths.optionalNonBlank(STORAGE_URL);
    String effective = mode != null ? mode : StorageSettings.isPostgresUrl(url) ? PgConnectOptions.fromUri(url).getSslMode().value : null;
    if (StorageTls.verifies(effective) && trustFile == null) {
      throw paths.invalid(STORAGE_SSL_TRUST_FILE, null, "expected a PEM trust file with sslmode " + effective);
    }
    return new StorageTls(mode, trustFile);
  }

  /** The {@code infosys} section, checked by reading it as InfoSys will; a bad key named as every other. */
  private static JsonObject infosys(ConfigPaths paths) {
    JsonObject infosys = paths.object(INFOSYS);
    try {
      InfoSysConfig.fromJson(infosys);
    } catch (InvalidSetting e) {
      throw paths.invalid(e.key(), e.value(), e.expected());
    }
    return infosys;
  }
}
