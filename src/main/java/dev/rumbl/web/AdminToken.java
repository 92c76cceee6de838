package dev.rumbl.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards the operator routes: the request must carry {@code Authorization: Bearer <token>} equal
 * to the configured admin token. No header, or not a bearer token: 401. A wrong token: 403. No
 * token configured: 403 for everyone. Tokens are compared through their SHA-256 digests with a
 * constant-time comparison, so neither the content nor the length of the token leaks through timing.
 */
final class AdminToken {

  private static final String BEARER = "Bearer ";

  private final byte[] expectedDigest;

  AdminToken(String token) {
    this.expectedDigest = token == null ? null : digest(token);
  }

  /** Passes the request on when authorized; fails it with 401 or 403 otherwise. */
  void check(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (expectedDigest == null) {
      ctx.fail(new HttpException(403, "forbidden: no admin token is configured"));
    } else if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(new HttpException(401, "unauthorized: a bearer token is required"));
    } else if (!MessageDigest.isEqual(expectedDigest, digest(header.substring(BEARER.length()).trim()))) {
      ctx.fail(new HttpException(403, "forbidden"));
    } else {
      ctx.next();
    }
  }

  /** True when the request carries the configured admin token; never fails the request (for routes that only show more to an admin). */
  boolean permits(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return expectedDigest != null && header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
      && MessageDigest.isEqual(expectedDigest, digest(header.substring(BEARER.length()).trim()));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
