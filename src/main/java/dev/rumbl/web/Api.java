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
 * The HTTP API: every route of the application, mounted in one place, behind a body limit of
 * {@link HttpSettings#maxBodyBytes()} (413 beyond it), with every failure answered as JSON by
 * {@link Errors} and every response carrying {@link SecurityHeaders}: the API under {@code /api}
 * (accounts and sessions, whose tokens are signed with the given secret, and one set of rate
 * limits shared by the routes and the bridge), the event-bus bridge at
 * {@value EventBusBridge#PATH}, and the pages of {@value #WEBROOT} (from the working directory,
 * else from the classpath) at {@code /}. One instance holds what the routes share (accounts, rate
 * limits, the bridge's connections); each listener of the endpoint, one per event loop, gets a
 * {@link #router} of its own from it, as Vert.x's verticle instances each own theirs (the stock
 * SockJS bridge keeps its sockets' state for one event loop).
 */
final class Api {

  static final String WEBROOT = "webroot";
  /** Every path outside the API and the bridge: GET there looks for a page. */
  static final String PAGES = "^/(?!api(/|$)|eventbus(/|$)).*";

  private final Vertx vertx;
  private final Node node;
  private final HttpSettings settings;
  private final Accounts accounts;
  private final RateLimits limits;
  private final Counters counters;
  private final AdminToken adminToken;
  private final ObserverQueries observerQueries;
  private final EventBusBridge bridge;

  /** The shared state of the routes; called on the endpoint's process, which owns the bridge's reply address. */
  Api(Vertx vertx, Node node, HttpSettings settings, String secret) {
    this.vertx = vertx;
    this.node = node;
    this.settings = settings;
    this.accounts = new Accounts(vertx, new Passwords(vertx), new Tokens(vertx, secret, settings.auth().tokenTtlSeconds()),
      settings.auth().reservedNames());
    this.limits = new RateLimits(settings.limits());
    this.counters = new Counters(node, settings.root());
    this.adminToken = new AdminToken(settings.adminToken());
    this.observerQueries = new ObserverQueries(node, settings.root());
    this.bridge = EventBusBridge.create(vertx, node, accounts, limits, settings.viewers());
  }

  /** A router of every route, for one listener. */
  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::add);
    router.route().handler(PathGuard::check);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    new OperationsRoutes(node, settings.root()).mount(router);
    new AccountRoutes(accounts, limits).mount(router);
    new CounterRoutes(node, counters, limits).mount(router);
    new InfosysRoutes(node).mount(router);
    new SupervisionRoutes(node, settings.root(), observerQueries, adminToken).mount(router);
    new ObserverRoutes(node, observerQueries, adminToken).mount(router);
    new VideoRoutes(node, new Authentication(accounts), limits).mount(router);
    router.route(EventBusBridge.PATH + "/*").subRouter(bridge.router());
    router.getWithRegex(PAGES).handler(StaticHandler.create(WEBROOT));
    Errors.install(router);
    return router;
  }
}
