package dev.rumbl.infosys;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.TimerRef;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The process that runs one compute, as the caller of the book's {@code InfoSys.compute} does:
 * it starts one worker per backend (under this node's worker supervisor, or, for a backend of
 * another node, through that node's {@link RemoteWorkers}), monitors each, sends it the query, and
 * sets one timer for the whole compute. When the timer fires, every worker that has not answered
 * is killed; answers already in are kept. It hands over the results, best first, once every
 * worker it started is gone and its timer is cancelled or fired, then exits normally, and the
 * compute completes once it has exited: nothing of the compute is left behind. One exception keeps the deadline when another node is
 * slow to answer or lost: once the timer has fired and only workers of other nodes are still to be
 * heard from (their kill confirmed, their start refused, or their node found gone), the compute
 * completes at once, and the process waits for them before it exits. Answers go into the {@link Cache}.
 */
final class Gather extends GenServer<Void> {

  private static final Logger log = LoggerFactory.getLogger(Gather.class);

  private record Started(Source source, AsyncResult<Pid> outcome) {
  }

  private record Deadline() {
  }

  private final ComputeRequest request;
  private final List<Source> sources;
  private final Promise<Gathered> done;

  /**
   * A compute's results; {@code exiting} when the process is about to exit with nothing of the
   * compute left, so that the caller can wait for that exit before it answers.
   */
  record Gathered(List<Result> results, boolean exiting) {
  }
  private final Name workers;
  private final List<Result> results;
  private final Set<Pid> live = new HashSet<>();
  private final Set<Pid> answered = new HashSet<>();
  private final Map<Pid, String> backendOf = new HashMap<>();
  private int starting;
  private int startingHere;
  private boolean late;
  private TimerRef deadline;

  Gather(ComputeRequest request, List<Source> sources, List<Result> cached, Name workers, Promise<Gathered> done) {
    this.request = request;
    this.sources = sources;
    this.results = new ArrayList<>(cached);
    this.workers = workers;
    this.done = done;
  }

  @Override
  protected Init<Void> init() {
    deadline = node().sendAfter(self(), new Deadline(), request.options().timeoutMs());
    starting = sources.size();
    for (Source source : sources) {
      if (source instanceof Source.Here) {
        startingHere++;
      }
      start(source).onComplete(outcome -> node().send(self(), new Started(source, outcome)));
    }
    return Init.ok(null);
  }

  private Future<Pid> start(Source source) {
    if (source instanceof Source.Here here) {
      return Supervisor.startDynamicChild(node(), workers, here.impl());
    }
    Source.There there = (Source.There) source;
    return node().<Pid>call(there.server(), RemoteWorkers.startRequest(there.backend()), request.options().timeoutMs())
      .compose(pid -> pid == null
        ? Future.failedFuture(new IllegalStateException("backend " + there.backend() + " is not enabled on " + there.server().node()))
        : Future.succeededFuture(pid));
  }

  @Override
  protected Outcome<Void> handleInfo(Object message, Void state) {
    Worker.Answer answer = Worker.Answer.fromJson(message);
    if (message instanceof Started started) {
      onStarted(started);
    } else if (answer != null) {
      onAnswer(answer);
    } else if (message instanceof Down down) {
      onDown(down);
    } else if (message instanceof Deadline) {
      deadline = null;
      late = true;
      live.stream().filter(pid -> !answered.contains(pid)).forEach(pid -> node().exit(pid, ExitReason.kill()));
    } else {
      return super.handleInfo(message, state);
    }
    if (starting == 0 && live.isEmpty()) {
      return complete(state);
    }
    if (late && startingHere == 0 && live.stream().noneMatch(this::isHere)) {
      done.tryComplete(new Gathered(InfoSys.best(results, request.options().limit()), false));
    }
    return noreply(state);
  }

  private boolean isHere(Pid pid) {
    return pid.node().equals(node().id());
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Void state) {
    if (!done.future().isComplete()) {
      live.forEach(pid -> node().exit(pid, ExitReason.kill()));
      done.tryFail(new ExitException(reason));
    }
    return Future.succeededFuture();
  }

  @Override
  protected String describeState() {
    return "query '" + request.query() + "', " + starting + " starting, " + live.size() + " live, "
      + answered.size() + " answered, " + results.size() + " results" + (late ? ", past the deadline" : "");
  }

  private void onStarted(Started started) {
    starting--;
    if (started.source() instanceof Source.Here) {
      startingHere--;
    }
    if (started.outcome().failed()) {
      BackendOutcomes.of(vertx).record(started.source().backend(), BackendOutcomes.Kind.UNAVAILABLE);
      log.debug("{} could not start a worker for {}: {}", this, started.source().backend(), started.outcome().cause().toString());
      return;
    }
    Pid pid = started.outcome().result();
    live.add(pid);
    backendOf.put(pid, started.source().backend());
    node().monitor(pid);
    if (late) {
      node().exit(pid, ExitReason.kill());
    } else {
      node().send(pid, new Worker.Query(self(), request.query(), request.options().limit()).toJson());
    }
  }

  private void onAnswer(Worker.Answer answer) {
    if (late || !live.contains(answer.worker()) || !answered.add(answer.worker())) {
      return;
    }
    results.addAll(answer.results());
    BackendOutcomes.of(vertx).record(answer.backend(),
      answer.results().isEmpty() ? BackendOutcomes.Kind.EMPTY : BackendOutcomes.Kind.ANSWERED);
    Cache.put(vertx, new Cache.Key(answer.backend(), request.query(), request.options().limit()), answer.results());
  }

  /** A worker is gone; one that never answered in time counts as a timeout (killed, or too late) or a crash. */
  private void onDown(Down down) {
    live.remove(down.pid());
    String backend = backendOf.remove(down.pid());
    if (backend != null && !answered.contains(down.pid())) {
      boolean crashed = !down.reason().isNormal() && !(down.reason() instanceof ExitReason.Killed);
      BackendOutcomes.of(vertx).record(backend, crashed ? BackendOutcomes.Kind.CRASHED : BackendOutcomes.Kind.TIMEOUT);
    }
  }

  private Outcome<Void> complete(Void state) {
    if (deadline != null) {
      node().cancelTimer(deadline);
    }
    done.tryComplete(new Gathered(InfoSys.best(results, request.options().limit()), true));
    return stop(ExitReason.normal(), state);
  }
}
