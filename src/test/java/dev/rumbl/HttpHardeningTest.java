package dev.rumbl;

import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP endpoint's hardening, on the whole application: the security headers on pages, API
 * answers and errors alike, SockJS's iframe page loading the app's own library under a policy
 * that allows exactly its inline script, and an idle connection closed by the server (a bridge
 * WebSocket by the bridge's own timeout of a silent socket).
 */
@ExtendWith(VertxExtension.class)
class HttpHardeningTest {

  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  /** The bridge's own timeout of a silent socket in this class, well above the HTTP idle timeout of 1 s. */
  private static final int SOCKET_TIMEOUT_MS = 5_000;

  private TestApp app;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().put("http", new JsonObject().put("idleTimeoutSeconds", 1))
      .put("videos", new JsonObject().put("socketTimeoutMs", SOCKET_TIMEOUT_MS))).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> get(String path) {
    return app.client().get(path).send().await();
  }

  @Test
  void pagesAndApiAnswersCarryTheSecurityHeaders() {
    for (String path : List.of("/", "/index.html", "/observer.html", "/video.js", "/app.css", "/api/videos", "/api/nothing",
      "/api/videos?limit=0", "/health")) {
      HttpResponse<Buffer> response = get(path);
      String policy = response.getHeader("Content-Security-Policy");
      assertThat(policy).as(path).isNotNull()
        .contains("default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "base-uri 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
      assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
  }

  @Test
  void theSockJsIframeLoadsTheAppsOwnLibraryAndOnlyItsOwnInlineScriptIsAllowed() throws Exception {
    HttpResponse<Buffer> iframe = get("/eventbus/iframe.html");
    String html = iframe.bodyAsString();
    String policy = iframe.getHeader("Content-Security-Policy");

    assertThat(html).contains("<script src=\"/vendor/sockjs.min.js\"></script>").doesNotContain("cdn");
    Matcher inline = INLINE_SCRIPT.matcher(html);
    assertThat(inline.find()).isTrue();
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
      .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(policy).contains("script-src 'self' 'sha256-" + hash + "';", "frame-ancestors 'self'")
      .doesNotContain("unsafe-inline");
    assertThat(iframe.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(get("/vendor/sockjs.min.js").statusCode()).isEqualTo(200);
  }

  @Test
  void anIdleConnectionIsClosedByTheServer() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();

      assertThat(in.read()).as("end of stream: the server closed the idle connection").isEqualTo(-1);
    }
  }

  @Test
  void aBridgeWebSocketIsClosedByTheBridgesSocketTimeoutNotTheHttpIdleTimeout() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket socket = client.connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
      AtomicBoolean closed = new AtomicBoolean();
      socket.closeHandler(ignored -> closed.set(true));

      Thread.sleep(2_500);
      assertThat(closed).as("open past the HTTP idle timeout of 1 s").isFalse();
      Eventually.until("closed by the bridge's socket timeout", 6 * SOCKET_TIMEOUT_MS, closed::get);
    } finally {
      client.close().await();
    }
  }
}
