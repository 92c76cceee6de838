package dev.rumbl.bench;

import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2: sequential call round trips to one Counter ({@code val}), against raw event-bus
 * request/reply. Each call starts when the previous answer is in; every round trip is timed.
 * Measured with the caller on another event loop and on the server's own loop, as
 * {@link CastThroughput}; the Elixir figures belong to the first, and so do the Pekko ones
 * ({@link PekkoCounterSide}: a caller actor's request-response with the counter actor).
 */
final class CallRoundTrip implements Scenario {

  static final String KEY_MEAN = "call.mean_us";
  static final String KEY_P50 = "call.p50_us";
  static final String KEY_P99 = "call.p99_us";
  private static final String SAME_LOOP = ".same_loop";

  @Override
  public String name() {
    return "2. counter call";
  }

  @Override
  public List<Measurement> run(BenchConfig config) {
    List<Measurement> measurements = new ArrayList<>(measure(config, Loops.Placement.OTHER_LOOP, KEY_MEAN, KEY_P50, KEY_P99));
    measurements.addAll(measure(config, Loops.Placement.SAME_LOOP,
      KEY_MEAN + SAME_LOOP, KEY_P50 + SAME_LOOP, KEY_P99 + SAME_LOOP));
    return measurements;
  }

  private List<Measurement> measure(BenchConfig config, Loops.Placement placement, String... keys) {
    double[][] rumbl = new double[3][config.rounds()];
    double[][] raw = new double[3][config.rounds()];
    double[][] pekko = new double[3][config.rounds()];
    boolean withPekko = placement == Loops.Placement.OTHER_LOOP;
    try (CounterSide rumblSide = CounterSide.rumbl(placement); CounterSide rawSide = CounterSide.raw(placement);
         PekkoCounterSide pekkoSide = withPekko ? new PekkoCounterSide() : null) {
      for (int round = 0; round < config.totalRounds(); round++) {
        long[] rawSamples = round(rawSide, config.calls());
        long[] rumblSamples = round(rumblSide, config.calls());
        long[] pekkoSamples = withPekko ? pekkoSide.callRound(config.calls()) : null;
        if (config.measured(round)) {
          record(raw, round - config.warmups(), rawSamples);
          record(rumbl, round - config.warmups(), rumblSamples);
          if (withPekko) {
            record(pekko, round - config.warmups(), pekkoSamples);
          }
        }
      }
    }
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    String caller = ", caller on the " + placement.label;
    return List.of(
      Measurement.of(keys[0], name(), "round trip, mean" + caller, "µs", lower, Stats.median(rumbl[0]), Stats.median(raw[0]), Target.ratioAtMost(1.2))
        .withPekko(withPekko ? Stats.median(pekko[0]) : Double.NaN),
      Measurement.of(keys[1], name(), "round trip, p50" + caller, "µs", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.none())
        .withPekko(withPekko ? Stats.median(pekko[1]) : Double.NaN),
      Measurement.of(keys[2], name(), "round trip, p99" + caller, "µs", lower, Stats.median(rumbl[2]), Stats.median(raw[2]), Target.none())
        .withPekko(withPekko ? Stats.median(pekko[2]) : Double.NaN));
  }

  private static void record(double[][] figures, int index, long[] nanos) {
    figures[0][index] = Stats.mean(nanos) / 1000;
    figures[1][index] = Stats.percentile(nanos, 50) / 1000;
    figures[2][index] = Stats.percentile(nanos, 99) / 1000;
  }

  /** One round: the nanoseconds of each of {@code calls} sequential round trips. */
  static long[] round(CounterSide side, int calls) {
    long[] samples = new long[calls];
    Loops.settle();
    return Loops.await(side.driver, () -> {
      Promise<long[]> done = Promise.promise();
      next(side, samples, 0, done);
      return done.future();
    });
  }

  /** Calls again from each answer; a Promise, not a chain of composed Futures, so the stack stays flat. */
  private static void next(CounterSide side, long[] samples, int index, Promise<long[]> done) {
    if (index == samples.length) {
      done.complete(samples);
      return;
    }
    long start = System.nanoTime();
    side.val().onComplete(answer -> {
      if (answer.failed()) {
        done.fail(answer.cause());
        return;
      }
      samples[index] = System.nanoTime() - start;
      next(side, samples, index + 1, done);
    });
  }
}
