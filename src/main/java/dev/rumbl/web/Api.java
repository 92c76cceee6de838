package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.account.Passwords;
import dev.rumbl.account.Tokens;
import dev.rumbl.counter.Counters;
import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Node;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The HTTP API's router: every route of the application, mounted in one place, behind a body
 * limit of {@link HttpSettings#maxBodyBytes()} (413 beyond it), with every failure answered as
 * JSON by {@link Errors} and every response carrying {@link SecurityHeaders}: the API under
 * {@code /api} (accounts and sessions, whose tokens are signed with the given secret, and one set
 * of rate limits shared by the routes and the bridge), the event-bus bridge at
 * {@value EventBusBridge#PATH}, and the pages of {@value #WEBROOT} (from the working directory,
 * else from the classpath) at {@code /}.
 */
final class Api {

  static final String WEBROOT = "webroot";
  /** Every path outside the API and the bridge: GET there looks for a page. */
  static final String PAGES = "^/(?!api(/|$)|eventbus(/|$)).*";

  private Api() {
  }

  static Router router(Vertx vertx, Node node, HttpSettings settings, String secret) {
    Accounts accounts = new Accounts(vertx, new Passwords(vertx), new Tokens(vertx, secret, settings.auth().tokenTtlSeconds()),
      settings.auth().reservedNames());
    RateLimits limits = new RateLimits(settings.limits());
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::add);
    router.route().handler(PathGuard::check);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    new OperationsRoutes(node, settings.root()).mount(router);
    new AccountRoutes(accounts, limits).mount(router);
    new CounterRoutes(node, new Counters(node, settings.root()), limits).mount(router);
    new InfosysRoutes(node).mount(router);
    AdminToken adminToken = new AdminToken(settings.adminToken());
    ObserverQueries observerQueries = new ObserverQueries(node, settings.root());
    new SupervisionRoutes(node, settings.root(), observerQueries, adminToken).mount(router);
    new ObserverRoutes(node, observerQueries, adminToken).mount(router);
    new VideoRoutes(node, new Authentication(accounts), limits).mount(router);
    router.route(EventBusBridge.PATH + "/*").subRouter(EventBusBridge.router(vertx, node, accounts, limits, settings.viewers()));
    router.getWithRegex(PAGES).handler(StaticHandler.create(WEBROOT));
    Errors.install(router);
    return router;
  }
}
