package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A backend for tests that holds every answer until {@link #release} (each on the context that
 * asked), so that a test can keep any number of computes in flight at once; {@link #waiting}
 * counts the questions it holds.
 */
public final class HeldBackend implements Backend {

  private record Held(Context context, Promise<List<Result>> answer, String query) {
  }

  private final String name;
  private final Queue<Held> held = new ConcurrentLinkedQueue<>();

  public HeldBackend(String name) {
    this.name = name;
  }

  public BackendFactory factory() {
    return (vertx, client, config) -> Future.succeededFuture(Optional.of(this));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<List<Result>> query(String text, int limit) {
    Promise<List<Result>> answer = Promise.promise();
    held.add(new Held(Vertx.currentContext(), answer, text));
    return answer.future();
  }

  public int waiting() {
    return held.size();
  }

  /** Answers every question held so far with one result naming its query. */
  public void release() {
    for (Held question = held.poll(); question != null; question = held.poll()) {
      Held answering = question;
      answering.context().runOnContext(ignored ->
        answering.answer().tryComplete(List.of(new Result(name, 50, name + " says " + answering.query(), null))));
    }
  }
}
