package dev.rumbl;

import dev.rumbl.counter.Counters;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The pages in real headless browsers: the whole application on a free port, and
 * {@code browser-test/pages.test.mjs} (playwright-core driving Debian's /usr/bin/chromium) and
 * {@code browser-test/firefox.test.mjs} (puppeteer-core driving Debian's /usr/bin/firefox-esr over
 * WebDriver BiDi) against it, and {@code browser-test/observer-scale.test.mjs} against an
 * application with 100,000 counters; screenshots land in target/screenshots and each script's output in
 * target/. Without the browser, Node.js or the npm packages ({@code npm ci}) a test is skipped,
 * except in CI ({@code CI=true}), where it fails instead.
 */
@ExtendWith(VertxExtension.class)
class BrowserTest {

  private static final String TOKEN = "browser-test-token";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final long SCRIPT_TIMEOUT_S = 120;

  @Test
  void twoViewersSeeAnnotationsAndAnswersLiveAndEachOtherWatchingAndTheObserverShowsARestart(Vertx vertx) throws Exception {
    requireBrowser(Path.of("/usr/bin/chromium"), "playwright-core", "chromium");
    String output = runAgainstTheApp(vertx, "pages.test.mjs", TOKEN);
    assertThat(output).contains("3 passed, 0 failed");
    for (String shot : List.of("browser-observer-tree.png", "browser-observer-panel.png", "browser-observer-charts.png")) {
      assertThat(SCREENSHOTS.resolve(shot)).exists();
    }
    assertThat(SCREENSHOTS.resolve("browser-presence-after.png")).exists();
  }

  @Test
  void theVideoPageWithWhoIsWatchingAndTheObserverWorkInFirefox(Vertx vertx) throws Exception {
    requireBrowser(Path.of("/usr/bin/firefox-esr"), "puppeteer-core", "firefox-esr");
    String output = runAgainstTheApp(vertx, "firefox.test.mjs", TOKEN);
    assertThat(output).contains("3 passed, 0 failed");
    assertThat(SCREENSHOTS.resolve("firefox-video-bob.png")).exists();
  }

  @Test
  void theObserverCountsAHundredThousandProcessesInsteadOfDrawingThem(Vertx vertx) throws Exception {
    requireBrowser(Path.of("/usr/bin/chromium"), "playwright-core", "chromium");
    TestApp app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("counters", new JsonObject().put("max", 100_000))).await();
    try {
      Counters counters = new Counters(app.node(), RumblTree.ROOT);
      for (int batch = 0; batch < 100; batch++) {
        List<Future<Pid>> started = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          started.add(counters.start("scale-" + batch + "-" + i, 0));
        }
        Future.all(started).await();
      }
      String output = runScript("observer-scale.test.mjs", List.of("http://127.0.0.1:" + app.port()));
      assertThat(output).contains("1 passed, 0 failed");
    } finally {
      app.stop().await();
    }
  }

  @Test
  void theObserverOfOneNodeShowsAnotherNodeOfTheCluster() throws Exception {
    requireBrowser(Path.of("/usr/bin/chromium"), "playwright-core", "chromium");
    String cluster = ClusterNodes.newName();
    int basePort = ClusterNodes.randomBasePort();
    Vertx vertxA = ClusterNodes.start(cluster, basePort);
    Vertx vertxB = ClusterNodes.start(cluster, basePort);
    TestApp a = TestApp.start(vertxA, TestApp.LOCAL_ONLY).await();
    TestApp b = TestApp.start(vertxB, TestApp.LOCAL_ONLY).await();
    try {
      String output = runScript("observer-cluster.test.mjs", List.of("http://127.0.0.1:" + a.port(), b.node().id(),
        b.node().whereis(RumblTree.ROOT).await().toString(), b.node().whereis(Name.local("counter")).await().toString()));
      assertThat(output).contains("1 passed, 0 failed");
    } finally {
      b.stop().await();
      a.stop().await();
      vertxB.close().await();
      vertxA.close().await();
    }
  }

  static void requireBrowser(Path browser, String driver, String debianPackage) {
    boolean ready = Files.isExecutable(browser) && Files.isDirectory(Path.of("node_modules", driver)) && onPath("node");
    if (!ready && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the browser tests: install " + debianPackage + " and run npm ci first (.ci/run does)");
    }
    assumeThat(ready).as("%s, node and npm ci are needed for this browser test", debianPackage).isTrue();
  }

  /** Runs the script against the whole application and returns its output, failing if it fails. */
  private static String runAgainstTheApp(Vertx vertx, String script, String... extraArgs) throws Exception {
    TestApp app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("adminToken", TOKEN)).await();
    try {
      List<String> args = new ArrayList<>(List.of("http://127.0.0.1:" + app.port()));
      args.addAll(List.of(extraArgs));
      return runScript(script, args);
    } finally {
      app.stop().await();
    }
  }

  /**
   * Runs {@code browser-test/<script>} with the arguments and the screenshots' directory last;
   * returns its output (also kept in target/), failing when it fails or overruns its time.
   */
  static String runScript(String script, List<String> args) throws Exception {
    Path log = Path.of("target", script.replace(".test.mjs", "") + "-browser-test.log");
    List<String> command = new ArrayList<>(List.of("node", Path.of("browser-test", script).toString()));
    command.addAll(args);
    command.add(SCREENSHOTS.toString());
    java.lang.Process running = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = running.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
    if (!finished) {
      running.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as("the browser test ran out of time:%n%s", output).isTrue();
    assertThat(running.exitValue()).as(output).isZero();
    return output;
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
