package dev.rumbl.video;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * One database the storage process may open, H2 or PostgreSQL: how to open a pool of connections
 * to it, the SQL the store speaks to it, and the JDBC URL and credentials its migrations use.
 * Everything above {@link VideoStore} sees only this interface. {@link #describe} names the
 * database for a log line and never shows a password.
 */
public sealed interface Database permits H2Database, PostgresDatabase {

  Pool openPool(Vertx vertx);

  Statements statements();

  String jdbcUrl();

  /** The folder of this database's own migrations ({@code h2}, {@code postgresql}), Flyway's name for it. */
  String vendor();

  String user();

  String password();

  String describe();
}
