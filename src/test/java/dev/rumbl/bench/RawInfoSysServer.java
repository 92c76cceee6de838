package dev.rumbl.bench;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The raw Vert.x baseline of {@code GET /api/infosys}: a plain {@link Router} on one HTTP server
 * that asks the backend directly, with no process, supervisor or cache, and answers the same JSON
 * as the application ({@code {"query", "results": [...]}}, best first, at most the default limit);
 * 400 without a question. Listens on 127.0.0.1 and an ephemeral port, see {@link #port()}.
 */
final class RawInfoSysServer extends VerticleBase {

  static final String PATH = "/api/infosys";

  private final Backend backend;
  private HttpServer server;

  RawInfoSysServer(Backend backend) {
    this.backend = backend;
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get(PATH).handler(this::compute);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(listening -> server = listening);
  }

  private void compute(RoutingContext ctx) {
    String question = ctx.queryParams().get("q");
    if (question == null || question.isBlank()) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    String query = question.trim();
    backend.query(query, ComputeOptions.DEFAULT_LIMIT).onComplete(answered -> {
      if (answered.failed()) {
        ctx.fail(answered.cause());
        return;
      }
      List<Object> best = answered.result().stream().sorted(Result.BY_SCORE).limit(ComputeOptions.DEFAULT_LIMIT)
        .map(result -> (Object) result.toJson()).toList();
      ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("query", query).put("results", new JsonArray(best)).encode());
    });
  }
}
