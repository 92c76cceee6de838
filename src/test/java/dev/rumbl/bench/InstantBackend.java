package dev.rumbl.bench;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;

import java.util.List;

/**
 * A backend that answers at once (its Future is complete when returned) with one result of a fixed
 * score whose text is the question, so that a compute's latency is all overhead above its slowest
 * backend. Scenario 4 gives the same three to Rumbl's InfoSys and to the raw scatter-gather.
 */
record InstantBackend(String name, int score) implements Backend {

  static final List<InstantBackend> THREE = List.of(
    new InstantBackend("bench.one", 90), new InstantBackend("bench.two", 60), new InstantBackend("bench.three", 30));

  @Override
  public Future<List<Result>> query(String text, int limit) {
    return Future.succeededFuture(List.of(new Result(name, score, text, null)));
  }
}
