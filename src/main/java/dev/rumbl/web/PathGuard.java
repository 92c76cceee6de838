package dev.rumbl.web;

import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, with a 400, a request whose path or query is not valid percent-encoding
 * ({@code /api/counters/%zz}, {@code /api/videos/1/annotations?limit=%zz}), before any route tries
 * to decode its parameters.
 */
final class PathGuard {

  private PathGuard() {
  }

  static void check(RoutingContext ctx) {
    try {
      URLDecoder.decode(ctx.request().path().replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw Replies.badRequest("the path is not valid percent-encoding");
    }
    String query = ctx.request().query();
    try {
      if (query != null) {
        URLDecoder.decode(query, StandardCharsets.UTF_8);
      }
    } catch (IllegalArgumentException malformed) {
      throw Replies.badRequest("the query is not valid percent-encoding");
    }
    ctx.next();
  }
}
