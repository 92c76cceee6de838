package dev.rumbl.bench;

/**
 * The sizes of one benchmark run, read from system properties (each key below, with its default),
 * so that the lead can rerun with larger figures and the smoke test with tiny ones.
 */
record BenchConfig(int warmups, int rounds, int casts, int calls, int restarts, int children, int childRounds, int window,
                   int computes, int callers, Http http) {

  /** The load of scenario 6: {@code wrk}'s threads and connections, and the seconds and number of its measured runs. */
  record Http(int threads, int connections, int seconds, int rounds) {
  }

  static final String WARMUPS = "bench.warmups";
  static final String ROUNDS = "bench.rounds";
  static final String CASTS = "bench.casts";
  static final String CALLS = "bench.calls";
  static final String RESTARTS = "bench.restarts";
  static final String CHILDREN = "bench.children";
  static final String CHILD_ROUNDS = "bench.children.rounds";
  static final String WINDOW = "bench.window";
  static final String COMPUTES = "bench.computes";
  static final String CALLERS = "bench.compute.callers";
  static final String HTTP_THREADS = "bench.http.threads";
  static final String HTTP_CONNECTIONS = "bench.http.connections";
  static final String HTTP_SECONDS = "bench.http.seconds";
  static final String HTTP_ROUNDS = "bench.http.rounds";

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
      Integer.getInteger(WARMUPS, 3),
      Integer.getInteger(ROUNDS, 5),
      Integer.getInteger(CASTS, 1_000_000),
      Integer.getInteger(CALLS, 50_000),
      Integer.getInteger(RESTARTS, 2_000),
      Integer.getInteger(CHILDREN, 100_000),
      Integer.getInteger(CHILD_ROUNDS, 3),
      Integer.getInteger(WINDOW, 1_000),
      Integer.getInteger(COMPUTES, 10_000),
      Integer.getInteger(CALLERS, 64),
      new Http(
        Integer.getInteger(HTTP_THREADS, 2),
        Integer.getInteger(HTTP_CONNECTIONS, 64),
        Integer.getInteger(HTTP_SECONDS, 10),
        Integer.getInteger(HTTP_ROUNDS, 3)));
  }

  /** Warm-up rounds are run and thrown away; the measured rounds follow. */
  int totalRounds() {
    return warmups + rounds;
  }

  boolean measured(int round) {
    return round >= warmups;
  }
}
