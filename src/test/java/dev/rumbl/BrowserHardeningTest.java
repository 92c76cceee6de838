package dev.rumbl;

import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages under their Content-Security-Policy in headless Chromium: {@code browser-test/hardening.test.mjs}
 * against the whole application, with a video holding an InfoSys answer that links to a
 * {@code javascript:} URL and one that links to an https: page. Skipped like {@link BrowserTest}
 * without the browser, Node.js or the npm packages, except in CI.
 */
@ExtendWith(VertxExtension.class)
class BrowserHardeningTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final long SCRIPT_TIMEOUT_S = 120;

  @Test
  void noPageReportsACspViolationAndOnlyHttpUrlsAreLinks(Vertx vertx) throws Exception {
    BrowserTest.requireBrowser(Path.of("/usr/bin/chromium"), "playwright-core", "chromium");
    TestApp app = TestApp.start(vertx, VideoApiTest.LOCAL_ONLY.copy()).await();
    Path log = Path.of("target", "hardening-browser-test.log");
    try {
      long video = app.client().post("/api/videos").sendJsonObject(new JsonObject().put("title", "Hardening")).await()
        .bodyAsJsonObject().getLong("id");
      Storage.store(vertx).annotate(video, new AnnotationInput("local", "a javascript: answer", 1000), "javascript:alert(document.domain)").await();
      Storage.store(vertx).annotate(video, new AnnotationInput("wikipedia", "an https: answer", 2000), "https://en.wikipedia.org/wiki/Elixir").await();

      java.lang.Process running = new ProcessBuilder(List.of("node", Path.of("browser-test", "hardening.test.mjs").toString(),
        "http://127.0.0.1:" + app.port(), Long.toString(video), SCREENSHOTS.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean finished = running.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
      if (!finished) {
        running.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(finished).as("the browser test ran out of time:%n%s", output).isTrue();
      assertThat(running.exitValue()).as(output).isZero();
      assertThat(output).contains("3 passed, 0 failed");
    } finally {
      app.stop().await();
    }
  }
}
