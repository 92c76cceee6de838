package dev.rumbl.web;

import dev.rumbl.account.AuthSettings;
import dev.rumbl.limits.LimitSettings;
import dev.rumbl.otp.Name;
import dev.rumbl.video.ViewerSettings;

/**
 * What the HTTP endpoint needs to know: where to listen (port 0 picks a free port), the largest
 * request body it accepts, the operator's admin token (null: operator routes refuse everyone), the
 * root supervisor of the application whose tree it shows and whose health it reports, how long a
 * connection may stay idle (nothing read or written) before the server closes it, how accounts'
 * tokens are signed, the rate limits, and the bounds of the bridge's viewers. {@link #toString} hides the admin token and the secret.
 */
public record HttpSettings(String host, int port, int maxBodyBytes, String adminToken, Name root, int idleTimeoutSeconds,
                           AuthSettings auth, LimitSettings limits, ViewerSettings viewers) {

  @Override
  public String toString() {
    return "HttpSettings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", adminToken="
      + (adminToken == null ? "none" : "(hidden)") + ", root=" + root + ", idleTimeoutSeconds=" + idleTimeoutSeconds
      + ", auth=" + auth + ", limits=" + limits + ", viewers=" + viewers + "]";
  }
}
