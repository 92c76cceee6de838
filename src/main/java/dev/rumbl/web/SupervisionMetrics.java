package dev.rumbl.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Metrics of the supervision tree, refreshed from a {@link SupervisionTree} snapshot before each
 * scrape: the counter {@code rumbl_supervisor_restarts_total} (restarts made by the supervisor, only
 * counting up: a restarted supervisor's count of its own, which starts again from zero, is added to
 * the total by {@link RestartTotals}) and the gauge {@code rumbl_supervisor_children} (live
 * children), both tagged with the supervisor's name, or with its path of child ids when it has none.
 * A supervisor that disappears keeps its last values. There is one instance per Vert.x instance, so
 * that a restarted HTTP endpoint keeps the same metrics.
 */
final class SupervisionMetrics implements Shareable {

  static final String RESTARTS = "rumbl.supervisor.restarts";
  static final String CHILDREN = "rumbl.supervisor.children";

  private static final String SHARED_MAP = "rumbl.web";
  private static final String SHARED_KEY = "supervisionMetrics";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final RestartTotals restartTotals = new RestartTotals();

  private SupervisionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static SupervisionMetrics of(Vertx vertx, MeterRegistry registry) {
    return vertx.sharedData().<String, SupervisionMetrics>getLocalMap(SHARED_MAP)
      .computeIfAbsent(SHARED_KEY, key -> new SupervisionMetrics(registry));
  }

  synchronized void update(SupervisionTree tree) {
    update(tree, tree.report().name() == null ? "root" : tree.report().name().toString());
  }

  private void update(SupervisionTree tree, String label) {
    counter(RESTARTS, label).increment(restartTotals.newRestarts(label, tree.report().pid(), tree.report().restarts()));
    gauge(CHILDREN, label).set(tree.report().counts().active());
    tree.report().children().forEach(child -> {
      SupervisionTree below = child.pid() == null ? null : tree.subtrees().get(child.pid());
      if (below != null) {
        update(below, below.report().name() != null ? below.report().name().toString() : label + "/" + child.id());
      }
    });
  }

  private Counter counter(String metric, String supervisor) {
    return counters.computeIfAbsent(metric + "|" + supervisor, key -> Counter.builder(metric)
      .tag("supervisor", supervisor)
      .register(registry));
  }

  private AtomicInteger gauge(String metric, String supervisor) {
    return gauges.computeIfAbsent(metric + "|" + supervisor, key -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(metric, value, AtomicInteger::get)
        .tag("supervisor", supervisor)
        .strongReference(true)
        .register(registry);
      return value;
    });
  }
}
