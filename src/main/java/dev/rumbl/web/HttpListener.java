package dev.rumbl.web;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Placement;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;

/**
 * One more listener of the HTTP endpoint, registered as {@code http.<loop>} on that event loop:
 * its start asks the endpoint ({@link HttpEndpoint#NAME}) how it listens and listens the same way,
 * on the same port, with a router of its own over the endpoint's shared routes; its exit closes its
 * server (the connections it accepted close with it). It fails its start while the endpoint is not
 * running, which its supervisor ({@code rest_for_one}, after the endpoint) never lets happen.
 */
final class HttpListener extends GenServer<HttpServer> {

  static ChildSpec childSpec(int loop) {
    Name name = Name.local(HttpEndpoint.NAME.value() + "." + loop);
    return ChildSpec.worker(name.value(), () -> new HttpListener().named(name)).withPlacement(Placement.loop(loop));
  }

  @Override
  protected Init<HttpServer> init() {
    return Init.async(node().<Listening>call(HttpEndpoint.NAME, HttpEndpoint.LISTENING).compose(listening -> listening.listen(vertx)));
  }

  @Override
  protected Future<?> terminate(ExitReason reason, HttpServer server) {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
