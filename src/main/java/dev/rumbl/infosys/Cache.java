package dev.rumbl.infosys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.NodeLocal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The result cache: a process that owns a bounded table of answers keyed by (backend, query,
 * limit). The table holds at most {@code maxEntries} entries (the least useful are evicted past
 * it) and each entry expires {@code clearMs} after it was stored. Reads and writes go to the table
 * directly, from any thread, never through the process's mailbox, so a compute never waits for the
 * cache and never fails because of it. Eviction and expiry run on the thread that reads or writes
 * (no background thread), a few entries at a time. When the process exits its table goes with it:
 * a restarted cache starts empty. Only non-empty answers are stored.
 */
final class Cache extends GenServer<Cache.Table> {

  static final String NAME = "infosys.cache";

  record Key(String backend, String query, int limit) {
  }

  /** The table; published node-wide while its owner lives. */
  static final class Table {
    private final com.github.benmanes.caffeine.cache.Cache<Key, List<Result>> entries;

    Table(long maxEntries, long expireMs, Ticker ticker, Executor maintenance) {
      entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfterWrite(Duration.ofMillis(expireMs))
        .ticker(ticker)
        .executor(maintenance)
        .build();
    }

    Optional<List<Result>> get(Key key) {
      return Optional.ofNullable(entries.getIfPresent(key));
    }

    void put(Key key, List<Result> results) {
      if (!results.isEmpty()) {
        entries.put(key, List.copyOf(results));
      }
    }

    /** The entries held once pending evictions and expiries are done. */
    long size() {
      entries.cleanUp();
      return entries.estimatedSize();
    }

    @Override
    public String toString() {
      return entries.estimatedSize() + " entries";
    }
  }

  private final long maxEntries;
  private final long expireMs;
  private final Ticker ticker;

  Cache(long maxEntries, long expireMs) {
    this(maxEntries, expireMs, Ticker.systemTicker());
  }

  /** A cache whose entries' ages are read from ticker (tests use a hand-moved one). */
  Cache(long maxEntries, long expireMs, Ticker ticker) {
    this.maxEntries = maxEntries;
    this.expireMs = expireMs;
    this.ticker = ticker;
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
    Table table = new Table(maxEntries, expireMs, ticker, Runnable::run);
    NodeLocal.publish(vertx, NAME, table);
    return Init.ok(table);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Table table) {
    NodeLocal.withdraw(vertx, NAME, table);
    return Future.succeededFuture();
  }
}
