package dev.rumbl.video;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a lost or unreachable database from a statement the database refused. An outage is a
 * connection refused, closed or timed out, or an error whose SQLSTATE is of class 08 (connection
 * exception), 57P (the server shutting down or starting up) or 53 (out of resources): the operation
 * may be tried again once the database is back. Anything else (a constraint violated, bad SQL) is
 * the statement's own failure. A statement given to a pooled connection that the server has just
 * closed is failed by vertx-sql-client with a plain {@link VertxException} of its own wording
 * ({@value #NOT_ACTIVE}...), no type or state to tell it by, so that wording is matched.
 */
final class Outages {

  /** How vertx-sql-client 5 words a command scheduled on a connection no longer connected. */
  static final String NOT_ACTIVE = "Connection is not active now";

  private Outages() {
  }

  static boolean isOutage(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClosedConnectionException || cause instanceof IOException || cause instanceof TimeoutException
        || cause instanceof VertxException && cause.getMessage() != null && cause.getMessage().startsWith(NOT_ACTIVE)) {
        return true;
      }
      String state = cause instanceof DatabaseException database ? database.getSqlState()
        : cause instanceof SQLException sql ? sql.getSQLState() : null;
      if (state != null) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
