package dev.rumbl.bench;

import java.util.function.Predicate;

/** The target for one metric, as text for the table and as a check on the measurement. */
record Target(String text, Predicate<Measurement> check) {

  static Target none() {
    return new Target("", measurement -> true);
  }

  /** Rumbl's figure is at least {@code ratio} times the raw one (for throughputs). */
  static Target ratioAtLeast(double ratio) {
    return new Target(">= " + ratio + "x raw", measurement -> measurement.ratioToRaw() >= ratio);
  }

  /** Rumbl's figure is at most {@code ratio} times the raw one (for latencies). */
  static Target ratioAtMost(double ratio) {
    return new Target("<= " + ratio + "x raw", measurement -> measurement.ratioToRaw() <= ratio);
  }

  /** Rumbl's own figure is at most {@code limit}. */
  static Target valueAtMost(double limit, String unit) {
    return new Target("<= " + (long) limit + " " + unit, measurement -> measurement.rumbl() <= limit);
  }

  boolean isSet() {
    return !text.isEmpty();
  }

  boolean metBy(Measurement measurement) {
    return check.test(measurement);
  }
}
