package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plain Vert.x baseline of scenario 7: a vertx-web SockJS bridge at {@code /eventbus} with no
 * process, no storage and no authentication, permitting {@code videos.<id>} outbound and
 * {@code videos.<id>.annotate} inbound, and one consumer per annotate address that publishes each
 * body it gets to {@code videos.<id>} as it is and replies with it. {@link #registered()} counts
 * the registrations the bridge has accepted, less those it has removed. Listens on 127.0.0.1.
 */
final class RawBridgeServer extends VerticleBase {

  private final long video;
  private final AtomicInteger registered = new AtomicInteger();
  private HttpServer server;

  RawBridgeServer(long video) {
    this.video = video;
  }

  int port() {
    return server.actualPort();
  }

  int registered() {
    return registered.get();
  }

  @Override
  public Future<?> start() {
    String topic = "videos." + video;
    vertx.eventBus().consumer(topic + ".annotate", message -> {
      vertx.eventBus().publish(topic, message.body());
      message.reply(message.body());
    });
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addInboundPermitted(new PermittedOptions().setAddressRegex("videos\\.[0-9]+\\.annotate"))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex("videos\\.[0-9]+"));
    Router router = Router.router(vertx);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options, event -> {
      if (event.type() == BridgeEventType.REGISTER) {
        registered.incrementAndGet();
      } else if (event.type() == BridgeEventType.UNREGISTER) {
        registered.decrementAndGet();
      }
      event.complete(true);
    }));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(listening -> server = listening);
  }
}
