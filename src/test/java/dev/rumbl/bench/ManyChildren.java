package dev.rumbl.bench;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Scenario 5: {@code children} live Counters under one simple_one_for_one supervisor (started with
 * at most {@code window} startChild calls in flight), against as many raw counter verticles
 * deployed with the same window. Measures the time to start them all, the heap each one holds once
 * started (used heap after a full GC, before and after), and the time to stop them all: the
 * supervisor's own shutdown for Rumbl, one undeploy each for raw Vert.x. Pekko's figures
 * ({@link PekkoChildren}: idle counter actors under one parent, stopped with it) come from the same
 * rounds. One warm-up round, then {@code childRounds} measured rounds.
 */
final class ManyChildren implements Scenario {

  static final String KEY_START = "children.start_ms";
  static final String KEY_HEAP = "children.heap_bytes";
  static final String KEY_STOP = "children.stop_ms";
  private static final int WARMUPS = 1;

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** One round's figures: the time to start all, the heap per idle child, the time to stop all. */
  record Figures(double startMillis, double heapBytesPerChild, double stopMillis) {
  }

  @Override
  public String name() {
    return "5. many children";
  }

  @Override
  public List<Measurement> run(BenchConfig config) throws InterruptedException {
    int rounds = config.childRounds();
    double[][] rumbl = new double[3][rounds];
    double[][] raw = new double[3][rounds];
    double[][] pekko = new double[3][rounds];
    Vertx rumblVertx = Vertx.vertx();
    Vertx rawVertx = Vertx.vertx();
    try (PekkoChildren pekkoSide = new PekkoChildren()) {
      for (int round = 0; round < WARMUPS + rounds; round++) {
        Figures rawFigures = rawRound(rawVertx, config);
        Figures rumblFigures = rumblRound(rumblVertx, config);
        Figures pekkoFigures = pekkoSide.round(config.children());
        if (round >= WARMUPS) {
          record(raw, round - WARMUPS, rawFigures);
          record(rumbl, round - WARMUPS, rumblFigures);
          record(pekko, round - WARMUPS, pekkoFigures);
        }
      }
    } finally {
      rumblVertx.close().await();
      rawVertx.close().await();
    }
    String metric = config.children() + " children: ";
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    return List.of(
      Measurement.of(KEY_START, name(), metric + "start all", "ms", lower, Stats.median(rumbl[0]), Stats.median(raw[0]), Target.none())
        .withPekko(Stats.median(pekko[0])),
      Measurement.of(KEY_HEAP, name(), metric + "heap per idle child", "bytes", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.valueAtMost(2048, "B"))
        .withPekko(Stats.median(pekko[1])),
      Measurement.of(KEY_STOP, name(), metric + "stop all", "ms", lower, Stats.median(rumbl[2]), Stats.median(raw[2]), Target.none())
        .withPekko(Stats.median(pekko[2])));
  }

  private static void record(double[][] figures, int index, Figures round) {
    figures[0][index] = round.startMillis();
    figures[1][index] = round.heapBytesPerChild();
    figures[2][index] = round.stopMillis();
  }

  private Figures rumblRound(Vertx vertx, BenchConfig config) throws InterruptedException {
    Node node = Node.of(vertx);
    SupervisorSpec spec = SupervisorSpec.simpleOneForOne(
      ChildSpec.template("counter", (Integer initial) -> new Counter(initial).quiet()).withRestart(Restart.TEMPORARY));
    Pid supervisor = Supervisor.start(node, spec).await();
    ContextInternal driver = Loops.otherThan(vertx, Loops.of(vertx, supervisor));
    long before = heapAfterGc();
    long start = System.nanoTime();
    Loops.await(driver, () -> Window.run(driver, config.children(), config.window(),
      index -> Supervisor.startDynamicChild(node, supervisor, index)));
    long started = System.nanoTime();
    long after = heapAfterGc();
    expectCount("rumbl", Supervisor.countChildren(node, supervisor).await().active(), config.children());
    long stopStart = System.nanoTime();
    Loops.await(driver, () -> node.stop(supervisor, ExitReason.shutdown()));
    long stopped = System.nanoTime();
    expectCount("rumbl", node.processCount(), 0);
    return new Figures((started - start) / 1e6, (double) (after - before) / config.children(), (stopped - stopStart) / 1e6);
  }

  private Figures rawRound(Vertx vertx, BenchConfig config) throws InterruptedException {
    ContextInternal driver = ((VertxInternal) vertx).createEventLoopContext();
    String[] deployments = new String[config.children()];
    long before = heapAfterGc();
    long start = System.nanoTime();
    Loops.await(driver, () -> Window.run(driver, config.children(), config.window(),
      index -> vertx.deployVerticle(new RawCounter("bench.raw.child." + index)).onSuccess(id -> deployments[index] = id)));
    long started = System.nanoTime();
    long after = heapAfterGc();
    expectCount("raw", vertx.deploymentIDs().size(), config.children());
    long stopStart = System.nanoTime();
    Loops.await(driver, () -> Future.all(Arrays.stream(deployments).map(vertx::undeploy).toList()));
    long stopped = System.nanoTime();
    expectCount("raw", vertx.deploymentIDs().size(), 0);
    return new Figures((started - start) / 1e6, (double) (after - before) / config.children(), (stopped - stopStart) / 1e6);
  }

  static void expectCount(String side, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException(side + ": expected " + expected + " live children, found " + actual);
    }
  }

  /** Used heap after full collections, once the figure has settled. */
  static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
