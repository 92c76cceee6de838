package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;

/**
 * A test child that writes "start id" and "stop id" to a shared journal, and can be told to fail
 * its start or to take its time (or forever) to terminate.
 */
final class Worker extends GenServer<String> {

  private final String id;
  private final List<String> journal;
  private final boolean failsToStart;
  private final long stopMillis;

  private Worker(String id, List<String> journal, boolean failsToStart, long stopMillis) {
    this.id = id;
    this.journal = journal;
    this.failsToStart = failsToStart;
    this.stopMillis = stopMillis;
  }

  static ChildSpec spec(String id, List<String> journal) {
    return ChildSpec.worker(id, () -> new Worker(id, journal, false, 0));
  }

  static ChildSpec failing(String id, List<String> journal) {
    return ChildSpec.worker(id, () -> new Worker(id, journal, true, 0));
  }

  /** A worker whose terminate takes stopMillis (a negative value: never finishes). */
  static ChildSpec slowToStop(String id, List<String> journal, long stopMillis) {
    return ChildSpec.worker(id, () -> new Worker(id, journal, false, stopMillis));
  }

  @Override
  protected Init<String> init() {
    if (failsToStart) {
      journal.add("failed " + id);
      return Init.stop(ExitReason.crash("cannot start " + id));
    }
    journal.add("start " + id);
    return Init.ok(id);
  }

  @Override
  protected Outcome<String> handleCast(Object request, String state) {
    if ("exit-normally".equals(request)) {
      return stop(ExitReason.normal(), state);
    }
    return super.handleCast(request, state);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, String state) {
    journal.add("stop " + id);
    if (stopMillis == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    if (stopMillis > 0) {
      vertx.setTimer(stopMillis, t -> {
        journal.add("stopped " + id);
        stopped.complete();
      });
    }
    return stopped.future();
  }
}
