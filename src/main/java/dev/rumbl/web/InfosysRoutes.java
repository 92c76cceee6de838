package dev.rumbl.web;

import dev.rumbl.otp.Node;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/infosys?q=TEXT[&limit=N][&timeout=MS]}: asks the information system through a
 * {@link Search} and answers {@code {"query", "results": [{backend, score, text, url}]}}, highest
 * score first and at most limit of them. q must be present, not blank and at most
 * {@value #MAX_QUERY_LENGTH} characters, limit in 1..{@value #MAX_LIMIT}, timeout in
 * 1..{@value #MAX_TIMEOUT_MS} ms; anything else is a 400. A failed compute is answered by
 * {@link Errors} (503 from {@link Search#UNAVAILABLE}). Each compute's latency is timed as {@value #LATENCY_METRIC} when metrics are on.
 */
final class InfosysRoutes {

  static final String PATH = "/api/infosys";
  static final int MAX_QUERY_LENGTH = 1000;
  static final int MAX_LIMIT = 100;
  static final long MAX_TIMEOUT_MS = 60_000;
  static final String LATENCY_METRIC = "rumbl.infosys.compute";

  private final Node node;
  private final Search search;

  InfosysRoutes(Node node, Search search) {
    this.node = node;
    this.search = search;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::compute);
  }

  private void compute(RoutingContext ctx) {
    String query = ctx.queryParams().get("q");
    if (query == null || query.isBlank()) {
      throw Replies.badRequest("'q' is required and must not be blank");
    }
    if (query.length() > MAX_QUERY_LENGTH) {
      throw Replies.badRequest("'q' must be at most " + MAX_QUERY_LENGTH + " characters");
    }
    Long limit = bounded(ctx, "limit", MAX_LIMIT);
    Long timeout = bounded(ctx, "timeout", MAX_TIMEOUT_MS);
    Optional<PrometheusMeterRegistry> registry = Metrics.registry();
    Optional<Timer.Sample> sample = registry.map(Timer::start);
    Future<List<Search.Answer>> answers = search.compute(node, query, limit == null ? null : limit.intValue(), timeout)
      .andThen(done -> sample.ifPresent(started -> started.stop(Timer.builder(LATENCY_METRIC)
        .tag("outcome", done.succeeded() ? "ok" : "error").register(registry.get()))));
    Replies.answer(ctx, answers, found -> Replies.json(ctx, 200, new JsonObject()
      .put("query", query)
      .put("results", render(found, limit == null ? MAX_LIMIT : limit.intValue()))));
  }

  private static Long bounded(RoutingContext ctx, String param, long max) {
    String text = ctx.queryParams().get(param);
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // answered below, as any other value out of range
    }
    throw Replies.badRequest("'" + param + "' must be an integer from 1 to " + max);
  }

  private static JsonArray render(List<Search.Answer> answers, int limit) {
    return new JsonArray(answers.stream()
      .sorted(Comparator.comparingDouble(Search.Answer::score).reversed())
      .limit(limit)
      .map(answer -> (Object) new JsonObject()
        .put("backend", answer.backend())
        .put("score", answer.score())
        .put("text", answer.text())
        .put("url", answer.url()))
      .toList());
  }
}
