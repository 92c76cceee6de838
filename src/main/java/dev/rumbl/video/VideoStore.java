package dev.rumbl.video;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Videos, users and annotations in the database behind a JDBC pool: every statement runs on the
 * pool's own threads and commits on its own (auto-commit), so a Future that succeeded means the row
 * is committed. A user with a password hash is an account ({@link #createUser}); a user without one
 * (a backend's, or the author of annotations made before accounts existed) cannot sign in, and is
 * created, if missing, by its first annotation. An operation that fails once its
 * storage process is no longer running (killed, its pool closed under it) fails with
 * {@link StorageUnavailable}. Lists are read a page at a time: at most a given number of rows
 * after a cursor made from the last row received, in the order of an index.
 */
public final class VideoStore {

  /** The most videos or annotations one read returns. */
  public static final int MAX_PAGE = 1000;

  static final List<String> SCHEMA = List.of(
    "CREATE TABLE IF NOT EXISTS users (id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(64) NOT NULL UNIQUE, password_hash VARCHAR(512))",
    "CREATE TABLE IF NOT EXISTS videos (id BIGINT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL, url VARCHAR(2000) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS annotations (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
      + " video_id BIGINT NOT NULL REFERENCES videos(id), user_id BIGINT NOT NULL REFERENCES users(id),"
      + " body VARCHAR(1000) NOT NULL, at_ms INT NOT NULL, url VARCHAR(2000))",
    "CREATE INDEX IF NOT EXISTS annotations_by_time ON annotations(video_id, at_ms, id)",
    // A database made before accounts gets the column; a new one has it already, so that nodes starting at
    // once on a new database never alter a table another node is creating references to.
    "ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash VARCHAR(512)");

  private static final String ENSURE_USER = "MERGE INTO users (username) KEY (username) VALUES (?)";
  private static final String INSERT_ACCOUNT = "SELECT id FROM FINAL TABLE (INSERT INTO users (username, password_hash)"
    + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(512)) FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM users WHERE LOWER(username) = LOWER(?)))";
  private static final String SELECT_USER_NAMED = "SELECT id FROM users WHERE LOWER(username) = LOWER(?)";
  private static final String SELECT_PASSWORD_HASH = "SELECT password_hash FROM users WHERE username = ?";
  private static final String INSERT_VIDEO = "SELECT id FROM FINAL TABLE (INSERT INTO videos (title, url) VALUES (?, ?))";
  private static final String SELECT_VIDEOS = "SELECT id, title, url FROM videos WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
  private static final String SELECT_VIDEO = "SELECT id, title, url FROM videos WHERE id = ?";
  private static final String SELECT_USERS = "SELECT username FROM users ORDER BY id";
  private static final String INSERT_ANNOTATION = "SELECT id FROM FINAL TABLE (INSERT INTO annotations (video_id, user_id, body, at_ms, url)"
    + " VALUES (?, (SELECT id FROM users WHERE username = ?), ?, ?, ?))";
  private static final String SELECT_ANNOTATIONS = "SELECT a.id, a.video_id, u.username, a.body, a.at_ms, a.url"
    + " FROM annotations a JOIN users u ON u.id = a.user_id"
    + " WHERE a.video_id = ? AND (a.at_ms > ? OR (a.at_ms = ? AND a.id > ?))"
    + " ORDER BY a.at_ms, a.id FETCH FIRST ? ROWS ONLY";

  private final Pool pool;
  private final BooleanSupplier running;

  VideoStore(Pool pool, BooleanSupplier running) {
    this.pool = pool;
    this.running = running;
  }

  /** False once the storage process that owns this store has begun to exit. */
  boolean isRunning() {
    return running.getAsBoolean();
  }

  private <T> Future<T> guarded(Future<T> operation) {
    return operation.recover(error -> Future.failedFuture(isRunning() || error instanceof UnknownVideo
      ? error
      : new StorageUnavailable(error)));
  }

  /** Creates the tables and indexes that are missing; existing data is kept. */
  Future<Void> migrate() {
    Future<Void> done = Future.succeededFuture();
    for (String statement : SCHEMA) {
      done = done.compose(previous -> pool.query(statement).execute().mapEmpty());
    }
    return done;
  }

  /** Creates each user that does not exist yet; running it again changes nothing. */
  Future<Void> seedUsers(Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = usernames.stream().map(Tuple::of).toList();
    return pool.preparedQuery(ENSURE_USER).executeBatch(batch).mapEmpty();
  }

  public Future<List<String>> usernames() {
    return guarded(pool.query(SELECT_USERS).execute().map(rows -> {
      List<String> names = new ArrayList<>();
      rows.forEach(row -> names.add(row.getString(0)));
      return names;
    }));
  }

  /**
   * Creates an account with the password's hash: its id, or null when the name is taken by another
   * user, ignoring case (an account or not).
   */
  public Future<Long> createUser(String username, String passwordHash) {
    return guarded(pool.preparedQuery(INSERT_ACCOUNT).execute(Tuple.of(username, passwordHash, username))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0))
      .recover(error -> pool.preparedQuery(SELECT_USER_NAMED).execute(Tuple.of(username))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture((Long) null) : Future.failedFuture(error))));
  }

  /** The password hash of the user named exactly so, or null when there is no such user or it has no password. */
  public Future<String> passwordHash(String username) {
    return guarded(pool.preparedQuery(SELECT_PASSWORD_HASH).execute(Tuple.of(username))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)));
  }

  public Future<Video> createVideo(VideoInput input) {
    return guarded(pool.preparedQuery(INSERT_VIDEO).execute(Tuple.of(input.title(), input.url()))
      .map(rows -> new Video(rows.iterator().next().getLong(0), input.title(), input.url())));
  }

  /** The first videos, at most {@value #MAX_PAGE}, by id. */
  public Future<List<Video>> videos() {
    return videos(0, MAX_PAGE);
  }

  /** At most limit videos with an id above afterId, by id. */
  public Future<List<Video>> videos(long afterId, int limit) {
    return guarded(pool.preparedQuery(SELECT_VIDEOS).execute(Tuple.of(afterId, limit)).map(VideoStore::videos));
  }

  /** The video, or a failed Future with {@link UnknownVideo}. */
  public Future<Video> video(long id) {
    return guarded(pool.preparedQuery(SELECT_VIDEO).execute(Tuple.of(id)).compose(rows -> {
      List<Video> found = videos(rows);
      return found.isEmpty() ? Future.failedFuture(new UnknownVideo(id)) : Future.succeededFuture(found.get(0));
    }));
  }

  /** Stores an annotation of an existing video; url may be null. Succeeds once it is committed. */
  public Future<Annotation> annotate(long videoId, AnnotationInput input, String url) {
    return guarded(pool.preparedQuery(ENSURE_USER).execute(Tuple.of(input.user()))
      .compose(user -> pool.preparedQuery(INSERT_ANNOTATION)
        .execute(Tuple.of(videoId, input.user(), input.body(), input.at(), url)))
      .map(rows -> new Annotation(rows.iterator().next().getLong(0), videoId, input.user(), input.body(), input.at(), url)));
  }

  /** The first annotations of a video, at most {@value #MAX_PAGE}, ordered by {@code at}, then by id. */
  public Future<List<Annotation>> annotations(long videoId) {
    return annotations(videoId, AnnotationCursor.START, MAX_PAGE);
  }

  /** At most limit annotations of a video that come after the cursor, ordered by {@code at}, then by id. */
  public Future<List<Annotation>> annotations(long videoId, AnnotationCursor after, int limit) {
    Tuple args = Tuple.of(videoId, after.at(), after.at(), after.id(), limit);
    return guarded(pool.preparedQuery(SELECT_ANNOTATIONS).execute(args).map(rows -> {
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
