package dev.rumbl.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** The CPU time the threads running some event-loop contexts have spent, read with {@link ThreadMXBean}. */
final class LoopCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long[] threads;

  private LoopCpu(long[] threads) {
    this.threads = threads;
  }

  /** The threads of the contexts, found by running a task on each; call off the event loops. */
  static LoopCpu of(List<? extends Context> contexts) {
    long[] threads = new long[contexts.size()];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = Loops.await(contexts.get(i), () -> Future.succeededFuture(Thread.currentThread().getId()));
    }
    return new LoopCpu(threads);
  }

  /** Their CPU time so far, in ns. */
  long nanos() {
    long total = 0;
    for (long thread : threads) {
      total += THREADS.getThreadCpuTime(thread);
    }
    return total;
  }
}
