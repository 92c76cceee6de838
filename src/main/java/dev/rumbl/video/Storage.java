package dev.rumbl.video;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The storage process, registered as {@value #NAME}: it opens the embedded H2 database
 * {@value #DATABASE} in the data directory through a JDBC pool, creates or migrates the schema,
 * seeds one user per InfoSys backend (idempotently), and only then completes its start, so that
 * the children started after it find the store ready. The database commits every transaction to
 * its file before the commit returns ({@code WRITE_DELAY=0}), so an acknowledged write survives a
 * {@code kill -9} of the JVM. It does not compact the file on close ({@code MAX_COMPACT_TIME=0}):
 * H2 2.3's compaction on close fails an internal assertion (h2database issue 4086). While it runs,
 * {@link #store} answers its {@link VideoStore}; its exit withdraws the store and closes the pool.
 */
public final class Storage extends GenServer<VideoStore> {

  public static final String NAME = "video.storage";
  public static final String DATABASE = "rumbl";

  private static final Logger log = LoggerFactory.getLogger(Storage.class);
  private static final String SHARED_MAP = "rumbl.video";
  private static final int POOL_SIZE = 4;

  private record Held(VideoStore store, Pid owner) implements Shareable {
  }

  private final Path dataDir;
  private final List<String> seededUsers;

  public Storage(Path dataDir, List<String> seededUsers) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.seededUsers = List.copyOf(seededUsers);
  }

  public static ChildSpec childSpec(Path dataDir, List<String> seededUsers) {
    return ChildSpec.worker(NAME, () -> new Storage(dataDir, seededUsers).named(Name.local(NAME)));
  }

  /** The running store of this Vert.x instance, or null when no storage process runs. */
  public static VideoStore store(Vertx vertx) {
    Held held = shared(vertx).get(NAME);
    return held == null || !held.store().isRunning() ? null : held.store();
  }

  /** The JDBC URL of the database kept in dataDir. */
  public static String jdbcUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve(DATABASE) + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0";
  }

  @Override
  protected Init<VideoStore> init() {
    JDBCConnectOptions connect = new JDBCConnectOptions().setJdbcUrl(jdbcUrl(dataDir)).setUser("sa").setPassword("");
    CloseFuture closing = ((ContextInternal) context).closeFuture();
    Future<VideoStore> ready = vertx.fileSystem().mkdirs(dataDir.toString())
      .map(made -> new VideoStore(JDBCPool.pool(vertx, connect, new PoolOptions().setMaxSize(POOL_SIZE)),
        () -> !closing.isClosed() && node().isAlive(self())))
      .compose(store -> store.migrate()
        .compose(migrated -> store.seedUsers(seededUsers))
        .map(store)
        .recover(error -> store.close().transform(closed -> Future.failedFuture(error))))
      .onSuccess(store -> {
        shared(vertx).put(NAME, new Held(store, self()));
        log.info("storage ready: {} (users seeded: {})", jdbcUrl(dataDir), seededUsers);
      });
    return Init.async(ready);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, VideoStore store) {
    if (store == null) {
      return Future.succeededFuture();
    }
    shared(vertx).removeIfPresent(NAME, new Held(store, self()));
    return store.close();
  }

  private static LocalMap<String, Held> shared(Vertx vertx) {
    return vertx.sharedData().getLocalMap(SHARED_MAP);
  }
}
