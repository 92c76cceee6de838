package dev.rumbl.video;

import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Videos, users and annotations in a {@link Database}, H2 or PostgreSQL, through a pool of the
 * matching Vert.x client; the store speaks the database's {@link Statements} and is otherwise the
 * same. Every statement commits on its own (auto-commit), so a Future that succeeded means the row
 * is committed. A user with a password hash is an account ({@link #createUser}); a user without one
 * (a backend's, or the author of annotations made before accounts existed) cannot sign in, and is
 * created, if missing, by its first annotation. An operation fails with {@link StorageUnavailable}
 * when its storage process is no longer running (killed, its pool closed under it), when the
 * database is unreachable (a connection refused, lost or timed out: see {@link Outages}; the store
 * is then marked unreachable, and operations fail at once, until its storage process finds the
 * database back), and while it is marked so. Lists are read a page at a time: at most a given
 * number of rows after a cursor made from the last row received, in the order of an index.
 */
public final class VideoStore {

  /** The most videos or annotations one read returns. */
  public static final int MAX_PAGE = 1000;

  private static final String NOT_NULL_VIOLATION = "23502";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final Statements sql;
  private final BooleanSupplier running;
  private final Runnable onOutage;
  private final AtomicBoolean reachable = new AtomicBoolean(true);

  /** A store over pool speaking sql; onOutage runs (on any thread) each time the database is found unreachable. */
  VideoStore(Pool pool, Statements sql, BooleanSupplier running, Runnable onOutage) {
    this.pool = pool;
    this.sql = sql;
    this.running = running;
    this.onOutage = onOutage;
  }

  /** False once the storage process that owns this store has begun to exit. */
  boolean isRunning() {
    return running.getAsBoolean();
  }

  /** True while the owner runs and the database was not found unreachable since it last answered. */
  boolean isAvailable() {
    return reachable.get() && isRunning();
  }

  /** Marks the database unreachable; true if it was reachable until now (the owner then starts probing). */
  boolean markUnreachable() {
    boolean lost = reachable.compareAndSet(true, false);
    if (lost) {
      onOutage.run();
    }
    return lost;
  }

  void markReachable() {
    reachable.set(true);
  }

  /** One round trip to the database, whether or not it is marked reachable. */
  Future<Void> ping() {
    return pool.query(sql.ping()).execute().mapEmpty();
  }

  private <T> Future<T> guarded(Supplier<Future<T>> operation) {
    if (!isAvailable()) {
      return Future.failedFuture(new StorageUnavailable());
    }
    return operation.get().recover(error -> {
      if (error instanceof UnknownVideo) {
        return Future.failedFuture(error);
      }
      if (Outages.isOutage(error)) {
        markUnreachable();
        return Future.failedFuture(new StorageUnavailable(error));
      }
      return Future.failedFuture(isRunning() ? error : new StorageUnavailable(error));
    });
  }

  /** Creates each user that does not exist yet; running it again, or on several nodes at once, changes nothing. */
  Future<Void> seedUsers(Collection<String> usernames) {
    Future<Void> seeded = Future.succeededFuture();
    for (String username : usernames) {
      seeded = seeded.compose(previous -> ensureUser(username));
    }
    return seeded;
  }

  public Future<List<String>> usernames() {
    return guarded(() -> pool.query(sql.selectUsers()).execute().map(rows -> {
      List<String> names = new ArrayList<>();
      rows.forEach(row -> names.add(row.getString(0)));
      return names;
    }));
  }

  /**
   * Creates an account with the password's hash: its id, or null when the name is taken by another
   * user, ignoring case (an account or not). Of creations racing for names equal ignoring case, one
   * creates its account: the database's unique key on the lower-cased name refuses the others,
   * which then find the name taken.
   */
  public Future<Long> createUser(String username, String passwordHash) {
    return guarded(() -> pool.preparedQuery(sql.insertAccount()).execute(Tuple.of(username, passwordHash, username))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0))
      .recover(error -> pool.preparedQuery(sql.selectUserNamed()).execute(Tuple.of(username))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture((Long) null) : Future.failedFuture(error))));
  }

  /** The password hash of the user named exactly so, or null when there is no such user or it has no password. */
  public Future<String> passwordHash(String username) {
    return guarded(() -> pool.preparedQuery(sql.selectPasswordHash()).execute(Tuple.of(username))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)));
  }

  public Future<Video> createVideo(VideoInput input) {
    return guarded(() -> pool.preparedQuery(sql.insertVideo()).execute(Tuple.of(input.title(), input.url()))
      .map(rows -> new Video(rows.iterator().next().getLong(0), input.title(), input.url())));
  }

  /** The first videos, at most {@value #MAX_PAGE}, by id. */
  public Future<List<Video>> videos() {
    return videos(0, MAX_PAGE);
  }

  /** At most limit videos with an id above afterId, by id. */
  public Future<List<Video>> videos(long afterId, int limit) {
    return guarded(() -> pool.preparedQuery(sql.selectVideos()).execute(Tuple.of(afterId, limit)).map(VideoStore::videos));
  }

  /** The video, or a failed Future with {@link UnknownVideo}. */
  public Future<Video> video(long id) {
    return guarded(() -> pool.preparedQuery(sql.selectVideo()).execute(Tuple.of(id)).compose(rows -> {
      List<Video> found = videos(rows);
      return found.isEmpty() ? Future.failedFuture(new UnknownVideo(id)) : Future.succeededFuture(found.get(0));
    }));
  }

  /**
   * Stores an annotation of an existing video; url may be null. Succeeds once it is committed. One
   * statement and one commit when its user exists (an account, a backend); a user not yet stored is
   * created first, then the annotation inserted again.
   */
  public Future<Annotation> annotate(long videoId, AnnotationInput input, String url) {
    Tuple row = Tuple.of(videoId, input.user(), input.body(), input.at(), url);
    return guarded(() -> pool.preparedQuery(sql.insertAnnotation()).execute(row)
      .recover(error -> isNoSuchUser(error)
        ? ensureUser(input.user()).compose(user -> pool.preparedQuery(sql.insertAnnotation()).execute(row))
        : Future.failedFuture(error))
      .map(rows -> new Annotation(rows.iterator().next().getLong(0), videoId, input.user(), input.body(), input.at(), url)));
  }

  /**
   * Creates the user unless it exists. Of two creations of one name at once, the database's unique
   * key on the lower-cased name refuses one (H2's MERGE does not take that key for its own): that
   * one finds the user made, which is all it asked for.
   */
  private Future<Void> ensureUser(String username) {
    return pool.preparedQuery(sql.ensureUser()).execute(Tuple.of(username)).<Void>mapEmpty()
      .recover(error -> UNIQUE_VIOLATION.equals(sqlState(error)) ? Future.succeededFuture() : Future.failedFuture(error));
  }

  /** The insert found no user of that name: its user_id came out null (SQLSTATE 23502, not_null_violation). */
  private static boolean isNoSuchUser(Throwable error) {
    return NOT_NULL_VIOLATION.equals(sqlState(error));
  }

  private static String sqlState(Throwable error) {
    return error instanceof DatabaseException database ? database.getSqlState()
      : error instanceof SQLException jdbc ? jdbc.getSQLState() : null;
  }

  /** The first annotations of a video, at most {@value #MAX_PAGE}, ordered by {@code at}, then by id. */
  public Future<List<Annotation>> annotations(long videoId) {
    return annotations(videoId, AnnotationCursor.START, MAX_PAGE);
  }

  /** At most limit annotations of a video that come after the cursor, ordered by {@code at}, then by id. */
  public Future<List<Annotation>> annotations(long videoId, AnnotationCursor after, int limit) {
    Tuple args = Tuple.of(videoId, after.at(), after.id(), limit);
    return guarded(() -> pool.preparedQuery(sql.selectAnnotations()).execute(args).map(rows -> {
      List<Annotation> annotations = new ArrayList<>();
      for (Row row : rows) {
        annotations.add(new Annotation(row.getLong(0), row.getLong(1), row.getString(2), row.getString(3), row.getInteger(4), row.getString(5)));
      }
      return annotations;
    }));
  }

  Future<Void> close() {
    return pool.close();
  }

  private static List<Video> videos(RowSet<Row> rows) {
    List<Video> videos = new ArrayList<>();
    rows.forEach(row -> videos.add(new Video(row.getLong(0), row.getString(1), row.getString(2))));
    return videos;
  }
}
