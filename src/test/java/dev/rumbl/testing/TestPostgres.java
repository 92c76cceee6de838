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
 * {@link #stopServer} and {@link #startServer} stop and start the server itself, through Debian's
 * {@code pg_ctlcluster} and the cluster named by {@value #CLUSTER_VARIABLE} (default
 * {@value #DEFAULT_CLUSTER}), for a test of an outage; {@link #requireControl} skips such a test
 * (fails it in CI) where this user cannot.
 */
public final class TestPostgres {

  public static final String URL_VARIABLE = "RUMBL_TEST_PG_URL";
  static final String DEFAULT_URL = "postgresql://rumbl_test:rumbl_test@127.0.0.1:5432/rumbl_test";
  public static final String CLUSTER_VARIABLE = "RUMBL_TEST_PG_CLUSTER";
  static final String DEFAULT_CLUSTER = "15 main";
  private static final String PG_CTLCLUSTER = "/usr/bin/pg_ctlcluster";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final List<String> CREATED = new CopyOnWriteArrayList<>();
  private static volatile Boolean reachable;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
  }

  private TestPostgres() {
  }

  /** True when the tests' server answers (for a tool that goes on without it, as the benchmarks do). */
  public static boolean isReachable() {
    if (reachable == null) {
      reachable = answers(System.getenv().getOrDefault(URL_VARIABLE, DEFAULT_URL));
    }
    return reachable;
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

  /**
   * The file of the server's own TLS certificate, self-signed for {@code localhost} by
   * {@code scripts/test-postgres.sh}, which the tests trust; skips the test (fails it in CI) when the
   * server does not speak TLS.
   */
  public static String serverCertificate() {
    try (Connection connection = connect(serverUrl()); java.sql.Statement statement = connection.createStatement()) {
      java.sql.ResultSet ssl = statement.executeQuery("SHOW ssl");
      ssl.next();
      boolean on = "on".equals(ssl.getString(1));
      if (!on && "true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the PostgreSQL TLS tests: the server has TLS off (scripts/test-postgres.sh turns it on)");
      }
      assumeThat(on).as("the PostgreSQL server speaks TLS (scripts/test-postgres.sh turns it on)").isTrue();
      java.sql.ResultSet file = statement.executeQuery("SHOW ssl_cert_file");
      file.next();
      return file.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server's TLS settings", e);
    }
  }

  /** Skips the test (fails it in CI) unless this process may stop and start the server with pg_ctlcluster. */
  public static void requireControl() {
    serverUrl();
    String host = PgConnectOptions.fromUri(serverUrl()).getHost();
    boolean local = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    boolean root = "root".equals(System.getProperty("user.name")) || "postgres".equals(System.getProperty("user.name"));
    boolean control = local && root && java.nio.file.Files.isExecutable(java.nio.file.Path.of(PG_CTLCLUSTER));
    if (!control && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the PostgreSQL outage tests: run them as root on the server's machine");
    }
    assumeThat(control).as("stopping PostgreSQL needs pg_ctlcluster, root and a server on this machine").isTrue();
  }

  /** Stops the server in its fast mode: every open connection is cut, as by a restart. */
  public static void stopServer() {
    pgCtlCluster("stop", "-m", "fast");
  }

  /** Starts the server again, unless it answers already, and waits until it answers. */
  public static void startServer() {
    if (answers(serverUrl())) {
      return;
    }
    pgCtlCluster("start");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!answers(serverUrl())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("PostgreSQL did not answer within 30 s of its start");
      }
      sleep(100);
    }
  }

  private static void pgCtlCluster(String... action) {
    List<String> command = new java.util.ArrayList<>(List.of(PG_CTLCLUSTER));
    command.addAll(List.of(System.getenv().getOrDefault(CLUSTER_VARIABLE, DEFAULT_CLUSTER).split(" ")));
    command.addAll(List.of(action));
    try {
      java.lang.Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
