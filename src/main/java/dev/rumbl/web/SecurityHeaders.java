package dev.rumbl.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Puts the browser-facing security headers on every response the router writes, pages and API
 * answers alike: {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, and
 * a Content-Security-Policy that allows scripts, styles and connections from the app's own origin
 * only (no inline script or style, no framing by anyone: {@value #PAGE_POLICY}). The bridge's
 * SockJS pages under {@value EventBusBridge#PATH} are framed by the app's own pages and run one
 * fixed inline script (SockJS's iframe bootstrap), allowed by its hash; they get
 * {@link #BRIDGE_POLICY}.
 */
final class SecurityHeaders {

  static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    + " connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  /** The inline script of the SockJS iframe page that Vert.x serves at {@code /eventbus/iframe.html}. */
  static final String SOCKJS_IFRAME_SCRIPT = "\n    document.domain = document.domain;\n    SockJS.bootstrap_iframe();\n  ";
  static final String BRIDGE_POLICY = "default-src 'self'; script-src 'self' " + sha256Source(SOCKJS_IFRAME_SCRIPT) + ";"
    + " connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

  private SecurityHeaders() {
  }

  static void add(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    String path = ctx.request().path();
    boolean bridge = path != null && (path.equals(EventBusBridge.PATH) || path.startsWith(EventBusBridge.PATH + "/"));
    headers.set("Content-Security-Policy", bridge ? BRIDGE_POLICY : PAGE_POLICY);
    ctx.next();
  }

  /** A CSP source allowing exactly the inline script with this text. */
  static String sha256Source(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java platform has SHA-256", impossible);
    }
  }
}
