package dev.rumbl.web;

import dev.rumbl.counter.Counters;
import dev.rumbl.otp.Node;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP API's router: every route of the application, mounted in one place, behind a body
 * limit of {@link HttpSettings#maxBodyBytes()} (413 beyond it), with every failure answered as
 * JSON by {@link Errors}.
 */
final class Api {

  private Api() {
  }

  static Router router(Vertx vertx, Node node, HttpSettings settings) {
    Router router = Router.router(vertx);
    router.route().handler(PathGuard::check);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    new OperationsRoutes(node, settings.root()).mount(router);
    new CounterRoutes(node, new Counters(node, settings.root())).mount(router);
    new InfosysRoutes(node).mount(router);
    new SupervisionRoutes(node, settings.root(), new AdminToken(settings.adminToken())).mount(router);
    Errors.install(router);
    return router;
  }
}
