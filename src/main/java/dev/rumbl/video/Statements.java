package dev.rumbl.video;

/**
 * The SQL {@link VideoStore} sends, in one database's dialect. Both dialects take the same
 * arguments in the same order, so that the store builds one tuple per operation whatever the
 * database. Lists are read a page at a time from an index: videos by id, a video's annotations by
 * {@code (at_ms, id)} from {@code annotations_by_time (video_id, at_ms, id)}, starting after a
 * cursor with a row comparison and in the index's own order (video_id first, so that H2 too reads
 * the index in order and stops at the page's end instead of sorting what follows), so a page costs
 * its own rows and not the ones before or after it.
 */
record Statements(String ensureUser, String insertAccount, String selectUserNamed, String selectPasswordHash,
                  String insertVideo, String selectVideos, String selectVideo, String selectUsers,
                  String insertAnnotation, String selectAnnotations, String ping) {

  private static final String ANNOTATION_COLUMNS = "SELECT a.id, a.video_id, u.username, a.body, a.at_ms, a.url"
    + " FROM annotations a JOIN users u ON u.id = a.user_id";

  /** H2's: MERGE for an upsert, FINAL TABLE for the id of an inserted row, {@code ?} parameters. */
  static final Statements H2 = new Statements(
    "MERGE INTO users (username) KEY (username) VALUES (?)",
    "SELECT id FROM FINAL TABLE (INSERT INTO users (username, password_hash)"
      + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(512)) FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM users WHERE LOWER(username) = LOWER(?)))",
    "SELECT id FROM users WHERE LOWER(username) = LOWER(?)",
    "SELECT password_hash FROM users WHERE username = ?",
    "SELECT id FROM FINAL TABLE (INSERT INTO videos (title, url) VALUES (?, ?))",
    "SELECT id, title, url FROM videos WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY",
    "SELECT id, title, url FROM videos WHERE id = ?",
    "SELECT username FROM users ORDER BY id",
    "SELECT id FROM FINAL TABLE (INSERT INTO annotations (video_id, user_id, body, at_ms, url)"
      + " VALUES (?, (SELECT id FROM users WHERE username = ?), ?, ?, ?))",
    ANNOTATION_COLUMNS + " WHERE a.video_id = ? AND (a.at_ms, a.id) > (?, ?) ORDER BY a.video_id, a.at_ms, a.id FETCH FIRST ? ROWS ONLY",
    "SELECT 1");

  /** PostgreSQL's: ON CONFLICT for an upsert, RETURNING for the id of an inserted row, {@code $n} parameters. */
  static final Statements POSTGRES = new Statements(
    "INSERT INTO users (username) VALUES ($1) ON CONFLICT DO NOTHING",
    "INSERT INTO users (username, password_hash) SELECT CAST($1 AS VARCHAR(64)), CAST($2 AS VARCHAR(512))"
      + " WHERE NOT EXISTS (SELECT 1 FROM users WHERE LOWER(username) = LOWER($3)) RETURNING id",
    "SELECT id FROM users WHERE LOWER(username) = LOWER($1)",
    "SELECT password_hash FROM users WHERE username = $1",
    "INSERT INTO videos (title, url) VALUES ($1, $2) RETURNING id",
    "SELECT id, title, url FROM videos WHERE id > $1 ORDER BY id LIMIT $2",
    "SELECT id, title, url FROM videos WHERE id = $1",
    "SELECT username FROM users ORDER BY id",
    "INSERT INTO annotations (video_id, user_id, body, at_ms, url)"
      + " VALUES ($1, (SELECT id FROM users WHERE username = $2), $3, $4, $5) RETURNING id",
    ANNOTATION_COLUMNS + " WHERE a.video_id = $1 AND (a.at_ms, a.id) > ($2, $3) ORDER BY a.video_id, a.at_ms, a.id LIMIT $4",
    "SELECT 1");
}
