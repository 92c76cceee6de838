package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The result cache, as the book's: a process that owns a table of answers keyed by (backend,
 * query, limit) and empties it every {@code clearMs}. Reads and writes go to the table directly,
 * from any thread, never through the process's mailbox, so a compute never waits for the cache
 * and never fails because of it. When the process exits its table goes with it: a restarted cache
 * starts empty. Only non-empty answers are stored.
 */
final class Cache extends GenServer<Cache.Table> {

  static final String NAME = "infosys.cache";

  record Key(String backend, String query, int limit) {
  }

  /** The table; published node-wide while its owner lives. */
  static final class Table {
    private final Map<Key, List<Result>> entries = new ConcurrentHashMap<>();

    int size() {
      return entries.size();
    }

    @Override
    public String toString() {
      return entries.size() + " entries";
    }
  }

  private record Clear() {
  }

  private final long clearMs;

  Cache(long clearMs) {
    this.clearMs = clearMs;
  }

  static Optional<List<Result>> fetch(Vertx vertx, Key key) {
    Table table = table(vertx);
    return table == null ? Optional.empty() : Optional.ofNullable(table.entries.get(key));
  }

  static void put(Vertx vertx, Key key, List<Result> results) {
    Table table = table(vertx);
    if (table != null && !results.isEmpty()) {
      table.entries.put(key, List.copyOf(results));
    }
  }

  /** The table of the running cache, or null when no cache runs. */
  static Table table(Vertx vertx) {
    return NodeLocal.lookup(vertx, NAME, Table.class);
  }

  @Override
  protected Init<Table> init() {
    Table table = new Table();
    NodeLocal.publish(vertx, NAME, table);
    node().sendAfter(self(), new Clear(), clearMs);
    return Init.ok(table);
  }

  @Override
  protected Outcome<Table> handleInfo(Object message, Table table) {
    if (message instanceof Clear) {
      table.entries.clear();
      node().sendAfter(self(), new Clear(), clearMs);
      return noreply(table);
    }
    return super.handleInfo(message, table);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Table table) {
    NodeLocal.withdraw(vertx, NAME, table);
    return Future.succeededFuture();
  }
}
