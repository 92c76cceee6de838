package dev.rumbl.video;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTest {

  @Test
  void aConnectionRefusedClosedOrTimedOutIsAnOutage() {
    assertThat(Outages.isOutage(new ConnectException("Connection refused"))).isTrue();
    assertThat(Outages.isOutage(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(Outages.isOutage(new TimeoutException("no connection within 5000 ms"))).isTrue();
    assertThat(Outages.isOutage(new VertxException("pool", new ConnectException("refused")))).isTrue();
  }

  /** What PostgresRestartTest met once: a write given to a pooled connection as the server stopped. */
  @Test
  void aCommandOnAPooledConnectionTheServerClosedIsAnOutage() {
    assertThat(Outages.isOutage(VertxException.noStackTrace("Connection is not active now, current status: CLOSED"))).isTrue();
    assertThat(Outages.isOutage(new VertxException("a handler failed"))).isFalse();
  }

  @Test
  void theServerShuttingDownStartingOrOutOfResourcesIsAnOutage() {
    assertThat(Outages.isOutage(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null))).isTrue();
    assertThat(Outages.isOutage(new PgException("the database system is starting up", "FATAL", "57P03", null))).isTrue();
    assertThat(Outages.isOutage(new PgException("too many connections", "FATAL", "53300", null))).isTrue();
    assertThat(Outages.isOutage(new SQLException("Connection is broken", "08006"))).isTrue();
  }

  @Test
  void aStatementTheDatabaseRefusedIsNotAnOutage() {
    assertThat(Outages.isOutage(new PgException("duplicate key value", "ERROR", "23505", null))).isFalse();
    assertThat(Outages.isOutage(new SQLException("NULL not allowed for column USER_ID", "23502"))).isFalse();
    assertThat(Outages.isOutage(new PgException("syntax error", "ERROR", "42601", null))).isFalse();
    assertThat(Outages.isOutage(new IllegalStateException("a bug"))).isFalse();
  }
}
