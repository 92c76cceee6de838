package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.AsyncResult;

import java.util.List;

/**
 * One backend's worker for one compute, a temporary child of the worker supervisor: on a
 * {@link Query} it asks its backend, sends the {@link Answer} to the query's owner and exits
 * normally. A backend that throws or fails crashes the worker, and no answer is sent.
 */
final class Worker extends GenServer<Backend> {

  /** Asks the worker's backend; the answer goes to owner. */
  record Query(Pid owner, String text, int limit) {
  }

  record Answer(Pid worker, String backend, List<Result> results) {
  }

  private record Finished(Query query, AsyncResult<List<Result>> outcome) {
  }

  private final Backend backend;

  Worker(Backend backend) {
    this.backend = backend;
  }

  @Override
  protected Init<Backend> init() {
    return Init.ok(backend);
  }

  @Override
  protected Outcome<Backend> handleInfo(Object message, Backend backend) {
    if (message instanceof Query query) {
      backend.query(query.text(), query.limit())
        .onComplete(outcome -> node().send(self(), new Finished(query, outcome)));
      return noreply(backend);
    } else if (message instanceof Finished finished) {
      if (finished.outcome().failed()) {
        return stop(ExitReason.crash(finished.outcome().cause()), backend);
      }
      node().send(finished.query().owner(), new Answer(self(), backend.name(), finished.outcome().result()));
      return stop(ExitReason.normal(), backend);
    }
    return super.handleInfo(message, backend);
  }

  @Override
  public String toString() {
    return backend.name() + " worker " + self();
  }
}
