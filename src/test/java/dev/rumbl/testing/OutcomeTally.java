package dev.rumbl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outcome of every request a load made, counted per operation and outcome, thread-safe: OK (it
 * succeeded), CLEAR (a clear error: a 4xx/503/504 with a JSON error, a refused or failed bridge
 * reply), BAD (a 500, an error without a reason, a broken connection) and HUNG (no answer in time).
 * The first bad or hung requests are kept as samples.
 */
public final class OutcomeTally {

  public enum Outcome { OK, CLEAR, BAD, HUNG }

  private static final int MAX_SAMPLES = 20;

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final List<String> samples = new ArrayList<>();

  void record(String operation, Outcome outcome, String detail) {
    counts.computeIfAbsent(operation + " " + outcome.name().toLowerCase(), key -> new LongAdder()).increment();
    if (outcome == Outcome.BAD || outcome == Outcome.HUNG) {
      synchronized (samples) {
        if (samples.size() < MAX_SAMPLES) {
          samples.add(operation + " " + outcome + ": " + detail);
        }
      }
    }
  }

  /** Counts the reason of a clear error, such as {@code 404 noproc}. */
  void reason(String operation, String reason) {
    reasons.computeIfAbsent(operation + ": " + reason, key -> new LongAdder()).increment();
  }

  public long count(Outcome outcome) {
    String suffix = " " + outcome.name().toLowerCase();
    return counts.entrySet().stream().filter(entry -> entry.getKey().endsWith(suffix)).mapToLong(entry -> entry.getValue().sum()).sum();
  }

  public long count(String operation, Outcome outcome) {
    LongAdder adder = counts.get(operation + " " + outcome.name().toLowerCase());
    return adder == null ? 0 : adder.sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public List<String> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Every count, sorted by operation then outcome. */
  public Map<String, Long> snapshot() {
    return sorted(counts);
  }

  /** How many clear errors of every operation had this reason. */
  public long reasonCount(String reason) {
    String suffix = ": " + reason;
    return reasons.entrySet().stream().filter(entry -> entry.getKey().endsWith(suffix)).mapToLong(entry -> entry.getValue().sum()).sum();
  }

  /** The clear errors by operation and reason. */
  public Map<String, Long> reasons() {
    return sorted(reasons);
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((key, adder) -> sorted.put(key, adder.sum()));
    return sorted;
  }
}
