package dev.rumbl.web;

import dev.rumbl.infosys.BackendOutcomes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * {@code rumbl_infosys_backend_outcomes_total{backend, outcome}}: how InfoSys's workers ended, per
 * backend (answered, empty, timeout, crashed, unavailable), read from {@link BackendOutcomes}.
 * Counters are registered before each scrape for every backend asked so far; registering again is
 * harmless.
 */
final class BackendOutcomeMetrics {

  static final String OUTCOMES = "rumbl.infosys.backend.outcomes";

  private BackendOutcomeMetrics() {
  }

  static void register(MeterRegistry registry, BackendOutcomes outcomes) {
    for (String backend : outcomes.backends()) {
      for (BackendOutcomes.Kind kind : BackendOutcomes.Kind.values()) {
        FunctionCounter.builder(OUTCOMES, outcomes, counts -> counts.count(backend, kind))
          .tag("backend", backend)
          .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
          .register(registry);
      }
    }
  }
}
