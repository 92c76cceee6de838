package dev.rumbl.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (a user, a client address): each holds at most {@code burst} tokens,
 * starts full, and refills at {@code perSecond} tokens a second; {@link #take} spends one token of its
 * key's bucket, or says how long until one is available. Keys never share a bucket, so one key's
 * flood never slows another. The state is bounded: a bucket that has refilled to full is the same
 * as no bucket and is forgotten when the buckets are swept (at most once a second, when
 * {@code maxKeys} buckets exist, and at least once a minute); while {@code maxKeys} buckets that
 * are not full exist, a new key is refused for a second (the limiter fails closed rather than
 * grow). Time comes from the given clock (nanoseconds), so tests need no sleeps. Safe to use from
 * several threads at once: each key's bucket is replaced atomically.
 */
public final class TokenBuckets {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long SWEEP_INTERVAL = TimeUnit.MINUTES.toNanos(1);

  /** A bucket's tokens at a moment. */
  private record Bucket(double tokens, long at) {
  }

  private final double perSecond;
  private final int burst;
  private final int maxKeys;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /**
   * @param perSecond tokens added a second, more than 0
   * @param burst the most tokens a bucket holds (and a new key's first burst), at least 1
   * @param maxKeys the most buckets kept at once, at least 1
   * @param clock a monotonic clock in nanoseconds, as {@link System#nanoTime}
   */
  public TokenBuckets(double perSecond, int burst, int maxKeys, LongSupplier clock) {
    if (!(perSecond > 0) || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException("perSecond must be > 0, burst and maxKeys >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.lastSweep = clock.getAsLong();
  }

  /** Buckets of {@code perMinute} tokens a minute, holding as many. */
  public static TokenBuckets perMinute(int perMinute, int maxKeys, LongSupplier clock) {
    return new TokenBuckets(perMinute / 60.0, perMinute, maxKeys, clock);
  }

  /**
   * Spends a token of key's bucket: 0 when one was there (the action may go ahead), else the
   * milliseconds (at least 1) until the bucket holds a token again; nothing is spent then.
   */
  public long take(String key) {
    long now = clock.getAsLong();
    sweepIfDue(now);
    if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
      return TimeUnit.NANOSECONDS.toMillis(SECOND);
    }
    long[] waitNanos = {0};
    buckets.compute(key, (ignored, bucket) -> {
      double tokens = bucket == null ? burst : refilled(bucket, now);
      if (tokens >= 1) {
        return new Bucket(tokens - 1, now);
      }
      waitNanos[0] = (long) Math.ceil((1 - tokens) / perSecond * SECOND);
      return new Bucket(tokens, now);
    });
    return waitNanos[0] == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos[0]));
  }

  /** How many keys have a bucket now (for tests and metrics). */
  public int size() {
    return buckets.size();
  }

  private double refilled(Bucket bucket, long now) {
    return Math.min(burst, bucket.tokens() + (now - bucket.at()) * perSecond / SECOND);
  }

  private void sweepIfDue(long now) {
    long sinceLast = now - lastSweep;
    if (sinceLast >= SWEEP_INTERVAL || buckets.size() >= maxKeys && sinceLast >= SECOND) {
      lastSweep = now;
      buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), now) >= burst);
    }
  }
}
