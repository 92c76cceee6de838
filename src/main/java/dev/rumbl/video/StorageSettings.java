package dev.rumbl.video;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the storage process finds its database. With no {@code url}, it is the H2 file
 * {@value Storage#DATABASE} in {@code dataDir}, opened embedded; on a clustered node the same file is
 * opened in H2's automatic mixed mode ({@code AUTO_SERVER=TRUE}), so that every node of one host
 * given the same data directory shares it (the first to open it serves the others over TCP, and
 * another takes over when it stops). That server listens on {@code autoServerBindAddress} only
 * (default {@value #DEFAULT_AUTO_SERVER_BIND_ADDRESS}: the nodes of one host), applied by
 * {@link H2BindAddress} for the whole JVM. A given {@code url} (for example an H2 TCP server's
 * {@code jdbc:h2:tcp://host:9092/rumbl}) is used as is. Either way {@link #jdbcUrl} adds
 * {@code WRITE_DELAY=0} unless the url sets it, so that every commit is on disk when it returns.
 */
public record StorageSettings(Path dataDir, String url, String user, String password, String autoServerBindAddress) {

  public static final String DEFAULT_USER = "sa";
  public static final String DEFAULT_AUTO_SERVER_BIND_ADDRESS = "127.0.0.1";
  static final String DURABLE = ";WRITE_DELAY=0";
  /** H2 2.3's compaction on close fails an internal assertion (h2database issue 4086). */
  static final String NO_COMPACTION = ";MAX_COMPACT_TIME=0";
  static final String SHARED_FILE = ";AUTO_SERVER=TRUE";

  public StorageSettings {
    dataDir = dataDir.toAbsolutePath().normalize();
    user = user == null ? DEFAULT_USER : user;
    password = password == null ? "" : password;
    autoServerBindAddress = autoServerBindAddress == null ? DEFAULT_AUTO_SERVER_BIND_ADDRESS : autoServerBindAddress;
  }

  /** Settings whose automatic mixed mode listens on {@value #DEFAULT_AUTO_SERVER_BIND_ADDRESS} only. */
  public StorageSettings(Path dataDir, String url, String user, String password) {
    this(dataDir, url, user, password, null);
  }

  /** The embedded file in dataDir, user {@value #DEFAULT_USER} with no password. */
  public static StorageSettings inDataDir(Path dataDir) {
    return new StorageSettings(dataDir, null, null, null, null);
  }

  /** True when the database is the file in the data directory (which must then exist). */
  public boolean isDataDirFile() {
    return url == null;
  }

  /** The JDBC URL to open, on a clustered node or not. */
  public String jdbcUrl(boolean clustered) {
    if (url == null) {
      return "jdbc:h2:file:" + dataDir.resolve(Storage.DATABASE) + DURABLE + NO_COMPACTION + (clustered ? SHARED_FILE : "");
    }
    return url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY") ? url : url + DURABLE;
  }
}
