package dev.rumbl.web;

import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Strategy;
import dev.rumbl.otp.SupervisorReport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisionMetricsTest {

  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SupervisionMetrics metrics = SupervisionMetrics.of(vertx, registry);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void restartsAreACounterThatKeepsCountingAcrossARestartOfTheSupervisor() {
    Pid first = new Pid("node", "first");
    Pid second = new Pid("node", "second");

    metrics.update(snapshot(first, 2));
    metrics.update(snapshot(first, 3));
    assertThat(registry.scrape()).contains("rumbl_supervisor_restarts_total{supervisor=\"rumbl\"} 3.0");

    metrics.update(snapshot(second, 0));
    assertThat(registry.scrape()).contains("rumbl_supervisor_restarts_total{supervisor=\"rumbl\"} 3.0");

    metrics.update(snapshot(second, 1));
    assertThat(registry.scrape())
      .contains("# TYPE rumbl_supervisor_restarts_total counter")
      .contains("rumbl_supervisor_restarts_total{supervisor=\"rumbl\"} 4.0")
      .contains("rumbl_supervisor_children{supervisor=\"rumbl\"} 1.0");
  }

  private static SupervisionTree snapshot(Pid pid, int restarts) {
    SupervisorReport report = new SupervisorReport(pid, Name.local("rumbl"), Strategy.ONE_FOR_ONE, 3, 5, restarts,
      new ChildCounts(1, 1, 0, 1), List.of());
    return new SupervisionTree(report, Map.of());
  }
}
