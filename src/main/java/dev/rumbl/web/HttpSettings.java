package dev.rumbl.web;

import dev.rumbl.otp.Name;

/**
 * What the HTTP endpoint needs to know: where to listen (port 0 picks a free port), the largest
 * request body it accepts, the operator's admin token (null: operator routes refuse everyone),
 * the root supervisor of the application whose tree it shows and whose health it reports, and
 * how long a connection may stay idle (nothing read or written) before the server closes it.
 */
public record HttpSettings(String host, int port, int maxBodyBytes, String adminToken, Name root, int idleTimeoutSeconds) {

  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

  /** Settings with the default idle timeout. */
  public HttpSettings(String host, int port, int maxBodyBytes, String adminToken, Name root) {
    this(host, port, maxBodyBytes, adminToken, root, DEFAULT_IDLE_TIMEOUT_SECONDS);
  }
}
