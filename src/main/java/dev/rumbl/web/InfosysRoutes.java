package dev.rumbl.web;

import dev.rumbl.infosys.ComputeRequest;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.Result;
import dev.rumbl.otp.Node;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/infosys?q=TEXT[&limit=N][&timeout=MS]}: asks {@link InfoSys#compute} and answers
 * {@code {"query", "results": [{backend, score, text, url}]}}, highest score first. The request is
 * validated by {@link ComputeRequest}, the one place that knows the rules (q present, not blank, at
 * most 1,000 characters; limit 1..100; timeout 1..60,000 ms): a bad one is a 400 naming the
 * problem, and InfoSys is not asked. 503 when InfoSys is not running, and 503
 * {@code {"error":"overloaded"}} when the node runs its maximum of computes already. Each compute's latency is
 * timed as {@value #LATENCY_METRIC} when metrics are on.
 */
final class InfosysRoutes {

  static final String PATH = "/api/infosys";
  static final String LATENCY_METRIC = "rumbl.infosys.compute";

  private final Node node;

  InfosysRoutes(Node node) {
    this.node = node;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::compute);
  }

  private void compute(RoutingContext ctx) {
    ComputeRequest request = ComputeRequest.fromJson(requestOf(ctx.queryParams()));
    Optional<PrometheusMeterRegistry> registry = Metrics.registry();
    Optional<Timer.Sample> sample = registry.map(Timer::start);
    Future<List<Result>> results = InfoSys.compute(node, request)
      .recover(error -> Future.failedFuture(error instanceof IllegalStateException
        ? new HttpException(503, error.getMessage())
        : error))
      .andThen(done -> sample.ifPresent(started -> started.stop(Timer.builder(LATENCY_METRIC)
        .tag("outcome", done.succeeded() ? "ok" : "error").register(registry.get()))));
    Replies.answer(ctx, results, found -> Replies.json(ctx, 200, new JsonObject()
      .put("query", request.query())
      .put("results", new JsonArray(found.stream().map(result -> (Object) result.toJson()).toList()))));
  }

  /** The query parameters as ComputeRequest's JSON: numbers where they parse, the raw text where not. */
  private static JsonObject requestOf(MultiMap params) {
    JsonObject json = new JsonObject().put(ComputeRequest.QUERY, params.get("q"));
    putNumber(json, ComputeRequest.LIMIT, params.get("limit"));
    putNumber(json, ComputeRequest.TIMEOUT_MS, params.get("timeout"));
    return json;
  }

  private static void putNumber(JsonObject json, String key, String text) {
    if (text == null) {
      return;
    }
    try {
      json.put(key, Long.parseLong(text.trim()));
    } catch (NumberFormatException notAnInteger) {
      json.put(key, text);
    }
  }
}
