package dev.rumbl.bench;

/**
 * The sizes of one benchmark run, read from system properties (each key below, with its default),
 * so that the lead can rerun with larger figures and the smoke test with tiny ones.
 */
record BenchConfig(int warmups, int rounds, int casts, int calls, int restarts, int children, int childRounds, int window,
                   int computes, int callers, Http http, Viewers viewers) {

  /** The load of scenario 6: {@code wrk}'s threads and connections, and the seconds and number of its measured runs. */
  record Http(int threads, int connections, int seconds, int rounds) {
  }

  /**
   * The load of scenario 7: the numbers of viewers, how many each generator JVM opens, broadcasts
   * measured at each size, and the stream's viewers, annotations in flight and seconds.
   */
  record Viewers(int[] sizes, int perGenerator, int broadcasts, int streamViewers, int window, int streamSeconds) {
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
  static final String VIEWER_SIZES = "bench.viewers.sizes";
  static final String VIEWERS_PER_GENERATOR = "bench.viewers.perGenerator";
  static final String VIEWER_BROADCASTS = "bench.viewers.broadcasts";
  static final String STREAM_VIEWERS = "bench.viewers.streamViewers";
  static final String STREAM_WINDOW = "bench.viewers.window";
  static final String STREAM_SECONDS = "bench.viewers.streamSeconds";

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
        Integer.getInteger(HTTP_ROUNDS, 3)),
      new Viewers(
        java.util.Arrays.stream(System.getProperty(VIEWER_SIZES, "1000,5000,10000,18000").split(",")).mapToInt(Integer::parseInt).toArray(),
        Integer.getInteger(VIEWERS_PER_GENERATOR, 5_000),
        Integer.getInteger(VIEWER_BROADCASTS, 3),
        Integer.getInteger(STREAM_VIEWERS, 1_000),
        Integer.getInteger(STREAM_WINDOW, 16),
        Integer.getInteger(STREAM_SECONDS, 10)));
  }

  /** Warm-up rounds are run and thrown away; the measured rounds follow. */
  int totalRounds() {
    return warmups + rounds;
  }

  boolean measured(int round) {
    return round >= warmups;
  }
}
