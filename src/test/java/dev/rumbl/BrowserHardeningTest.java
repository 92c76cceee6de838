package dev.rumbl;

import dev.rumbl.testing.TestApp;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages under their Content-Security-Policy in headless Chromium: {@code browser-test/hardening.test.mjs}
 * against the whole application, with a video holding an InfoSys answer that links to a
 * {@code javascript:} URL and one that links to an https: page. Skipped like {@link BrowserTest}
 * without the browser, Node.js or the npm packages, except in CI.
 */
@ExtendWith(VertxExtension.class)
class BrowserHardeningTest {

  @Test
  void noPageReportsACspViolationAndOnlyHttpUrlsAreLinks(Vertx vertx) throws Exception {
    BrowserTest.requireBrowser(Path.of("/usr/bin/chromium"), "playwright-core", "chromium");
    TestApp app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();
    try {
      long video = app.client().post("/api/videos").bearerTokenAuthentication(app.token("hardening"))
        .sendJsonObject(new JsonObject().put("title", "Hardening")).await().bodyAsJsonObject().getLong("id");
      Storage.store(vertx).annotate(video, new AnnotationInput("local", "a javascript: answer", 1000), "javascript:alert(document.domain)").await();
      Storage.store(vertx).annotate(video, new AnnotationInput("wikipedia", "an https: answer", 2000), "https://en.wikipedia.org/wiki/Elixir").await();

      String output = BrowserTest.runScript("hardening.test.mjs", List.of("http://127.0.0.1:" + app.port(), Long.toString(video)));

      assertThat(output).contains("3 passed, 0 failed");
    } finally {
      app.stop().await();
    }
  }
}
