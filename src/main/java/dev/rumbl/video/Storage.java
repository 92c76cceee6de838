package dev.rumbl.video;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.NodeLocal;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The storage process, registered as {@value #NAME}: it opens the database of its
 * {@link StorageSettings}, H2 (by default the file {@value #DATABASE} in the data directory, H2's
 * server sockets bound to the settings' address, see {@link H2BindAddress}) or PostgreSQL, applies
 * the schema's pending {@link Migrations} on a worker thread, opens a pool of the matching Vert.x
 * client, seeds one user per InfoSys backend (idempotently), and only then completes its start, so
 * that the children started after it find the store ready. Several nodes may start against one
 * database at once: migrating and seeding are tried again (up to {@value #MIGRATION_ATTEMPTS} times)
 * when a concurrent start makes them fail. Every commit is durable when it returns (H2's
 * {@code WRITE_DELAY=0}; PostgreSQL's default {@code synchronous_commit}), so an acknowledged write
 * survives a {@code kill -9} of the JVM.
 *
 * <p>While it runs, {@link #store} answers its {@link VideoStore}, except while the database is
 * unreachable: the store reports the outage, and this process then asks the database again after
 * {@value #PROBE_FIRST_MS} ms, doubling the wait up to {@value #PROBE_MAX_MS} ms, until it answers;
 * meanwhile {@link #store} answers null and every operation fails at once with
 * {@link StorageUnavailable}. Its exit withdraws the store and closes the pool.
 */
public final class Storage extends GenServer<VideoStore> {

  public static final String NAME = "video.storage";
  public static final String DATABASE = "rumbl";

  private static final Logger log = LoggerFactory.getLogger(Storage.class);
  static final int MIGRATION_ATTEMPTS = 5;
  private static final long MIGRATION_RETRY_MS = 100;
  static final long PROBE_FIRST_MS = 100;
  static final long PROBE_MAX_MS = 2000;

  /** The store found the database unreachable. */
  private record Lost() {
  }

  /** Time to ask the database again. */
  private record Probe(int attempt) {
  }

  /** The answer to a probe. */
  private record Probed(int attempt, Throwable failure) {
  }

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

  /** The running store of this Vert.x instance, or null when no storage process runs or its database is unreachable. */
  public static VideoStore store(Vertx vertx) {
    VideoStore store = NodeLocal.lookup(vertx, NAME, VideoStore.class);
    return store == null || !store.isAvailable() ? null : store;
  }

  /**
   * Succeeds once the running store's database answers a round trip; fails with
   * {@link StorageUnavailable} while no storage process runs or its database is unreachable, or with
   * the database's error.
   */
  public static Future<Void> reachable(Vertx vertx) {
    VideoStore store = store(vertx);
    return store == null ? Future.failedFuture(new StorageUnavailable()) : store.ping();
  }

  @Override
  protected Init<VideoStore> init() {
    Database database = settings.database(node().isClustered());
    if (database instanceof H2Database) {
      H2BindAddress.apply(settings.autoServerBindAddress());
    }
    Pid me = self();
    Future<Void> directory = settings.isDataDirFile() ? vertx.fileSystem().mkdirs(settings.dataDir().toString()) : Future.succeededFuture();
    Future<VideoStore> ready = directory
      .compose(made -> migrate(database, 1))
      .map(migrated -> new VideoStore(database.openPool(vertx), database.statements(), this::isRunning,
        () -> node().send(me, new Lost())))
      .compose(store -> seed(store, 1)
        .map(store)
        .recover(error -> store.close().transform(closed -> Future.failedFuture(error))))
      .onSuccess(store -> {
        NodeLocal.publish(vertx, NAME, store);
        log.info("storage ready: {} (users seeded: {})", database.describe(), seededUsers);
      });
    return Init.async(ready);
  }

  /** Applies the migrations, trying again after a failure (another node migrating at the same moment) until the last attempt. */
  private Future<Void> migrate(Database database, int attempt) {
    return Migrations.apply(vertx, database).recover(error -> retry("migration", attempt, error, () -> migrate(database, attempt + 1)));
  }

  /** Seeds the backends' users, trying again after a failure (another node seeding at the same moment) until the last attempt. */
  private Future<Void> seed(VideoStore store, int attempt) {
    return store.seedUsers(seededUsers).recover(error -> retry("seeding", attempt, error, () -> seed(store, attempt + 1)));
  }

  private Future<Void> retry(String what, int attempt, Throwable error, Supplier<Future<Void>> again) {
    if (attempt >= MIGRATION_ATTEMPTS) {
      return Future.failedFuture(error);
    }
    log.warn("storage: {} attempt {} of {} failed ({}), trying again", what, attempt, MIGRATION_ATTEMPTS, error.getMessage());
    return vertx.timer(MIGRATION_RETRY_MS * attempt).compose(tick -> again.get());
  }

  @Override
  protected Outcome<VideoStore> handleInfo(Object message, VideoStore store) {
    if (message instanceof Lost) {
      log.warn("storage: the database is unreachable; writes answer unavailable until it is back");
      node().sendAfter(self(), new Probe(1), PROBE_FIRST_MS);
    } else if (message instanceof Probe probe) {
      Pid me = self();
      store.ping().onComplete(done -> node().send(me, new Probed(probe.attempt(), done.cause())));
    } else if (message instanceof Probed probed) {
      if (probed.failure() == null) {
        store.markReachable();
        log.info("storage: the database answers again after {} attempt(s)", probed.attempt());
      } else {
        long wait = Math.min(PROBE_MAX_MS, PROBE_FIRST_MS << Math.min(probed.attempt(), 20));
        node().sendAfter(self(), new Probe(probed.attempt() + 1), wait);
      }
    }
    return noreply(store);
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
