package dev.rumbl.bench;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;

import java.util.List;
import java.util.function.Supplier;

/**
 * Scenario 3: from the kill of a one_for_one child (a Counter) to its replacement answering a call,
 * against a raw undeploy + deploy of a verticle followed by a request. Each side waits for each
 * step rather than polling: Rumbl waits for the old child's {@link Down}, then asks the supervisor
 * for its children (a supervisor answers only once the restart it is doing has finished), then
 * calls the new child; raw Vert.x waits for the undeploy, then the deploy, then requests. Before
 * each kill the old counter is incremented, so an answer of 0 proves the replacement answered.
 * Pekko's figure ({@link PekkoRestartSide}) is from a crash of a child supervised with
 * {@code SupervisorStrategy.restart()} to its answer, in the same rounds.
 */
final class RestartLatency implements Scenario {

  static final String KEY_P50 = "restart.p50_us";
  static final String KEY_P99 = "restart.p99_us";
  private static final Name COUNTER = Name.local("bench.counter");

  @Override
  public String name() {
    return "3. restart";
  }

  @Override
  public List<Measurement> run(BenchConfig config) {
    double[][] rumbl = new double[2][config.rounds()];
    double[][] raw = new double[2][config.rounds()];
    double[][] pekko = new double[2][config.rounds()];
    try (RumblSide rumblSide = new RumblSide(); RawSide rawSide = new RawSide(); PekkoRestartSide pekkoSide = new PekkoRestartSide()) {
      for (int round = 0; round < config.totalRounds(); round++) {
        long[] rawSamples = rawSide.round(config.restarts());
        long[] rumblSamples = rumblSide.round(config.restarts());
        long[] pekkoSamples = pekkoSide.round(config.restarts());
        if (config.measured(round)) {
          record(raw, round - config.warmups(), rawSamples);
          record(rumbl, round - config.warmups(), rumblSamples);
          record(pekko, round - config.warmups(), pekkoSamples);
        }
      }
    }
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    return List.of(
      Measurement.of(KEY_P50, name(), "kill to replacement answering, p50", "µs", lower, Stats.median(rumbl[0]), Stats.median(raw[0]), Target.ratioAtMost(2))
        .withPekko(Stats.median(pekko[0])),
      Measurement.of(KEY_P99, name(), "kill to replacement answering, p99", "µs", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.none())
        .withPekko(Stats.median(pekko[1])));
  }

  private static void record(double[][] figures, int index, long[] nanos) {
    figures[0][index] = Stats.percentile(nanos, 50) / 1000;
    figures[1][index] = Stats.percentile(nanos, 99) / 1000;
  }

  /** Runs {@code count} timed cycles one after another on the driver and returns their nanoseconds. */
  private static long[] cycles(ContextInternal driver, int count, Supplier<Future<Long>> cycle) {
    long[] samples = new long[count];
    return Loops.await(driver, () -> {
      Promise<long[]> done = Promise.promise();
      next(driver, cycle, samples, 0, done);
      return done.future();
    });
  }

  private static void next(ContextInternal driver, Supplier<Future<Long>> cycle, long[] samples,
                           int index, Promise<long[]> done) {
    if (index == samples.length) {
      done.complete(samples);
      return;
    }
    cycle.get().onComplete(elapsed -> {
      if (elapsed.failed()) {
        done.fail(elapsed.cause());
        return;
      }
      samples[index] = elapsed.result();
      driver.runOnContext(ignored -> next(driver, cycle, samples, index + 1, done));
    });
  }

  private static void expectFresh(String side, int value) {
    if (value != 0) {
      throw new IllegalStateException(side + ": the answer came from the old counter (value " + value + ")");
    }
  }

  /** A supervisor with one permanent, registered Counter, allowed to restart it without limit. */
  private static final class RumblSide implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Node node = Node.of(vertx);
    private final ContextInternal driver;
    private final Pid supervisor;

    RumblSide() {
      SupervisorSpec spec = SupervisorSpec.oneForOne(ChildSpec.worker("counter", () -> new Counter(0).named(COUNTER)))
        .withIntensity(Integer.MAX_VALUE, 1);
      supervisor = Supervisor.start(node, spec).await();
      driver = Loops.otherThan(vertx, Loops.of(vertx, supervisor));
    }

    long[] round(int restarts) {
      return cycles(driver, restarts, this::cycle);
    }

    private Future<Long> cycle() {
      return node.whereis(COUNTER).compose(old -> {
        Counter.inc(node, old);
        return Counter.val(node, old).compose(one -> {
          Future<Down> down = node.watch(old);
          long start = System.nanoTime();
          node.exit(old, ExitReason.kill());
          return down
            .compose(gone -> replacementOf(old))
            .compose(replacement -> Counter.val(node, replacement))
            .map(value -> {
              long elapsed = System.nanoTime() - start;
              expectFresh("rumbl", value);
              return elapsed;
            });
        });
      });
    }

    /** The child's new pid, asking again in the unexpected case that the supervisor has not seen the exit yet. */
    private Future<Pid> replacementOf(Pid old) {
      return Supervisor.whichChildren(node, supervisor).compose(children -> {
        Pid current = children.get(0).pid();
        return current == null || current.equals(old) ? replacementOf(old) : Future.succeededFuture(current);
      });
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }

  /** One raw counter verticle on a fixed address, undeployed and deployed again each cycle. */
  private static final class RawSide implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final ContextInternal driver;
    private String deployment;

    RawSide() {
      deployment = vertx.deployVerticle(new RawCounter(CounterSide.RAW_ADDRESS)).await();
      driver = Loops.otherThan(vertx, Loops.of(vertx, deployment));
    }

    long[] round(int restarts) {
      return cycles(driver, restarts, this::cycle);
    }

    private Future<Long> cycle() {
      vertx.eventBus().send(CounterSide.RAW_ADDRESS, RawCounter.INC);
      return vertx.eventBus().request(CounterSide.RAW_ADDRESS, RawCounter.VAL).compose(one -> {
        long start = System.nanoTime();
        return vertx.undeploy(deployment)
          .compose(undeployed -> vertx.deployVerticle(new RawCounter(CounterSide.RAW_ADDRESS)))
          .compose(deployed -> {
            deployment = deployed;
            return vertx.eventBus().<Integer>request(CounterSide.RAW_ADDRESS, RawCounter.VAL);
          })
          .map(Message::body)
          .map(value -> {
            long elapsed = System.nanoTime() - start;
            expectFresh("raw", value);
            return elapsed;
          });
      });
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }
}
