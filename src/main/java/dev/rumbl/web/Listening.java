package dev.rumbl.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/**
 * How the endpoint and each of its listeners listen: the same port (Vert.x hands each new
 * connection to one of the servers listening there, in turn), the same limits, and a router of
 * their own over the one shared {@link Api}.
 */
record Listening(Api api, HttpSettings settings, int port) {

  /** Listens on the caller's event loop. */
  Future<HttpServer> listen(Vertx vertx) {
    return vertx.createHttpServer(new HttpServerOptions()
        .setHost(settings.host())
        .setPort(port)
        .setMaxInitialLineLength(HttpEndpoint.MAX_REQUEST_LINE)
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxWebSocketFrameSize(EventBusBridge.MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(EventBusBridge.MAX_FRAME_BYTES))
      .requestHandler(api.router())
      .invalidRequestHandler(InvalidRequests::respond)
      .listen();
  }
}
