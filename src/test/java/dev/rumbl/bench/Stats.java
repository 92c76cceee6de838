package dev.rumbl.bench;

import java.util.Arrays;

/** Order statistics over samples (nearest-rank percentiles), and the median of per-round figures. */
final class Stats {

  private Stats() {
  }

  /** The p-th percentile (0 &lt; p &lt;= 100) by nearest rank; the samples are not modified. */
  static double percentile(long[] samples, double p) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static double mean(long[] samples) {
    return Arrays.stream(samples).average().orElseThrow();
  }
}
