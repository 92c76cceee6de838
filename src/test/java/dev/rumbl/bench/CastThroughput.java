package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;

/**
 * Scenario 1: casts per second into one Counter GenServer, against raw event-bus sends to one
 * consumer. A round sends {@code casts} increments from the driver in batches, then waits for a
 * {@code val} that must show every one of them; the time runs from the first send to that answer.
 * Measured twice: with the sender on another event loop (each message may have to wake the
 * receiver's loop up, so the figure depends on how fast the receiver drains its queue) and on the
 * same loop (the per-message cost alone). The Elixir figure belongs to the first, and so does the
 * Pekko one ({@link PekkoCounterSide}: tells from the benchmark's thread into one actor), measured
 * in the same rounds.
 */
final class CastThroughput implements Scenario {

  static final String KEY = "cast.throughput";
  static final String KEY_SAME_LOOP = "cast.throughput.same_loop";
  private static final int BATCH = 10_000;

  @Override
  public String name() {
    return "1. counter cast";
  }

  @Override
  public List<Measurement> run(BenchConfig config) {
    return List.of(measure(config, Loops.Placement.OTHER_LOOP, KEY), measure(config, Loops.Placement.SAME_LOOP, KEY_SAME_LOOP));
  }

  private Measurement measure(BenchConfig config, Loops.Placement placement, String key) {
    double[] rumbl = new double[config.rounds()];
    double[] raw = new double[config.rounds()];
    double[] pekko = new double[config.rounds()];
    boolean withPekko = placement == Loops.Placement.OTHER_LOOP;
    try (CounterSide rumblSide = CounterSide.rumbl(placement); CounterSide rawSide = CounterSide.raw(placement);
         PekkoCounterSide pekkoSide = withPekko ? new PekkoCounterSide() : null) {
      for (int round = 0; round < config.totalRounds(); round++) {
        double rawRate = round(rawSide, config.casts());
        double rumblRate = round(rumblSide, config.casts());
        double pekkoRate = withPekko ? pekkoSide.castRound(config.casts()) : Double.NaN;
        if (config.measured(round)) {
          raw[round - config.warmups()] = rawRate;
          rumbl[round - config.warmups()] = rumblRate;
          pekko[round - config.warmups()] = pekkoRate;
        }
      }
    }
    return Measurement.of(key, name(), "casts/s into one process, sender on the " + placement.label, "msg/s",
      Measurement.Direction.HIGHER_IS_BETTER, Stats.median(rumbl), Stats.median(raw), Target.ratioAtLeast(0.9))
      .withPekko(withPekko ? Stats.median(pekko) : Double.NaN);
  }

  /** One round: messages per second, checked against the counter's own count. */
  static double round(CounterSide side, int casts) {
    Loops.settle();
    return Loops.await(side.driver, () -> side.val().compose(before -> {
      long start = System.nanoTime();
      return sendBatches(side, casts).compose(sent -> side.val()).map(after -> {
        long elapsed = System.nanoTime() - start;
        if (after - before != casts) {
          throw new IllegalStateException(side.label() + " counted " + (after - before) + " of " + casts + " casts");
        }
        return casts * 1e9 / elapsed;
      });
    }));
  }

  private static Future<Void> sendBatches(CounterSide side, int remaining) {
    int batch = Math.min(BATCH, remaining);
    for (int i = 0; i < batch; i++) {
      side.inc();
    }
    if (remaining == batch) {
      return Future.succeededFuture();
    }
    Promise<Void> rest = Promise.promise();
    side.driver.runOnContext(next -> sendBatches(side, remaining - batch).onComplete(rest));
    return rest.future();
  }
}
