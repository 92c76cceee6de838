package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for tests: answers one result with its score after delayMs, or never (delay
 * {@link #NEVER}), or throws (crashing). It counts the queries it was asked.
 */
final class TestBackend implements Backend {

  static final long NEVER = -1;

  private final Vertx vertx;
  private final String name;
  private final int score;
  private final long delayMs;
  private final boolean crashes;
  final AtomicInteger queries = new AtomicInteger();

  private TestBackend(Vertx vertx, String name, int score, long delayMs, boolean crashes) {
    this.vertx = vertx;
    this.name = name;
    this.score = score;
    this.delayMs = delayMs;
    this.crashes = crashes;
  }

  static TestBackend answering(Vertx vertx, String name, int score, long delayMs) {
    return new TestBackend(vertx, name, score, delayMs, false);
  }

  static TestBackend crashing(Vertx vertx, String name) {
    return new TestBackend(vertx, name, 0, 0, true);
  }

  BackendFactory factory() {
    return (v, client, config) -> Future.succeededFuture(Optional.of(this));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<List<Result>> query(String text, int limit) {
    queries.incrementAndGet();
    if (crashes) {
      throw new IllegalStateException(name + " backend crashed on purpose");
    }
    List<Result> results = List.of(new Result(name, score, name + " says " + text, null));
    if (delayMs == NEVER) {
      return Promise.<List<Result>>promise().future();
    }
    if (delayMs == 0) {
      return Future.succeededFuture(results);
    }
    Promise<List<Result>> answered = Promise.promise();
    vertx.setTimer(delayMs, fired -> answered.complete(results));
    return answered.future();
  }
}
