package dev.rumbl.infosys;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.Arrays;

/**
 * The computes this node finished (answered or failed, refused ones not included) and how long
 * each took, gathered between two {@link #drain()}s for the observer's load samples: how many, and
 * their median and 99th percentile. One per Vert.x instance ({@link #of}); safe from any thread. At
 * most {@value #KEPT} durations are kept per window, the first ones; the count covers them all.
 */
public final class ComputeTimes implements Shareable {

  static final int KEPT = 10_000;

  /** The computes of one window: how many finished, and the p50 and p99 of their durations in ms (0 when none). */
  public record Window(long count, double p50Ms, double p99Ms) {
  }

  private static final String SHARED_MAP = "rumbl.infosys";
  private static final String SHARED_KEY = "computeTimes";

  private long[] nanos = new long[64];
  private int kept;
  private long count;

  ComputeTimes() {
  }

  /** This Vert.x instance's compute times, made on first use. */
  public static ComputeTimes of(Vertx vertx) {
    return vertx.sharedData().<String, ComputeTimes>getLocalMap(SHARED_MAP).computeIfAbsent(SHARED_KEY, key -> new ComputeTimes());
  }

  /** Records one finished compute that took durationNanos. */
  synchronized void record(long durationNanos) {
    count++;
    if (kept == KEPT) {
      return;
    }
    if (kept == nanos.length) {
      nanos = Arrays.copyOf(nanos, Math.min(KEPT, nanos.length * 2));
    }
    nanos[kept++] = durationNanos;
  }

  /** The computes recorded since the last drain; starts a new window. */
  public Window drain() {
    long[] taken;
    long finished;
    synchronized (this) {
      taken = Arrays.copyOf(nanos, kept);
      finished = count;
      kept = 0;
      count = 0;
    }
    if (taken.length == 0) {
      return new Window(finished, 0, 0);
    }
    Arrays.sort(taken);
    return new Window(finished, percentile(taken, 0.50), percentile(taken, 0.99));
  }

  /** The nearest-rank percentile of sorted durations, in milliseconds. */
  private static double percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
  }
}
