package dev.rumbl.web;

import dev.rumbl.infosys.BackendOutcomes;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * Health and metrics: {@code GET /health} (liveness) answers 200 {@code {"status":"UP"}} while the
 * root supervisor is alive and 503 {@code {"status":"DOWN"}} otherwise. {@code GET /health/ready}
 * (readiness, vertx-health-check) answers 200 when every check of {@link ReadinessChecks} is up and
 * 503 otherwise, the body listing each check by id with its status ({@code {"status":"DOWN",
 * "outcome":"DOWN","checks":[{"id":"storage","status":"DOWN","data":{...}}, ...]}}), so that a
 * load balancer stops sending traffic to a node whose storage is down. {@code GET /metrics} answers the
 * Prometheus text format (503 when metrics were not enabled at start), with the supervision gauges
 * refreshed just before.
 */
final class OperationsRoutes {

  static final String HEALTH = "/health";
  static final String READY = "/health/ready";
  static final String METRICS = "/metrics";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Node node;
  private final Name root;

  OperationsRoutes(Node node, Name root) {
    this.node = node;
    this.root = root;
  }

  void mount(Router router) {
    router.get(HEALTH).handler(this::health);
    router.get(READY).handler(HealthCheckHandler.createWithHealthChecks(ReadinessChecks.of(node, root)));
    router.get(METRICS).handler(this::metrics);
  }

  private void health(RoutingContext ctx) {
    Replies.answer(ctx, node.whereis(root), pid -> {
      boolean up = pid != null && node.isAlive(pid);
      Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
    });
  }

  private void metrics(RoutingContext ctx) {
    PrometheusMeterRegistry registry = Metrics.registry().orElse(null);
    if (registry == null) {
      Replies.json(ctx, 503, new JsonObject().put("error", "metrics are not enabled"));
      return;
    }
    BackendOutcomeMetrics.register(registry, BackendOutcomes.of(ctx.vertx()));
    SupervisionMetrics gauges = SupervisionMetrics.of(ctx.vertx(), registry);
    Future<Void> refreshed = SupervisionTree.of(node, root).map(tree -> {
      gauges.update(tree);
      return null;
    });
    Replies.answer(ctx, refreshed.otherwiseEmpty(), done -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
      .end(registry.scrape()));
  }
}
