package dev.rumbl.video;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL database reached through Vert.x's reactive client (vertx-pg-client: non-blocking,
 * on the event loops, statements pipelined up to the pool's limit), speaking
 * {@link Statements#POSTGRES}. Only the migrations use JDBC, on a worker thread.
 */
record PostgresDatabase(PgConnectOptions connect, StoragePool pool) implements Database {

  @Override
  public Pool openPool(Vertx vertx) {
    PgConnectOptions options = new PgConnectOptions(connect).setPipeliningLimit(pool.pipeliningLimit());
    return PgBuilder.pool()
      .with(H2Database.poolOptions(pool))
      .with(new NetClientOptions().setConnectTimeout(pool.connectTimeoutMs()))
      .connectingTo(options)
      .using(vertx)
      .build();
  }

  @Override
  public Statements statements() {
    return Statements.POSTGRES;
  }

  @Override
  public String vendor() {
    return "postgresql";
  }

  /**
   * The JDBC URL of the migrations, over the same TLS as the pool: the pool's sslmode (libpq's
   * words, which the JDBC driver shares) and its PEM trust file as the root certificate.
   */
  @Override
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + hostPart(connect) + "/" + connect.getDatabase() + "?sslmode=" + connect.getSslMode().value;
    if (connect.getSslOptions() != null && connect.getSslOptions().getTrustOptions() instanceof PemTrustOptions pem && !pem.getCertPaths().isEmpty()) {
      url += "&sslrootcert=" + URLEncoder.encode(pem.getCertPaths().get(0), StandardCharsets.UTF_8);
    }
    return url;
  }

  @Override
  public String user() {
    return connect.getUser();
  }

  @Override
  public String password() {
    return connect.getPassword();
  }

  @Override
  public String describe() {
    return describe(connect);
  }

  /** The server and database, as a URL without the password. */
  static String describe(PgConnectOptions connect) {
    return "postgresql://" + connect.getUser() + "@" + hostPart(connect) + "/" + connect.getDatabase();
  }

  private static String hostPart(PgConnectOptions connect) {
    String host = connect.getHost().contains(":") ? "[" + connect.getHost() + "]" : connect.getHost();
    return host + ":" + connect.getPort();
  }

  @Override
  public String toString() {
    return "PostgresDatabase[" + describe() + "]";
  }
}
