package dev.rumbl.bench;

/**
 * The sizes of one benchmark run, read from system properties (each key below, with its default),
 * so that the lead can rerun with larger figures and the smoke test with tiny ones.
 */
record BenchConfig(int warmups, int rounds, int casts, int calls, int restarts, int children, int childRounds, int window) {

  static final String WARMUPS = "bench.warmups";
  static final String ROUNDS = "bench.rounds";
  static final String CASTS = "bench.casts";
  static final String CALLS = "bench.calls";
  static final String RESTARTS = "bench.restarts";
  static final String CHILDREN = "bench.children";
  static final String CHILD_ROUNDS = "bench.children.rounds";
  static final String WINDOW = "bench.window";

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
      Integer.getInteger(WARMUPS, 3),
      Integer.getInteger(ROUNDS, 5),
      Integer.getInteger(CASTS, 1_000_000),
      Integer.getInteger(CALLS, 50_000),
      Integer.getInteger(RESTARTS, 2_000),
      Integer.getInteger(CHILDREN, 100_000),
      Integer.getInteger(CHILD_ROUNDS, 3),
      Integer.getInteger(WINDOW, 1_000));
  }

  /** Warm-up rounds are run and thrown away; the measured rounds follow. */
  int totalRounds() {
    return warmups + rounds;
  }

  boolean measured(int round) {
    return round >= warmups;
  }
}
