package dev.rumbl.testing;

import io.vertx.pgclient.PgConnectOptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The PostgreSQL server of the tests: the one named by {@value #URL_VARIABLE} (a
 * {@code postgresql://user:password@host:port/database} URL of a role that may create databases;
 * {@code scripts/test-postgres.sh} starts Debian's server and makes it, and {@code .ci/run} exports
 * it), by default {@value #DEFAULT_URL}, what that script makes. {@link #freshDatabase} gives a test
 * an empty database of its own, dropped when the test JVM exits. When no server answers, a test
 * that needs one is skipped with a note, except in CI ({@code CI=true}), where it fails.
 */
public final class TestPostgres {

  public static final String URL_VARIABLE = "RUMBL_TEST_PG_URL";
  static final String DEFAULT_URL = "postgresql://rumbl_test:rumbl_test@127.0.0.1:5432/rumbl_test";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final List<String> CREATED = new CopyOnWriteArrayList<>();
  private static volatile Boolean reachable;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
  }

  private TestPostgres() {
  }

  /** The server's URL (its own database), once the server answers; else the test is skipped (failed in CI). */
  public static String serverUrl() {
    String url = System.getenv().getOrDefault(URL_VARIABLE, DEFAULT_URL);
    if (reachable == null) {
      reachable = answers(url);
    }
    if (!reachable && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the PostgreSQL tests: no server answers at " + URL_VARIABLE + " (.ci/run starts one)");
    }
    assumeThat(reachable).as("a PostgreSQL server is needed for this test (scripts/test-postgres.sh starts one; "
      + URL_VARIABLE + " names it)").isTrue();
    return url;
  }

  /** A new, empty database on the server: its URL, with the server URL's user and password. */
  public static String freshDatabase() {
    String server = serverUrl();
    String name = "rumbl_t_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    CREATED.add(name);
    PgConnectOptions options = PgConnectOptions.fromUri(server);
    return "postgresql://" + options.getUser() + ":" + options.getPassword() + "@" + options.getHost() + ":" + options.getPort() + "/" + name;
  }

  /** The JDBC URL, user and password of a {@code postgresql://} URL, for a test that speaks JDBC to it. */
  public static Connection connect(String url) throws SQLException {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    return DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase(),
      options.getUser(), options.getPassword());
  }

  private static boolean answers(String url) {
    try (Connection connection = connect(url)) {
      return connection.isValid(5);
    } catch (SQLException | RuntimeException unreachable) {
      return false;
    }
  }

  private static void execute(String url, String sql) {
    try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on the test server: " + e.getMessage(), e);
    }
  }

  private static void dropCreated() {
    if (CREATED.isEmpty()) {
      return;
    }
    String server = System.getenv().getOrDefault(URL_VARIABLE, DEFAULT_URL);
    for (String name : CREATED) {
      try {
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException leftOver) {
        System.err.println("test database " + name + " left on the server: " + leftOver.getMessage());
      }
    }
  }
}
