package dev.rumbl.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gauges of the supervision tree, refreshed from a {@link SupervisionTree} snapshot before each
 * scrape: {@code rumbl_supervisor_restarts} (restarts made by the supervisor's current incarnation)
 * and {@code rumbl_supervisor_children} (live children), both tagged with the supervisor's name,
 * or with its path of child ids when it has none. A supervisor that disappears keeps its last values.
 * There is one instance per Vert.x instance, so that a restarted HTTP endpoint keeps the same gauges.
 */
final class SupervisionMetrics implements Shareable {

  static final String RESTARTS = "rumbl.supervisor.restarts";
  static final String CHILDREN = "rumbl.supervisor.children";

  private static final String SHARED_MAP = "rumbl.web";
  private static final String SHARED_KEY = "supervisionMetrics";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

  private SupervisionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static SupervisionMetrics of(Vertx vertx, MeterRegistry registry) {
    return vertx.sharedData().<String, SupervisionMetrics>getLocalMap(SHARED_MAP)
      .computeIfAbsent(SHARED_KEY, key -> new SupervisionMetrics(registry));
  }

  void update(SupervisionTree tree) {
    update(tree, tree.report().name() == null ? "root" : tree.report().name().toString());
  }

  private void update(SupervisionTree tree, String label) {
    gauge(RESTARTS, label).set(tree.report().restarts());
    gauge(CHILDREN, label).set(tree.report().counts().active());
    tree.report().children().forEach(child -> {
      SupervisionTree below = child.pid() == null ? null : tree.subtrees().get(child.pid());
      if (below != null) {
        update(below, below.report().name() != null ? below.report().name().toString() : label + "/" + child.id());
      }
    });
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
