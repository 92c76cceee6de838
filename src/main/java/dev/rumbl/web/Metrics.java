package dev.rumbl.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.Optional;

/**
 * The application's metrics: Vert.x's Micrometer integration with a Prometheus registry named
 * {@value #REGISTRY}, enabled by {@link #enable} before Vert.x starts. Other packages record
 * their own meters in {@link #registry()} (InfoSys: compute latency, backend outcomes).
 */
public final class Metrics {

  public static final String REGISTRY = "rumbl";

  private Metrics() {
  }

  /** Turns on Micrometer metrics with the Prometheus backend in options; returns options. */
  public static VertxOptions enable(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setRegistryName(REGISTRY)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  /** The Prometheus registry, if metrics were enabled when Vert.x started. */
  public static Optional<PrometheusMeterRegistry> registry() {
    MeterRegistry registry = BackendRegistries.getNow(REGISTRY);
    return registry instanceof PrometheusMeterRegistry prometheus ? Optional.of(prometheus) : Optional.empty();
  }
}
