package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.account.Passwords;
import dev.rumbl.account.Tokens;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.limits.LimitSettings;
import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.video.ViewerSettings;
import dev.rumbl.video.Viewers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class BridgeReplyTimeoutTest {

  /** Well within Vert.x's own 30 s default, so that the test fails if the bridge waits that long. */
  private static final long WAIT_MS = 3 * EventBusBridge.REPLY_TIMEOUT_MS;

  @Test
  void aRequestThatNobodyAnswersFailsWithTimeoutAfterTheCallTimeout(Vertx vertx) throws InterruptedException {
    BlockingQueue<Object> swallowed = new LinkedBlockingQueue<>();
    vertx.eventBus().consumer(InfoSys.ADDRESS, message -> swallowed.add(message.body())).completion().await();
    Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(Viewers.viewersSpec(), Viewers.socketsSpec(ViewerSettings.DEFAULTS))).await();
    Router router = Router.router(vertx);
    router.route(EventBusBridge.PATH + "/*").subRouter(EventBusBridge.create(vertx, Node.of(vertx),
      new Accounts(vertx, new Passwords(vertx), new Tokens(vertx, "a-secret-of-at-least-32-characters", 60), Set.of()),
      new RateLimits(LimitSettings.defaults()), ViewerSettings.DEFAULTS).router());
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(server.actualPort(), "127.0.0.1", EventBusBridge.PATH + "/websocket").await();
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.binaryMessageHandler(bytes -> frames.add(bytes.toJsonObject()));

    JsonObject request = new JsonObject().put("query", "1 + 1");
    socket.writeTextMessage(new JsonObject().put("type", "send").put("address", InfoSys.ADDRESS).put("body", request)
      .put("replyAddress", "r-1").encode()).await();

    assertThat(swallowed.poll(WAIT_MS, TimeUnit.MILLISECONDS)).as("the request, its deadline cut to the bridge's")
      .isEqualTo(request.copy().put("timeoutMs", EventBusBridge.COMPUTE_DEADLINE_MS));
    JsonObject frame = frames.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(frame).as("the bridge's answer").isNotNull();
    assertThat(frame.getString("type")).isEqualTo("err");
    assertThat(frame.getString("address")).isEqualTo("r-1");
    assertThat(frame.getString("failureType")).isEqualTo("TIMEOUT");
    client.close().await();
  }
}
