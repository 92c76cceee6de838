package dev.rumbl.video;

import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/**
 * An H2 database reached through Vert.x's JDBC pool (its statements run on the pool's own worker
 * threads, never on an event loop), speaking {@link Statements#H2}.
 */
record H2Database(String jdbcUrl, String user, String password, StoragePool pool) implements Database {

  @Override
  public Pool openPool(Vertx vertx) {
    JDBCConnectOptions connect = new JDBCConnectOptions().setJdbcUrl(jdbcUrl).setUser(user).setPassword(password);
    return JDBCPool.pool(vertx, connect, poolOptions(pool));
  }

  static PoolOptions poolOptions(StoragePool pool) {
    return new PoolOptions().setMaxSize(pool.maxSize()).setMaxWaitQueueSize(pool.maxWaiting())
      .setConnectionTimeout(pool.connectTimeoutMs()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setIdleTimeout(pool.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  @Override
  public String vendor() {
    return "h2";
  }

  @Override
  public Statements statements() {
    return Statements.H2;
  }

  @Override
  public String describe() {
    return jdbcUrl.replaceAll("(?i)PASSWORD=[^;]*", "PASSWORD=(hidden)");
  }

  @Override
  public String toString() {
    return "H2Database[" + describe() + "]";
  }
}
