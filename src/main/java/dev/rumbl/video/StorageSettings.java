package dev.rumbl.video;

import io.vertx.pgclient.PgConnectOptions;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the storage process finds its database, H2 or PostgreSQL ({@link #database} makes the one
 * to open), and, for PostgreSQL, over what TLS ({@link StorageTls}).
 *
 * <p>PostgreSQL when {@code url} is a PostgreSQL URL ({@code postgresql://user:pass@host:5432/db},
 * or {@code postgres://}), or else when {@code host} is given, with {@code port} (default
 * {@value #DEFAULT_PG_PORT}) and {@code database} (default {@value #DEFAULT_PG_NAME}); {@code user}
 * and {@code password}, when set, override the URL's (the user defaults to {@value #DEFAULT_PG_NAME}
 * without a URL).
 *
 * <p>Otherwise H2. With no {@code url}, the H2 file {@value Storage#DATABASE} in {@code dataDir},
 * opened embedded; on a clustered node the same file is opened in H2's automatic mixed mode
 * ({@code AUTO_SERVER=TRUE}), so that every node of one host given the same data directory shares
 * it (the first to open it serves the others over TCP, and another takes over when it stops). That
 * server listens on {@code autoServerBindAddress} only (default
 * {@value #DEFAULT_AUTO_SERVER_BIND_ADDRESS}: the nodes of one host), applied by
 * {@link H2BindAddress} for the whole JVM. A given H2 {@code url} (for example an H2 TCP server's
 * {@code jdbc:h2:tcp://host:9092/rumbl}) is used as is. Either way {@link #jdbcUrl} adds
 * {@code WRITE_DELAY=0} unless the url sets it, so that every commit is on disk when it returns;
 * the H2 user defaults to {@value #DEFAULT_USER}.
 */
public record StorageSettings(Path dataDir, String url, String host, Integer port, String database, String user,
                              String password, String autoServerBindAddress, StoragePool pool, StorageTls tls) {

  public static final String DEFAULT_USER = "sa";
  public static final String DEFAULT_AUTO_SERVER_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PG_PORT = 5432;
  public static final String DEFAULT_PG_NAME = "rumbl";
  static final String DURABLE = ";WRITE_DELAY=0";
  /** H2 2.3's compaction on close fails an internal assertion (h2database issue 4086). */
  static final String NO_COMPACTION = ";MAX_COMPACT_TIME=0";
  static final String SHARED_FILE = ";AUTO_SERVER=TRUE";

  public StorageSettings {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (host == null && !isPostgresUrl(url)) {
      user = user == null ? DEFAULT_USER : user;
      password = password == null ? "" : password;
    }
    autoServerBindAddress = autoServerBindAddress == null ? DEFAULT_AUTO_SERVER_BIND_ADDRESS : autoServerBindAddress;
    pool = pool == null ? StoragePool.DEFAULTS : pool;
    tls = tls == null ? StorageTls.URLS : tls;
  }

  /** Settings of the same database over TLS as tls says. */
  public StorageSettings withTls(StorageTls tls) {
    return new StorageSettings(dataDir, url, host, port, database, user, password, autoServerBindAddress, pool, tls);
  }

  /** H2 settings whose automatic mixed mode listens on autoServerBindAddress, with the default pool. */
  public StorageSettings(Path dataDir, String url, String user, String password, String autoServerBindAddress) {
    this(dataDir, url, null, null, null, user, password, autoServerBindAddress, null, null);
  }

  /** H2 settings whose automatic mixed mode listens on {@value #DEFAULT_AUTO_SERVER_BIND_ADDRESS} only. */
  public StorageSettings(Path dataDir, String url, String user, String password) {
    this(dataDir, url, user, password, null);
  }

  /** The embedded file in dataDir, user {@value #DEFAULT_USER} with no password. */
  public static StorageSettings inDataDir(Path dataDir) {
    return new StorageSettings(dataDir, null, null, null, null);
  }

  /** A PostgreSQL database named by a URL, keeping the data directory for the rest of the node. */
  public static StorageSettings postgres(Path dataDir, String url) {
    return new StorageSettings(dataDir, url, null, null, null, null, null, null, null, null);
  }

  /** True for a PostgreSQL URL or given host. */
  public boolean isPostgres() {
    return host != null || isPostgresUrl(url);
  }

  public static boolean isPostgresUrl(String url) {
    return url != null && (url.startsWith("postgresql://") || url.startsWith("postgres://"));
  }

  /** True when the database is the H2 file in the data directory (which must then exist). */
  public boolean isDataDirFile() {
    return url == null && !isPostgres();
  }

  /** The H2 JDBC URL to open, on a clustered node or not. */
  public String jdbcUrl(boolean clustered) {
    if (url == null) {
      return "jdbc:h2:file:" + dataDir.resolve(Storage.DATABASE) + DURABLE + NO_COMPACTION + (clustered ? SHARED_FILE : "");
    }
    return url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY") ? url : url + DURABLE;
  }

  /** The PostgreSQL server and database: the URL's, or the host keys'; user and password overridden when set. */
  public PgConnectOptions pgConnectOptions() {
    PgConnectOptions options = isPostgresUrl(url) ? PgConnectOptions.fromUri(url)
      : new PgConnectOptions().setHost(host).setPort(port == null ? DEFAULT_PG_PORT : port)
        .setDatabase(database == null ? DEFAULT_PG_NAME : database).setUser(DEFAULT_PG_NAME).setPassword("");
    if (user != null) {
      options.setUser(user);
    }
    if (password != null) {
      options.setPassword(password);
    }
    tls.applyTo(options);
    return options;
  }

  /** The database these settings name, H2 or PostgreSQL. */
  public Database database(boolean clustered) {
    if (isPostgres()) {
      return new PostgresDatabase(pgConnectOptions(), pool);
    }
    return new H2Database(jdbcUrl(clustered), user, password, pool);
  }

  @Override
  public String toString() {
    return "StorageSettings[" + (isPostgres() ? PostgresDatabase.describe(pgConnectOptions()) : url == null ? dataDir : url.replaceAll("(?i)PASSWORD=[^;]*", "PASSWORD=(hidden)")) + "]";
  }
}
