package dev.rumbl.video;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.NodeLocal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The storage process, registered as {@value #NAME}: it opens the H2 database of its
 * {@link StorageSettings} (by default the file {@value #DATABASE} in the data directory) through a
 * JDBC pool, H2's server sockets bound to the settings' address (see {@link H2BindAddress}), creates or migrates the schema, seeds one user per InfoSys backend (idempotently), and
 * only then completes its start, so that the children started after it find the store ready.
 * Several nodes may start against one database at once: migration and seeding are idempotent and
 * are tried again (up to {@value #MIGRATION_ATTEMPTS} times) when a concurrent start makes them
 * fail. The database commits every transaction before the commit returns ({@code WRITE_DELAY=0}),
 * so an acknowledged write survives a {@code kill -9} of the JVM. While it runs, {@link #store}
 * answers its {@link VideoStore}; its exit withdraws the store and closes the pool.
 */
public final class Storage extends GenServer<VideoStore> {

  public static final String NAME = "video.storage";
  public static final String DATABASE = "rumbl";

  private static final Logger log = LoggerFactory.getLogger(Storage.class);
  private static final int POOL_SIZE = 4;
  static final int MIGRATION_ATTEMPTS = 5;
  private static final long MIGRATION_RETRY_MS = 100;

  private final StorageSettings settings;
  private final List<String> seededUsers;

  public Storage(StorageSettings settings, List<String> seededUsers) {
    this.settings = settings;
    this.seededUsers = List.copyOf(seededUsers);
  }

  public static ChildSpec childSpec(StorageSettings settings, List<String> seededUsers) {
    return ChildSpec.worker(NAME, () -> new Storage(settings, seededUsers).named(Name.local(NAME)));
  }

  /** The child spec of a storage process keeping the database in the file of dataDir. */
  public static ChildSpec childSpec(Path dataDir, List<String> seededUsers) {
    return childSpec(StorageSettings.inDataDir(dataDir), seededUsers);
  }

  /** The running store of this Vert.x instance, or null when no storage process runs. */
  public static VideoStore store(Vertx vertx) {
    VideoStore store = NodeLocal.lookup(vertx, NAME, VideoStore.class);
    return store == null || !store.isRunning() ? null : store;
  }

  @Override
  protected Init<VideoStore> init() {
    H2BindAddress.apply(settings.autoServerBindAddress());
    String url = settings.jdbcUrl(node().isClustered());
    JDBCConnectOptions connect = new JDBCConnectOptions().setJdbcUrl(url).setUser(settings.user()).setPassword(settings.password());
    Future<Void> directory = settings.isDataDirFile() ? vertx.fileSystem().mkdirs(settings.dataDir().toString()) : Future.succeededFuture();
    Future<VideoStore> ready = directory
      .map(made -> new VideoStore(JDBCPool.pool(vertx, connect, new PoolOptions().setMaxSize(POOL_SIZE)),
        this::isRunning))
      .compose(store -> prepare(store, 1)
        .map(store)
        .recover(error -> store.close().transform(closed -> Future.failedFuture(error))))
      .onSuccess(store -> {
        NodeLocal.publish(vertx, NAME, store);
        log.info("storage ready: {} (users seeded: {})", url.replaceAll("(?i)PASSWORD=[^;]*", "PASSWORD=(hidden)"), seededUsers);
      });
    return Init.async(ready);
  }

  /** Migrates and seeds, trying again after a failure (another node migrating at the same moment) until the last attempt. */
  private Future<Void> prepare(VideoStore store, int attempt) {
    return store.migrate().compose(migrated -> store.seedUsers(seededUsers)).recover(error -> {
      if (attempt >= MIGRATION_ATTEMPTS) {
        return Future.failedFuture(error);
      }
      log.warn("storage: migration attempt {} of {} failed ({}), trying again", attempt, MIGRATION_ATTEMPTS, error.getMessage());
      return vertx.timer(MIGRATION_RETRY_MS * attempt).compose(tick -> prepare(store, attempt + 1));
    });
  }

  @Override
  protected Future<?> terminate(ExitReason reason, VideoStore store) {
    if (store == null) {
      return Future.succeededFuture();
    }
    NodeLocal.withdraw(vertx, NAME, store);
    return store.close();
  }
}
