package dev.rumbl.infosys.backend;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.Result;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Wolfram|Alpha app id never reaches a log line, at any level, nor a caller: against a local
 * server that never answers, each request times out with a message carrying its URL.
 */
@ExtendWith(VertxExtension.class)
class WolframSecretTest {

  private static final String APP_ID = "SECRET-APP-ID-4711";

  private CapturedLog log;

  @BeforeEach
  void captureEveryLogLine() {
    log = CapturedLog.everything(Level.DEBUG);
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @Test
  void aTimedOutRequestIsLoggedWithTheAppIdHiddenAndNoFailureReachesTheCaller(Vertx vertx) {
    HttpServer silent = vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1").await();
    JsonObject infosys = new JsonObject()
      .put("backends", new JsonArray().add("wolfram"))
      .put("wolfram", new JsonObject().put("appId", APP_ID)
        .put("baseUrl", "http://127.0.0.1:" + silent.actualPort() + "/v2/query").put("timeoutMs", 200));
    Node node = Node.of(vertx);
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(new JsonObject().put("infosys", infosys)))).await();

    List<Result> first = InfoSys.compute(node, "capital of France").await();
    List<Result> second = InfoSys.compute(node, "capital of Peru").await();

    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
    List<String> lines = log.events().stream().map(WolframSecretTest::everything).toList();
    assertThat(lines).as("the timeouts were logged, once at WARN then at DEBUG")
      .filteredOn(line -> line.contains("wolfram answered nothing: no response")).hasSize(2)
      .allSatisfy(line -> assertThat(line).contains("/v2/query?appid=(hidden)"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(APP_ID));
  }

  @Test
  void theAppIdIsHiddenInAnyUrlOrTextItAppearsIn() {
    WolframBackend wolfram = new WolframBackend(null, "http://w/v2/query", APP_ID, 100);

    assertThat(wolfram.redacted("GET /v2/query?input=x&appid=" + APP_ID + "&format=plaintext failed"))
      .isEqualTo("GET /v2/query?input=x&appid=(hidden)&format=plaintext failed");
    assertThat(wolfram.redacted("GET /v2/query?APPID=SOMETHING-ELSE")).isEqualTo("GET /v2/query?APPID=(hidden)");
    assertThat(wolfram.redacted("the key " + APP_ID + " was refused")).isEqualTo("the key (hidden) was refused");
  }

  /** The event's message, arguments filled in, and its stack trace, if any. */
  private static String everything(ILoggingEvent event) {
    String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
    return event.getLoggerName() + " " + event.getFormattedMessage() + " " + thrown;
  }
}
