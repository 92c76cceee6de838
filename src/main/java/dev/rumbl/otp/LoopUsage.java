package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy each of the node's event loops has been, as a fraction of wall-clock time between two
 * {@link #sample()}s: the CPU time its thread used over the time that passed (0 when idle, 1 when
 * never idle). Erlang's observer shows scheduler utilisation the same way, busy time over wall
 * time. Reading costs one {@code ThreadMXBean.getThreadCpuTime} per loop and never touches the
 * loops themselves, so a sample does not wait for a busy loop; the loops' threads are learnt once,
 * at {@link #of}, by a task run on each.
 *
 * <p>A thread's CPU time is what Vert.x 5's loops, Netty 4.2 {@code SingleThreadIoEventLoop}s, spend
 * in tasks and I/O alike (Netty's own active-time counter covers I/O only and is reset by its
 * auto-scaling chooser, so it is not used). A loop blocked in a sleep or a blocking call uses no
 * CPU and reads as idle: Vert.x's blocked-thread checker is what reports that. Where the JVM cannot
 * measure thread CPU time, every loop reads -1. {@link #sample()} may be called from any thread,
 * one caller at a time.
 */
public final class LoopUsage {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long[] threadIds;
  private final long[] lastCpu;
  private long lastWall;

  private LoopUsage(long[] threadIds) {
    this.threadIds = threadIds;
    this.lastCpu = new long[threadIds.length];
    this.lastWall = System.nanoTime();
    for (int i = 0; i < threadIds.length; i++) {
      lastCpu[i] = cpuTime(threadIds[i]);
    }
  }

  /** A meter of the node's event loops, ready once a task has run on each. */
  public static Future<LoopUsage> of(Node node) {
    int count = node.eventLoopCount();
    long[] ids = new long[count];
    List<Future<Void>> learnt = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      Promise<Void> known = Promise.promise();
      node.eventLoop(i).execute(() -> {
        ids[index] = Thread.currentThread().getId();
        known.complete();
      });
      learnt.add(known.future());
    }
    return Future.all(learnt).map(all -> new LoopUsage(ids));
  }

  /** The loops' utilisation since the last sample (or since {@link #of}), from 0 to 1, loop 0 first; -1 when unmeasurable. */
  public synchronized double[] sample() {
    long wall = System.nanoTime();
    long elapsed = Math.max(1, wall - lastWall);
    double[] usage = new double[threadIds.length];
    for (int i = 0; i < threadIds.length; i++) {
      long cpu = cpuTime(threadIds[i]);
      usage[i] = cpu < 0 || lastCpu[i] < 0 ? -1 : Math.min(1.0, Math.max(0.0, (cpu - lastCpu[i]) / (double) elapsed));
      lastCpu[i] = cpu;
    }
    lastWall = wall;
    return usage;
  }

  private static long cpuTime(long threadId) {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadCpuTime(threadId) : -1;
  }
}
