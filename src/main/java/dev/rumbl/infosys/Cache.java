package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.NodeLocal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The result cache: a process that owns a bounded table of answers to questions, a question being a
 * query and a limit, with at most one answer per backend. The table holds at most
 * {@code maxEntries} questions (past it, the oldest are evicted, 1/64 of the bound at once; while
 * writers race, a few more, one per writer at most), and each question's answers expire together,
 * {@code clearMs} after its first answers were stored: an answer added to a question already held
 * goes with them, so that no answer is ever served older than {@code clearMs}. A compute reads a
 * question once and writes the answers it gathered once, when it completes, as the book's
 * {@code InfoSys.compute} writes its results to the cache once it has them all. Reads and writes go
 * to the table directly, from any thread, never through the process's mailbox, so a compute never
 * waits for the cache and never fails because of it. The table takes no lock: a write evicts what
 * is over the bound and what has expired at the head of its insertion order, on the writer's
 * thread, one writer at a time (another leaves it the work rather than wait). (It was a Caffeine
 * cache, whose writers take a lock when its write buffer fills: with computes on every event loop,
 * loops waited there for milliseconds; and a key per backend cost a compute three lookups and
 * three writes into a table every loop writes: BENCHMARKS.md, scenario 4.) When the process exits
 * its table goes with it: a restarted cache starts empty. Only non-empty answers are stored.
 */
final class Cache extends GenServer<Cache.Table> {

  static final String NAME = "infosys.cache";

  /** What is asked: a query, and the most results wanted of each backend. */
  record Question(String query, int limit) {
  }

  /**
   * The table; published node-wide while its owner lives. Questions are in a concurrent map and, in
   * the order they were first stored, in a queue; a question stored anew once its answers expired,
   * or removed when found expired, leaves its old place in the queue stale, which eviction skips.
   * Stale places are held to the bound, so the queue to twice the bound, and a few questions
   * stored again and again cannot grow it.
   */
  static final class Table {
    /** A question's place in the insertion order, with the time its first answers were stored; compared by identity. */
    private static final class Place {
      final Question question;
      final long storedAt;

      Place(Question question, long storedAt) {
        this.question = question;
        this.storedAt = storedAt;
      }
    }

    /** A question's answers by backend, at its place; compared by identity, so that removing one never compares results. */
    private static final class Entry {
      final Map<String, List<Result>> answers;
      final Place place;

      Entry(Map<String, List<Result>> answers, Place place) {
        this.answers = answers;
        this.place = place;
      }

      /** These answers and the fresh ones (which replace an answer of the same backend), at the same place. */
      Entry with(Map<String, List<Result>> fresh) {
        Map<String, List<Result>> all = new HashMap<>(answers);
        all.putAll(fresh);
        return new Entry(Map.copyOf(all), place);
      }
    }

    /** A table over its bound evicts this fraction of the bound at once (below 64 entries, one at a time). */
    private static final int BATCH_DIVISOR = 64;

    private final ConcurrentHashMap<Question, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Place> order = new ConcurrentLinkedQueue<>();
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

    /** The answers held for the question, by backend; empty when none are, or they have expired. */
    Map<String, List<Result>> get(Question question) {
      Entry entry = entries.get(question);
      if (entry == null) {
        return Map.of();
      }
      if (expired(entry.place, nanoClock.getAsLong())) {
        removeExpired(entry);
        return Map.of();
      }
      return entry.answers;
    }

    /** Stores the question's non-empty answers, by backend, beside those it holds already. */
    void put(Question question, Map<String, List<Result>> answers) {
      Map<String, List<Result>> nonEmpty = new HashMap<>();
      answers.forEach((backend, results) -> {
        if (!results.isEmpty()) {
          nonEmpty.put(backend, List.copyOf(results));
        }
      });
      if (nonEmpty.isEmpty()) {
        return;
      }
      Map<String, List<Result>> fresh = Map.copyOf(nonEmpty);
      long now = nanoClock.getAsLong();
      Entry first = new Entry(fresh, new Place(question, now));
      Entry held = entries.putIfAbsent(question, first);
      while (held != null) {
        if (expired(held.place, now)) {
          if (entries.replace(question, held, first)) {
            stale.incrementAndGet();
            break;
          }
        } else if (entries.replace(question, held, held.with(fresh))) {
          evict(now);
          return;
        }
        held = entries.putIfAbsent(question, first);
      }
      order.add(first.place);
      evict(now);
    }

    /**
     * Removes from the head of the insertion order what has expired and, once the table is over its
     * bound, the oldest questions down to {@code floor}, a batch at once. One writer at a time
     * evicts, taking the head with {@code poll}; a writer that finds another evicting leaves it the
     * work, and the evictor checks again once it lets go, so the bound holds again as soon as
     * writes pause (while they race, by at most one question per writer). Nothing on the way of a
     * write that does not evict is written by every writer: the questions' count is the map's own
     * (striped) one, and the count of stale places changes only when a question is stored anew or
     * expires. (Removing a given element, {@code ConcurrentLinkedQueue.remove(Object)}, walked the
     * whole queue whenever another writer had just taken it; a shared count of the queue's length
     * and an eviction per write had every event loop's computes write the same few cache lines:
     * BENCHMARKS.md, scenario 4, session 9.)
     */
    private void evict(long now) {
      while (overflowing(maxEntries, now) && evicting.compareAndSet(false, true)) {
        try {
          while (overflowing(floor, now)) {
            if (!remove(order.poll())) {
              stale.decrementAndGet();
            }
          }
        } finally {
          evicting.set(false);
        }
      }
    }

    /** More questions than bound, more stale places than the bound, or an expired place at the head. */
    private boolean overflowing(long bound, long now) {
      Place oldest = order.peek();
      return oldest != null
        && (entries.size() > bound || stale.get() > maxEntries || expired(oldest, now));
    }

    /** Removes the question at place, if it is still there (false: the place was stale). */
    private boolean remove(Place place) {
      while (true) {
        Entry current = entries.get(place.question);
        if (current == null || current.place != place) {
          return false;
        }
        if (entries.remove(place.question, current)) {
          return true;
        }
      }
    }

    private void removeExpired(Entry entry) {
      if (entries.remove(entry.place.question, entry)) {
        stale.incrementAndGet();
      }
    }

    private boolean expired(Place place, long now) {
      return now - place.storedAt >= expireNanos;
    }

    /** The questions held once what has expired is removed. */
    long size() {
      evict(nanoClock.getAsLong());
      long now = nanoClock.getAsLong();
      entries.forEach((question, entry) -> {
        if (expired(entry.place, now)) {
          removeExpired(entry);
        }
      });
      return entries.size();
    }

    @Override
    public String toString() {
      return entries.size() + " questions";
    }
  }

  private final long maxEntries;
  private final long expireMs;

  Cache(long maxEntries, long expireMs) {
    this.maxEntries = maxEntries;
    this.expireMs = expireMs;
  }

  /** The answers held for the question, by backend; empty when none are, or no cache runs. */
  static Map<String, List<Result>> fetch(Vertx vertx, Question question) {
    Table table = table(vertx);
    return table == null ? Map.of() : table.get(question);
  }

  /** Stores the question's answers by backend (the empty ones are not), when a cache runs. */
  static void put(Vertx vertx, Question question, Map<String, List<Result>> answers) {
    Table table = table(vertx);
    if (table != null) {
      table.put(question, answers);
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
