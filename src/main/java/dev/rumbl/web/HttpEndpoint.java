package dev.rumbl.web;

import dev.rumbl.account.SigningKey;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.From;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP endpoint as a supervised process, registered as {@code http}: its start succeeds once
 * the server listens, with the tokens' signing key loaded ({@link SigningKey}), and fails, failing
 * the tree's start, when it cannot bind or load the key; its exit closes
 * the server, so a restarted endpoint binds the same port again. {@link #port} answers the port
 * it actually listens on (useful with port 0). A WebSocket message larger than
 * {@link EventBusBridge#MAX_FRAME_BYTES} closes that one socket, and so does a connection idle
 * (nothing read or written) for {@link HttpSettings#idleTimeoutSeconds()}, but for an event-bus
 * bridge WebSocket, whose silence the bridge's socket timeout judges (see {@link BridgeConnection}).
 */
public final class HttpEndpoint extends GenServer<HttpServer> {

  public static final Name NAME = Name.local("http");

  /**
   * The longest request line accepted (method, path and query), so that an over-long name or query
   * reaches the routes and gets their JSON error; past it, {@link InvalidRequests} answers a JSON 414.
   */
  static final int MAX_REQUEST_LINE = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final String PORT = "port";

  private final HttpSettings settings;

  public HttpEndpoint(HttpSettings settings) {
    this.settings = settings;
  }

  public static ChildSpec childSpec(HttpSettings settings) {
    return ChildSpec.worker(NAME.value(), () -> new HttpEndpoint(settings).named(NAME));
  }

  /** The port the running endpoint listens on. */
  public static Future<Integer> port(Node node) {
    return node.call(NAME, PORT);
  }

  @Override
  protected Init<HttpServer> init() {
    Future<HttpServer> listening = SigningKey.load(vertx, settings.auth()).compose(secret -> vertx.createHttpServer(new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setMaxInitialLineLength(MAX_REQUEST_LINE)
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxWebSocketFrameSize(EventBusBridge.MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(EventBusBridge.MAX_FRAME_BYTES))
      .requestHandler(Api.router(vertx, node(), settings, secret))
      .invalidRequestHandler(InvalidRequests::respond)
      .listen())
      .onSuccess(server -> log.info("HTTP endpoint listening on {}:{}", settings.host(), server.actualPort()));
    return Init.async(listening);
  }

  @Override
  protected Outcome<HttpServer> handleCall(Object request, From from, HttpServer server) {
    if (PORT.equals(request)) {
      return reply(server.actualPort(), server);
    }
    return super.handleCall(request, from, server);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, HttpServer server) {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
