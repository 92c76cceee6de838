package dev.rumbl.video;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.util.List;

/**
 * How the storage's PostgreSQL connections use TLS, with libpq's {@code sslmode} words: {@code mode}
 * one of {@link #MODES} (null: the PostgreSQL URL's own {@code sslmode}, else {@code disable}) and
 * {@code trustFile}, a PEM file of the certificates (a CA's, or the server's own) that vouch for the
 * server. {@code verify-ca} and {@code verify-full} need it (and {@code verify-full} also checks that
 * the server's certificate names the host connected to); {@code allow}, {@code prefer} and
 * {@code require} without it encrypt but take any certificate, as libpq does without a root
 * certificate: safe from eavesdroppers, not from a server in the middle. H2 ignores it.
 */
public record StorageTls(String mode, String trustFile) {

  /** The accepted modes, libpq's. */
  public static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  /** TLS as the URL says, without a trust file. */
  public static final StorageTls URLS = new StorageTls(null, null);

  public StorageTls {
    if (mode != null && !MODES.contains(mode)) {
      throw new IllegalArgumentException("unknown TLS mode " + mode + ", expected one of " + MODES);
    }
  }

  /** True when mode (or, with none, a URL's mode) asks for a certificate checked against a trust file. */
  public static boolean verifies(String mode) {
    return "verify-ca".equals(mode) || "verify-full".equals(mode);
  }

  /** Sets options' TLS as these settings say: mode over the URL's, trust file, host check. */
  void applyTo(PgConnectOptions options) {
    if (mode != null) {
      options.setSslMode(SslMode.of(mode));
    }
    SslMode effective = options.getSslMode();
    if (effective == SslMode.DISABLE) {
      return;
    }
    ClientSSLOptions ssl = options.getSslOptions() == null ? new ClientSSLOptions() : options.getSslOptions();
    if (trustFile != null) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(trustFile));
    } else if (effective != SslMode.VERIFY_CA && effective != SslMode.VERIFY_FULL) {
      ssl.setTrustAll(true);
    }
    if (effective == SslMode.VERIFY_FULL) {
      ssl.setHostnameVerificationAlgorithm("HTTPS");
    }
    options.setSslOptions(ssl);
  }
}
