package dev.rumbl.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

/**
 * The schema's versioned migrations, one history for H2 and PostgreSQL: the SQL files of
 * {@value #COMMON} that both speak and those of the database's own folder under
 * {@value #LOCATION} ({@code h2}, {@code postgresql}) where they differ, each version in one of
 * them (Flyway's {@code V<n>__<what>.sql}), applied by Flyway in order on a worker
 * thread, each once, recorded in the database's {@code flyway_schema_history}. A database made
 * before migrations existed (its tables created by {@code CREATE TABLE IF NOT EXISTS}, with no
 * history) is baselined at version 0 and migrated in place: V1 only adds what it lacks. On
 * PostgreSQL, Flyway holds an advisory lock while it migrates, so nodes starting at once apply
 * each migration once; on H2 a concurrent start may fail, and {@link Storage} tries again.
 */
final class Migrations {

  static final String LOCATION = "classpath:db/migration/";
  static final String COMMON = LOCATION + "common";
  /** Connection attempts Flyway makes at start (its backoff doubles from 1 s up to 4 s): about half a minute. */
  private static final int CONNECT_RETRIES = 8;
  private static final int CONNECT_RETRIES_INTERVAL_SECONDS = 4;

  private Migrations() {
  }

  /** Applies every pending migration; the Future fails, with Flyway's error, when one cannot be applied. */
  static Future<Void> apply(Vertx vertx, Database database) {
    return vertx.executeBlocking(() -> {
      flyway(database).migrate();
      return null;
    }, false);
  }

  static Flyway flyway(Database database) {
    return Flyway.configure(Migrations.class.getClassLoader())
      .dataSource(database.jdbcUrl(), database.user(), database.password())
      .locations(COMMON, LOCATION + database.vendor())
      .baselineOnMigrate(true)
      .baselineVersion("0")
      .baselineDescription("the schema made before versioned migrations")
      .connectRetries(CONNECT_RETRIES)
      .connectRetriesInterval(CONNECT_RETRIES_INTERVAL_SECONDS)
      .load();
  }
}
