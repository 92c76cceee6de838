package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.account.Unauthenticated;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the routes that write as a user: the request must carry {@code Authorization: Bearer
 * <token>} with a token that {@link Accounts#authenticate} accepts; the account's name is then
 * {@link #user} for the handlers after it. Otherwise the request fails with {@link Unauthenticated}
 * (401 {@code {"error": "unauthenticated"}}).
 */
final class Authentication {

  private static final String BEARER = "Bearer ";
  private static final String USER = "rumbl.user";

  private final Accounts accounts;

  Authentication(Accounts accounts) {
    this.accounts = accounts;
  }

  void check(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
      ? header.substring(BEARER.length()).trim()
      : null;
    accounts.authenticate(token).onComplete((user, error) -> {
      if (error == null) {
        ctx.put(USER, user);
        ctx.next();
      } else {
        ctx.fail(error);
      }
    });
  }

  /** The authenticated user of a request that passed {@link #check}. */
  static String user(RoutingContext ctx) {
    return ctx.get(USER);
  }

  /** The client's address, the key of the per-address limits (a proxy in front would make it the proxy's). */
  static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }
}
