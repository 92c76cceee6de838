package dev.rumbl;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The pages in real headless Chromium: the whole application on a free port, and
 * {@code browser-test/pages.test.mjs} (playwright-core driving Debian's /usr/bin/chromium) against
 * it; screenshots land in target/screenshots and the script's output in target/browser-test.log.
 * Without Chromium, Node.js or the npm packages ({@code npm ci}) the test is skipped, except in CI
 * ({@code CI=true}), where it fails instead.
 */
@ExtendWith(VertxExtension.class)
class BrowserTest {

  private static final String TOKEN = "browser-test-token";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCRIPT = Path.of("browser-test", "pages.test.mjs");
  private static final Path PLAYWRIGHT = Path.of("node_modules", "playwright-core");
  private static final Path LOG = Path.of("target", "browser-test.log");
  private static final long SCRIPT_TIMEOUT_S = 120;

  @Test
  void twoViewersSeeAnnotationsAndAnswersLiveAndTheObserverShowsARestart(Vertx vertx) throws Exception {
    boolean ready = Files.isExecutable(CHROMIUM) && Files.isDirectory(PLAYWRIGHT) && onPath("node");
    if (!ready && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the browser test: install chromium and run npm ci first (.ci/run does)");
    }
    assumeThat(ready).as("chromium, node and npm ci are needed for the browser test").isTrue();
    TestApp app = TestApp.start(vertx, VideoApiTest.LOCAL_ONLY.copy().put("adminToken", TOKEN)).await();
    try {
      java.lang.Process script = new ProcessBuilder("node", SCRIPT.toString(), "http://127.0.0.1:" + app.port(), TOKEN, "target/screenshots")
        .redirectErrorStream(true)
        .redirectOutput(LOG.toFile())
        .start();
      boolean finished = script.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
      if (!finished) {
        script.destroyForcibly();
      }
      String output = Files.readString(LOG);
      assertThat(finished).as("the browser test ran out of time:%n%s", output).isTrue();
      assertThat(script.exitValue()).as(output).isZero();
      assertThat(output).contains("2 passed, 0 failed");
      assertThat(Path.of("target", "screenshots", "browser-observer-after.png")).exists();
    } finally {
      app.stop().await();
    }
  }

  private static boolean onPath(String command) {
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
