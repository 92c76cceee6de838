package dev.rumbl.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.rumbl.SpinningTransport;
import dev.rumbl.counter.Counter;
import dev.rumbl.otp.Node;
import dev.rumbl.SpinningTransport;
import dev.rumbl.otp.Pid;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.lang.management.ManagementFactory;

/**
 * The spin experiment of BENCHMARKS.md ("Spinning before the selector"): for each spin budget
 * given in µs (0 is Vert.x's own NIO transport), a Vert.x instance on {@link SpinningTransport}
 * first idles for 3 s with a 10 ms periodic timer (the process's CPU use is printed), then makes
 * rounds of sequential calls to the book's Counter from another event loop (latency and CPU per
 * call printed). Not part of bench/run; run it with the benchmarks' classpath:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" dev.rumbl.bench.SpinProbe 0 100}.
 */
public final class SpinProbe {

  private static final int WARMUPS = 2;

  private SpinProbe() {
  }

  public static void main(String[] args) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int calls = Integer.getInteger("bench.calls", 50_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    for (String arg : args) {
      int spinMicros = Integer.parseInt(arg);
      Vertx vertx = SpinningTransport.onto(Vertx.builder(), spinMicros).build();
      try {
        long timer = vertx.setPeriodic(10, tick -> { });
        Thread.sleep(1000);
        long idleCpu = os.getProcessCpuTime();
        long idleStart = System.nanoTime();
        Thread.sleep(3000);
        System.out.printf("spin %d µs: idle with a 10 ms timer, %.3f cores%n", spinMicros,
          (double) (os.getProcessCpuTime() - idleCpu) / (System.nanoTime() - idleStart));
        vertx.cancelTimer(timer);
        Node node = Node.of(vertx);
        Pid counter = Counter.start(node, 0).await();
        ContextInternal driver = Loops.otherThan(vertx, Loops.of(vertx, counter));
        for (int round = 0; round < WARMUPS + rounds; round++) {
          Loops.settle();
          long cpu = os.getProcessCpuTime();
          long start = System.nanoTime();
          long[] samples = Loops.await(driver, () -> {
            Promise<long[]> done = Promise.promise();
            next(node, counter, new long[calls], 0, done);
            return done.future();
          });
          long wall = System.nanoTime() - start;
          long used = os.getProcessCpuTime() - cpu;
          if (round >= WARMUPS) {
            System.out.printf("spin %d µs: call p50 %.1f µs, mean %.1f µs, p99 %.1f µs; %.2f cores busy, %.1f µs of CPU per call%n",
              spinMicros, Stats.percentile(samples, 50) / 1000, Stats.mean(samples) / 1000, Stats.percentile(samples, 99) / 1000,
              (double) used / wall, used / 1000.0 / calls);
          }
        }
      } finally {
        vertx.close().await();
      }
    }
  }

  private static void next(Node node, Pid counter, long[] samples, int index, Promise<long[]> done) {
    if (index == samples.length) {
      done.complete(samples);
      return;
    }
    long start = System.nanoTime();
    Counter.val(node, counter).onComplete(answer -> {
      if (answer.failed()) {
        done.fail(answer.cause());
        return;
      }
      samples[index] = System.nanoTime() - start;
      next(node, counter, samples, index + 1, done);
    });
  }
}
