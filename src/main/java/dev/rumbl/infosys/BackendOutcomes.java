package dev.rumbl.infosys;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the workers of each backend ended on this node, counted since the node started: with
 * results ({@link Kind#ANSWERED}), with none ({@link Kind#EMPTY}), killed at or answering after the
 * deadline ({@link Kind#TIMEOUT}), crashed ({@link Kind#CRASHED}), or never started
 * ({@link Kind#UNAVAILABLE}). One instance per Vert.x instance; safe from any thread.
 */
public final class BackendOutcomes implements Shareable {

  /** How one worker ended. */
  public enum Kind { ANSWERED, EMPTY, TIMEOUT, CRASHED, UNAVAILABLE }

  private static final String MAP = "rumbl.infosys.outcomes";

  private final Map<String, Map<Kind, LongAdder>> counts = new ConcurrentHashMap<>();

  private BackendOutcomes() {
  }

  public static BackendOutcomes of(Vertx vertx) {
    return vertx.sharedData().<String, BackendOutcomes>getLocalMap(MAP).computeIfAbsent(MAP, key -> new BackendOutcomes());
  }

  void record(String backend, Kind kind) {
    counts.computeIfAbsent(backend, name -> {
      Map<Kind, LongAdder> kinds = new EnumMap<>(Kind.class);
      for (Kind each : Kind.values()) {
        kinds.put(each, new LongAdder());
      }
      return kinds;
    }).get(kind).increment();
  }

  /** The count of one backend's workers that ended so; 0 for a backend never asked. */
  public long count(String backend, Kind kind) {
    Map<Kind, LongAdder> kinds = counts.get(backend);
    return kinds == null ? 0 : kinds.get(kind).sum();
  }

  /** The backends asked so far, in name order. */
  public Iterable<String> backends() {
    return new TreeMap<>(counts).keySet();
  }
}
