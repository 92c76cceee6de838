package dev.rumbl.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.function.Consumer;

/** Writes JSON responses, and hands a failed Future to the routing context's failure handling. */
final class Replies {

  static final String JSON = "application/json";

  private Replies() {
  }

  /** Completes when the response has been written. */
  static Future<Void> json(RoutingContext ctx, int status, Object body) {
    return ctx.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .end(Json.encode(body));
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  static HttpException badRequest(String message) {
    return new HttpException(400, message);
  }

  /** Runs onSuccess with the Future's value, or fails ctx with its error (see {@link Errors}). */
  static <T> void answer(RoutingContext ctx, Future<T> result, Consumer<T> onSuccess) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        onSuccess.accept(done.result());
      } else {
        ctx.fail(done.cause());
      }
    });
  }
}
