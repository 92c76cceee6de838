package dev.rumbl.web;

import dev.rumbl.otp.Name;

/**
 * What the HTTP endpoint needs to know: where to listen (port 0 picks a free port), the largest
 * request body it accepts, the operator's admin token (null: operator routes refuse everyone), and
 * and the root supervisor of the application whose tree it shows and whose health it reports.
 */
public record HttpSettings(String host, int port, int maxBodyBytes, String adminToken, Name root) {
}
