package dev.rumbl.bench;

import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4: {@link InfoSys#compute} over three {@link InstantBackend}s, against a raw
 * scatter-gather of three event-bus requests to {@link RawBackend} verticles joined with
 * {@code Future.all}, sorted by score and cut to the same limit. Measured for one sequential caller
 * and for {@code callers} computes in flight from one driver; each compute is timed, and since the
 * backends answer at once its latency is the latency above the slowest backend. Every compute asks
 * a question never asked before, so InfoSys's cache never answers, and every answer must hold the
 * three backends' results, best first, or the scenario fails. Pekko's figures
 * ({@link PekkoScatterGather}: three asks to backend actors, joined) come from the same rounds. An
 * added row, for Rumbl and raw only, spreads the same number of callers over every event loop, a
 * driver context on each with an equal share of the computes, as HTTP requests spread over a
 * server's loops; the one-driver row stays the scenario's figure. With many callers, the CPU time
 * the side's event-loop threads spend per compute (Rumbl and raw) is measured too: once the loops
 * are busy it bounds the throughput, and it varies less from run to run than the rate does.
 */
final class InfoSysCompute implements Scenario {

  static final String KEY_SEQ_THROUGHPUT = "compute.seq.throughput";
  static final String KEY_SEQ_P50 = "compute.seq.p50_us";
  static final String KEY_SEQ_P99 = "compute.seq.p99_us";
  static final String KEY_CONCURRENT_THROUGHPUT = "compute.concurrent.throughput";
  static final String KEY_CONCURRENT_P50 = "compute.concurrent.p50_us";
  static final String KEY_CONCURRENT_P99 = "compute.concurrent.p99_us";
  static final String KEY_SPREAD_THROUGHPUT = "compute.spread.throughput";
  static final String KEY_SPREAD_P50 = "compute.spread.p50_us";
  static final String KEY_SPREAD_P99 = "compute.spread.p99_us";
  static final String KEY_CONCURRENT_CPU = "compute.concurrent.cpu_us";
  static final String KEY_SPREAD_CPU = "compute.spread.cpu_us";
  /** The rows to measure, comma-separated (default: all three), so that a probe of one row runs alone. */
  static final String ROWS = "bench.compute.rows";
  static final String ROW_SEQUENTIAL = "sequential";
  static final String ROW_CONCURRENT = "concurrent";
  static final String ROW_SPREAD = "spread";
  private static final long CACHE_CLEAR_MS = 1_000;
  private static final int LIMIT = ComputeOptions.DEFAULT_LIMIT;

  /**
   * One round's figures: computes per second, latency percentiles in µs, and the CPU time the
   * side's event-loop threads spent in the round per compute, in µs (NaN where not measured).
   */
  record Figures(double throughput, double p50, double p99, double cpu) {
  }

  @Override
  public String name() {
    return "4. infosys compute";
  }

  @Override
  public List<Measurement> run(BenchConfig config) {
    List<Measurement> measurements = new ArrayList<>();
    try (Side rumbl = new RumblSide(); Side raw = new RawSide(); PekkoScatterGather pekko = new PekkoScatterGather()) {
      for (int round = 0; round < config.warmups(); round++) {
        round(raw, config.computes(), config.callers());
        round(rumbl, config.computes(), config.callers());
        pekko.round(config.computes(), config.callers());
      }
      Set<String> rows = rows();
      if (rows.contains(ROW_SEQUENTIAL)) {
        measurements.addAll(measure(config, rumbl, raw, pekko, 1, "1 sequential caller",
          KEY_SEQ_THROUGHPUT, KEY_SEQ_P50, KEY_SEQ_P99));
      }
      if (rows.contains(ROW_CONCURRENT)) {
        measurements.addAll(measure(config, rumbl, raw, pekko, config.callers(), config.callers() + " concurrent callers",
          KEY_CONCURRENT_THROUGHPUT, KEY_CONCURRENT_P50, KEY_CONCURRENT_P99));
      }
      if (rows.contains(ROW_SPREAD)) {
        measurements.addAll(measureSpread(config, rumbl, raw));
      }
    }
    return measurements;
  }

  private static Set<String> rows() {
    String given = System.getProperty(ROWS, String.join(",", ROW_SEQUENTIAL, ROW_CONCURRENT, ROW_SPREAD));
    Set<String> rows = Set.copyOf(Arrays.asList(given.split(",")));
    if (!Set.of(ROW_SEQUENTIAL, ROW_CONCURRENT, ROW_SPREAD).containsAll(rows)) {
      throw new IllegalArgumentException(ROWS + " takes " + ROW_SEQUENTIAL + ", " + ROW_CONCURRENT + " and " + ROW_SPREAD + ", not " + rows);
    }
    return rows;
  }

  /** The callers spread over every event loop, Rumbl against raw, their rounds interleaved. */
  private List<Measurement> measureSpread(BenchConfig config, Side rumblSide, Side rawSide) {
    double[][] rumbl = new double[4][config.rounds()];
    double[][] raw = new double[4][config.rounds()];
    for (int round = 0; round < config.totalRounds(); round++) {
      Figures rawFigures = spreadRound(rawSide, config.computes(), config.callers());
      Figures rumblFigures = spreadRound(rumblSide, config.computes(), config.callers());
      if (config.measured(round)) {
        record(raw, round - config.warmups(), rawFigures);
        record(rumbl, round - config.warmups(), rumblFigures);
      }
    }
    String label = config.callers() + " concurrent callers spread over " + rumblSide.drivers().size() + " event loops";
    Measurement.Direction higher = Measurement.Direction.HIGHER_IS_BETTER;
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    return List.of(
      Measurement.of(KEY_SPREAD_THROUGHPUT, name(), "computes/s, " + label, "computes/s", higher, Stats.median(rumbl[0]), Stats.median(raw[0]), Target.none()),
      Measurement.of(KEY_SPREAD_P50, name(), "latency above the slowest backend, p50, " + label, "µs", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.none()),
      Measurement.of(KEY_SPREAD_P99, name(), "latency above the slowest backend, p99, " + label, "µs", lower, Stats.median(rumbl[2]), Stats.median(raw[2]), Target.none()),
      Measurement.of(KEY_SPREAD_CPU, name(), "event-loop CPU per compute, " + label, "µs", lower, Stats.median(rumbl[3]), Stats.median(raw[3]), Target.none()));
  }

  /**
   * The rows of InfoSys against raw, their rounds interleaved. Before the first of them, both sides
   * have run the warm-up rounds with many computes in flight too, so that the sequential rounds,
   * which come first, do not measure code the JIT has not compiled yet.
   */
  private List<Measurement> measure(BenchConfig config, Side rumblSide, Side rawSide, PekkoScatterGather pekkoSide,
                                    int inFlight, String label, String... keys) {
    double[][] rumbl = new double[4][config.rounds()];
    double[][] raw = new double[4][config.rounds()];
    double[][] pekko = new double[4][config.rounds()];
    for (int round = 0; round < config.totalRounds(); round++) {
      Figures rawFigures = round(rawSide, config.computes(), inFlight);
      Figures rumblFigures = round(rumblSide, config.computes(), inFlight);
      Figures pekkoFigures = pekkoSide.round(config.computes(), inFlight);
      if (config.measured(round)) {
        record(raw, round - config.warmups(), rawFigures);
        record(rumbl, round - config.warmups(), rumblFigures);
        record(pekko, round - config.warmups(), pekkoFigures);
      }
    }
    List<Measurement> rows = new ArrayList<>(rows(rumbl, raw, pekko, label, keys[0], keys[1], keys[2]));
    if (inFlight > 1) {
      rows.add(Measurement.of(KEY_CONCURRENT_CPU, name(), "event-loop CPU per compute, " + label, "µs",
        Measurement.Direction.LOWER_IS_BETTER, Stats.median(rumbl[3]), Stats.median(raw[3]), Target.none()));
    }
    return rows;
  }

  private List<Measurement> rows(double[][] rumbl, double[][] raw, double[][] pekko, String label, String... keys) {
    Measurement.Direction higher = Measurement.Direction.HIGHER_IS_BETTER;
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    return List.of(
      Measurement.of(keys[0], name(), "computes/s, " + label, "computes/s", higher, Stats.median(rumbl[0]), Stats.median(raw[0]), Target.ratioAtLeast(0.5))
        .withPekko(Stats.median(pekko[0])),
      Measurement.of(keys[1], name(), "latency above the slowest backend, p50, " + label, "µs", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.none())
        .withPekko(Stats.median(pekko[1])),
      Measurement.of(keys[2], name(), "latency above the slowest backend, p99, " + label, "µs", lower, Stats.median(rumbl[2]), Stats.median(raw[2]), Target.none())
        .withPekko(Stats.median(pekko[2])));
  }

  private static void record(double[][] figures, int index, Figures round) {
    figures[0][index] = round.throughput();
    figures[1][index] = round.p50();
    figures[2][index] = round.p99();
    figures[3][index] = round.cpu();
  }

  /** {@code computes} computes with {@code inFlight} at a time, all from the side's driver; each is timed. */
  private static Figures round(Side side, int computes, int inFlight) {
    Loops.settle();
    long[] samples = new long[computes];
    long cpuBefore = side.loopCpuNanos();
    long start = System.nanoTime();
    Loops.await(side.driver(), () -> Window.run(side.driver(), computes, inFlight, index -> {
      long asked = System.nanoTime();
      return side.compute().map(results -> {
        samples[index] = System.nanoTime() - asked;
        return results;
      });
    }));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Figures(computes / seconds, Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000,
      (side.loopCpuNanos() - cpuBefore) / 1000.0 / computes);
  }

  /**
   * {@code computes} computes with {@code inFlight} at a time, shared equally among the side's
   * drivers, one per event loop, all running at once; each is timed.
   */
  private static Figures spreadRound(Side side, int computes, int inFlight) {
    Loops.settle();
    List<ContextInternal> drivers = side.drivers();
    int each = computes / drivers.size();
    int window = Math.max(1, inFlight / drivers.size());
    long[] samples = new long[each * drivers.size()];
    List<Future<Void>> rounds = new ArrayList<>();
    long cpuBefore = side.loopCpuNanos();
    long start = System.nanoTime();
    for (int d = 0; d < drivers.size(); d++) {
      ContextInternal driver = drivers.get(d);
      int offset = d * each;
      Promise<Void> done = Promise.promise();
      driver.runOnContext(ignored -> Window.run(driver, each, window, index -> {
        long asked = System.nanoTime();
        return side.compute().map(results -> {
          samples[offset + index] = System.nanoTime() - asked;
          return results;
        });
      }).onComplete(done));
      rounds.add(done.future());
    }
    Future.all(rounds).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Figures(samples.length / seconds, Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000,
      (side.loopCpuNanos() - cpuBefore) / 1000.0 / samples.length);
  }

  /** One side of the comparison, on a Vert.x instance of its own; computes are asked from its driver contexts. */
  private abstract static class Side implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    private final AtomicLong asked = new AtomicLong();
    private List<ContextInternal> drivers;
    private LoopCpu loopCpu;

    abstract ContextInternal driver();

    /** A driver context on each event loop, made on first use. */
    synchronized List<ContextInternal> drivers() {
      if (drivers == null) {
        drivers = Loops.onEveryLoop(vertx);
      }
      return drivers;
    }

    /** The CPU time of this side's event-loop threads so far, in ns (the threads found on first use). */
    synchronized long loopCpuNanos() {
      if (loopCpu == null) {
        loopCpu = LoopCpu.of(drivers());
      }
      return loopCpu.nanos();
    }

    abstract Future<List<Result>> compute(String question);

    /** Asks a question never asked before and checks the answer. Call on a driver context. */
    Future<List<Result>> compute() {
      String question = "question " + asked.getAndIncrement();
      return compute(question).map(results -> {
        if (results.size() != InstantBackend.THREE.size() || !results.get(0).text().equals(question)
          || results.get(0).score() < results.get(results.size() - 1).score()) {
          throw new IllegalStateException(getClass().getSimpleName() + ": a wrong answer to '" + question + "': " + results);
        }
        return results;
      });
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }

  /** InfoSys's own subtree with the three backends, asked through {@link InfoSys#compute}. */
  private static final class RumblSide extends Side {
    private final Node node = Node.of(vertx);
    private final ContextInternal driver;

    RumblSide() {
      BackendCatalog catalog = BackendCatalog.standard();
      List<String> names = new ArrayList<>();
      for (InstantBackend backend : InstantBackend.THREE) {
        catalog = catalog.with(backend.name(), (v, client, config) -> Future.succeededFuture(Optional.of(backend)));
        names.add(backend.name());
      }
      InfoSysConfig config = InfoSysConfig.defaults().withBackends(names).withCacheClearMs(CACHE_CLEAR_MS);
      Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, catalog))).await();
      Pid workers = node.whereis(Name.local(InfoSys.WORKERS)).await();
      driver = Loops.otherThan(vertx, Loops.of(vertx, workers));
    }

    @Override
    ContextInternal driver() {
      return driver;
    }

    @Override
    Future<List<Result>> compute(String question) {
      return InfoSys.compute(node, question);
    }
  }

  /** Three raw backend verticles, asked with three requests joined by {@code Future.all}. */
  private static final class RawSide extends Side {
    private final EventBus bus = vertx.eventBus();
    private final List<String> addresses = new ArrayList<>();
    private final ContextInternal driver;

    RawSide() {
      RawBackend.registerCodec(vertx);
      List<String> deployments = new ArrayList<>();
      for (InstantBackend backend : InstantBackend.THREE) {
        String address = "bench.raw." + backend.name();
        deployments.add(vertx.deployVerticle(new RawBackend(address, backend, LIMIT)).await());
        addresses.add(address);
      }
      driver = Loops.otherThan(vertx, Loops.of(vertx, deployments.get(0)));
    }

    @Override
    ContextInternal driver() {
      return driver;
    }

    @Override
    Future<List<Result>> compute(String question) {
      List<Future<Message<RawBackend.Answer>>> asked = new ArrayList<>(addresses.size());
      for (String address : addresses) {
        asked.add(bus.request(address, question));
      }
      return Future.all(asked).map(all -> {
        List<Result> results = new ArrayList<>();
        asked.forEach(answer -> results.addAll(answer.result().body().results()));
        return results.stream().sorted(Result.BY_SCORE).limit(LIMIT).toList();
      });
    }
  }
}
