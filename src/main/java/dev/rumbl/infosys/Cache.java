package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.NodeLocal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The result cache: a process that owns a bounded table of answers keyed by (backend, query,
 * limit). The table holds at most {@code maxEntries} entries (past it, the oldest are evicted, 1/64
 * of the bound at once; while writers race, a few more, one per writer at most) and each entry
 * expires {@code clearMs} after it was stored. Reads and writes go to the table directly, from any
 * thread, never through the process's mailbox, so a compute never waits for the cache and never
 * fails because of it. The table takes no lock: a write evicts what is over the bound and what has
 * expired at the head of its insertion order, on the writer's thread, one writer at a time (another
 * leaves it the work rather than wait). (It was a Caffeine cache, whose writers take a lock when
 * its write buffer fills: with computes on every event loop, loops waited there for milliseconds;
 * see BENCHMARKS.md, scenario 4.) When the process exits its table goes with it: a restarted cache
 * starts empty. Only non-empty answers are stored.
 */
final class Cache extends GenServer<Cache.Table> {

  static final String NAME = "infosys.cache";

  record Key(String backend, String query, int limit) {
  }

  /**
   * The table; published node-wide while its owner lives. Entries are in a concurrent map and, in
   * the order they were stored, in a queue; an entry stored again under its key, or removed when
   * found expired, leaves its old place in the queue stale, which eviction skips. Stale places
   * are held to the bound, so the queue to twice the bound, and a few keys stored again and again
   * cannot grow it.
   */
  static final class Table {
    /** An answer as stored; compared by identity, so that removing one never compares results. */
    private static final class Entry {
      final List<Result> results;
      final long storedAt;

      Entry(List<Result> results, long storedAt) {
        this.results = results;
        this.storedAt = storedAt;
      }
    }

    /** An entry's place in the insertion order; compared by identity. */
    private static final class Stored {
      final Key key;
      final Entry entry;

      Stored(Key key, Entry entry) {
        this.key = key;
        this.entry = entry;
      }
    }

    /** A table over its bound evicts this fraction of the bound at once (below 64 entries, one at a time). */
    private static final int BATCH_DIVISOR = 64;

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Stored> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger stale = new AtomicInteger();
    private final AtomicBoolean evicting = new AtomicBoolean();
    private final long maxEntries;
    private final long floor;
    private final long expireNanos;
    private final LongSupplier nanoClock;

    Table(long maxEntries, long expireMs, LongSupplier nanoClock) {
      this.maxEntries = maxEntries;
      this.floor = maxEntries - maxEntries / BATCH_DIVISOR;
      this.expireNanos = TimeUnit.MILLISECONDS.toNanos(expireMs);
      this.nanoClock = nanoClock;
    }

    Optional<List<Result>> get(Key key) {
      Entry entry = entries.get(key);
      if (entry == null) {
        return Optional.empty();
      }
      if (expired(entry, nanoClock.getAsLong())) {
        removeExpired(key, entry);
        return Optional.empty();
      }
      return Optional.of(entry.results);
    }

    void put(Key key, List<Result> results) {
      if (results.isEmpty()) {
        return;
      }
      Entry entry = new Entry(List.copyOf(results), nanoClock.getAsLong());
      if (entries.put(key, entry) != null) {
        stale.incrementAndGet();
      }
      order.add(new Stored(key, entry));
      evict(entry.storedAt);
    }

    /**
     * Removes from the head of the insertion order what has expired and, once the table is over its
     * bound, the oldest entries down to {@code floor}, a batch at once. One writer at a time evicts,
     * taking the head with {@code poll}; a writer that finds another evicting leaves it the work,
     * and the evictor checks again once it lets go, so the bound holds again as soon as writes pause
     * (while they race, by at most one entry per writer). Nothing on the way of a write that does
     * not evict is written by every writer: the entries' count is the map's own (striped) one, and
     * the count of stale places changes only when a key is stored again or an entry expires.
     * (Removing a given element, {@code ConcurrentLinkedQueue.remove(Object)}, walked the whole
     * queue whenever another writer had just taken it; a shared count of the queue's length and an
     * eviction per write had every event loop's computes write the same few cache lines:
     * BENCHMARKS.md, scenario 4, session 9.)
     */
    private void evict(long now) {
      while (overflowing(maxEntries, now) && evicting.compareAndSet(false, true)) {
        try {
          while (overflowing(floor, now)) {
            Stored oldest = order.poll();
            if (!entries.remove(oldest.key, oldest.entry)) {
              stale.decrementAndGet();
            }
          }
        } finally {
          evicting.set(false);
        }
      }
    }

    /** More entries than bound, more stale places than the bound, or an expired entry at the head. */
    private boolean overflowing(long bound, long now) {
      Stored oldest = order.peek();
      return oldest != null
        && (entries.size() > bound || stale.get() > maxEntries || expired(oldest.entry, now));
    }

    private void removeExpired(Key key, Entry entry) {
      if (entries.remove(key, entry)) {
        stale.incrementAndGet();
      }
    }

    private boolean expired(Entry entry, long now) {
      return now - entry.storedAt >= expireNanos;
    }

    /** The entries held once what has expired is removed. */
    long size() {
      evict(nanoClock.getAsLong());
      long now = nanoClock.getAsLong();
      entries.forEach((key, entry) -> {
        if (expired(entry, now)) {
          removeExpired(key, entry);
        }
      });
      return entries.size();
    }

    @Override
    public String toString() {
      return entries.size() + " entries";
    }
  }

  private final long maxEntries;
  private final long expireMs;

  Cache(long maxEntries, long expireMs) {
    this.maxEntries = maxEntries;
    this.expireMs = expireMs;
  }

  static Optional<List<Result>> fetch(Vertx vertx, Key key) {
    Table table = table(vertx);
    return table == null ? Optional.empty() : table.get(key);
  }

  static void put(Vertx vertx, Key key, List<Result> results) {
    Table table = table(vertx);
    if (table != null) {
      table.put(key, results);
    }
  }

  /** The table of the running cache, or null when no cache runs. */
  static Table table(Vertx vertx) {
    return NodeLocal.lookup(vertx, NAME, Table.class);
  }

  @Override
  protected Init<Table> init() {
    Table table = new Table(maxEntries, expireMs, System::nanoTime);
    NodeLocal.publish(vertx, NAME, table);
    return Init.ok(table);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Table table) {
    NodeLocal.withdraw(vertx, NAME, table);
    return Future.succeededFuture();
  }
}
