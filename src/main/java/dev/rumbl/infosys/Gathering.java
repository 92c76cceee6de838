package dev.rumbl.infosys;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.PartitionSupervisor;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compute's scatter and gather, as the caller of the book's {@code InfoSys.compute} does it: it
 * starts one worker per backend, watches each, and gathers their answers; one timer bounds the
 * whole compute. A worker of this node is started under the worker supervisor of the caller's event
 * loop, on that loop, with the query and a way to hand its answer straight to the compute's
 * context, so it asks its backend at once and no message of the compute crosses threads or the
 * event bus; a worker of another node, lent by that node's {@link RemoteWorkers} (or by the next
 * node offering the backend, when one cannot lend it), is called with the query in JSON. When the
 * timer fires, every worker that has not answered is killed; answers already in are kept. The
 * results, best first, come once every worker it started is gone and its timer is cancelled or
 * fired: nothing of the compute is left; the answers gathered go into the {@link Cache} together
 * just before. One exception keeps the deadline when another node is slow to answer or lost: once
 * the timer has fired and only workers of other nodes are still to be heard from, the results come
 * at once. It runs on one context, outside any process (see {@link Node#detached}), so that a
 * caller that exits mid-compute does not take its timer with it.
 */
final class Gathering {

  private static final Logger log = LoggerFactory.getLogger(Gathering.class);

  private final Node node;
  private final ComputeRequest request;
  private final Worker.Query query;
  private final List<Source> sources;
  private final PartitionSupervisor workers;
  private final List<Result> results;
  private final Map<String, List<Result>> answers = new HashMap<>();
  private final BackendOutcomes outcomes;
  private final Set<Pid> unanswered = new HashSet<>();
  private final Set<Pid> answered = new HashSet<>();
  private final Promise<List<Result>> done = Promise.promise();
  private final Context context;
  private long deadlineAt;
  private long timer;
  private int pending;
  private int pendingHere;
  private boolean late;

  Gathering(Node node, ComputeRequest request, List<Source> sources, List<Result> cached, PartitionSupervisor workers,
            BackendOutcomes outcomes) {
    this.node = node;
    this.request = request;
    this.query = new Worker.Query(request.query(), request.options().limit());
    this.sources = sources;
    this.results = new ArrayList<>(cached);
    this.outcomes = outcomes;
    this.workers = workers;
    this.context = Vertx.currentContext();
  }

  /** Starts the compute on the context it was made on; its results complete there. */
  Future<List<Result>> run() {
    long timeoutMs = request.options().timeoutMs();
    deadlineAt = System.nanoTime() + timeoutMs * 1_000_000;
    timer = node.vertx().setTimer(timeoutMs, fired -> onDeadline());
    pending = sources.size();
    for (Source source : sources) {
      if (source instanceof Source.Here) {
        pendingHere++;
      }
    }
    for (Source source : sources) {
      start(source).onComplete(started -> onStarted(source, started));
    }
    return done.future();
  }

  private Future<Pid> start(Source source) {
    if (source instanceof Source.Here here) {
      return Supervisor.startDynamicChild(node, workers.nearest(node), Worker.Assignment.asked(here.impl(), query, this::handOver));
    }
    return borrow((Source.There) source, 0);
  }

  /**
   * Asks the nodes offering the backend, in turn, to lend a worker that lives until the deadline:
   * one that refuses, is gone, or does not answer is passed over for the next, while time is left.
   */
  private Future<Pid> borrow(Source.There there, int index) {
    Pid server = there.servers().get(index);
    long remainingMs = remainingMs();
    return node.<Pid>call(server, RemoteWorkers.startRequest(there.backend(), remainingMs), remainingMs)
      .compose(pid -> pid == null
        ? Future.failedFuture(new IllegalStateException("backend " + there.backend() + " is not enabled on " + server.node()))
        : Future.succeededFuture(pid))
      .recover(refused -> {
        if (late || index + 1 == there.servers().size()) {
          return Future.failedFuture(refused);
        }
        log.debug("compute '{}': node {} lent no {} worker ({}), asking the next", request.query(), server.node(),
          there.backend(), refused.toString());
        return borrow(there, index + 1);
      });
  }

  private long remainingMs() {
    return Math.max(1, (deadlineAt - System.nanoTime()) / 1_000_000);
  }

  private void onStarted(Source source, AsyncResult<Pid> started) {
    if (started.failed()) {
      outcomes.record(source.backend(), BackendOutcomes.Kind.UNAVAILABLE);
      log.debug("compute '{}' could not start a worker for {}: {}", request.query(), source.backend(), started.cause().toString());
      finished(source);
      return;
    }
    Pid pid = started.result();
    Future<Down> gone = node.watch(pid);
    Future<Down> over = gone;
    if (late) {
      node.exit(pid, ExitReason.kill());
    } else if (!answered.contains(pid)) {
      unanswered.add(pid);
      if (source instanceof Source.There) {
        over = ask(pid).transform(asked -> gone);
      }
    }
    over.onSuccess(down -> onDown(source, pid, down));
  }

  /**
   * Asks a worker of another node, which was started without the query, with a JSON call. Its
   * Down may overtake its reply (they come back by different paths), so the worker counts as gone
   * only once the call has settled too.
   */
  private Future<Object> ask(Pid pid) {
    return node.call(pid, query.toJson(), remainingMs())
      .onSuccess(reply -> onAnswer(Worker.Answer.fromJson(reply)));
  }

  /**
   * An answer from a worker of this node, from its context: it waits in this compute's event-loop
   * queue, behind whatever came before it, as a message would, without the event bus.
   */
  private void handOver(Worker.Answer answer) {
    context.runOnContext(ignored -> onAnswer(answer));
  }

  /** An answer, from a worker of this node (possibly before its start is confirmed) or of another. */
  private void onAnswer(Worker.Answer answer) {
    if (late || answer == null || !answered.add(answer.worker())) {
      return;
    }
    unanswered.remove(answer.worker());
    results.addAll(answer.results());
    outcomes.record(answer.backend(),
      answer.results().isEmpty() ? BackendOutcomes.Kind.EMPTY : BackendOutcomes.Kind.ANSWERED);
    answers.put(answer.backend(), answer.results());
  }

  /**
   * A worker is gone; one that never answered in time counts as a timeout (killed, or too late) or a
   * crash. The Down of a worker found gone already when its start was confirmed ({@code noproc})
   * comes after the answer it sent before it exited.
   */
  private void onDown(Source source, Pid pid, Down down) {
    if (unanswered.remove(pid)) {
      boolean crashed = !down.reason().isNormal() && !(down.reason() instanceof ExitReason.Killed);
      outcomes.record(source.backend(), crashed ? BackendOutcomes.Kind.CRASHED : BackendOutcomes.Kind.TIMEOUT);
    }
    finished(source);
  }

  private void onDeadline() {
    late = true;
    unanswered.forEach(pid -> node.exit(pid, ExitReason.kill()));
    completeIfOnlyOthersLeft();
  }

  private void finished(Source source) {
    pending--;
    if (source instanceof Source.Here) {
      pendingHere--;
    }
    if (pending == 0) {
      if (!late) {
        node.vertx().cancelTimer(timer);
      }
      complete();
    } else {
      completeIfOnlyOthersLeft();
    }
  }

  private void completeIfOnlyOthersLeft() {
    if (late && pendingHere == 0) {
      complete();
    }
  }

  /** Stores the answers gathered in the {@link Cache} and hands the results over, at most once. */
  private void complete() {
    if (!done.future().isComplete()) {
      Cache.put(node.vertx(), request.question(), answers);
      done.complete(InfoSys.best(results, request.options().limit()));
    }
  }
}
