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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The process that runs one compute, as the caller of the book's {@code InfoSys.compute} does:
 * it starts one worker per backend under the worker supervisor, monitors each, sends it the
 * query, and sets one timer for the whole compute. When the timer fires, every worker that has
 * not answered is killed; answers already in are kept. It completes the compute, best results
 * first, only once every worker it started is gone and its timer is cancelled or fired, then
 * exits normally: nothing of the compute is left behind. Answers go into the {@link Cache}.
 */
final class Gather extends GenServer<Void> {

  private static final Logger log = LoggerFactory.getLogger(Gather.class);

  private record Started(Backend backend, AsyncResult<Pid> outcome) {
  }

  private record Deadline() {
  }

  private final ComputeRequest request;
  private final List<Backend> backends;
  private final Promise<List<Result>> done;
  private final Name workers;
  private final List<Result> results;
  private final Set<Pid> live = new HashSet<>();
  private final Set<Pid> answered = new HashSet<>();
  private int starting;
  private boolean late;
  private TimerRef deadline;

  Gather(ComputeRequest request, List<Backend> backends, List<Result> cached, Name workers, Promise<List<Result>> done) {
    this.request = request;
    this.backends = backends;
    this.results = new ArrayList<>(cached);
    this.workers = workers;
    this.done = done;
  }

  @Override
  protected Init<Void> init() {
    deadline = node().sendAfter(self(), new Deadline(), request.options().timeoutMs());
    starting = backends.size();
    for (Backend backend : backends) {
      Supervisor.startDynamicChild(node(), workers, backend)
        .onComplete(outcome -> node().send(self(), new Started(backend, outcome)));
    }
    return Init.ok(null);
  }

  @Override
  protected Outcome<Void> handleInfo(Object message, Void state) {
    if (message instanceof Started started) {
      onStarted(started);
    } else if (message instanceof Worker.Answer answer) {
      onAnswer(answer);
    } else if (message instanceof Down down) {
      live.remove(down.pid());
    } else if (message instanceof Deadline) {
      deadline = null;
      late = true;
      live.stream().filter(pid -> !answered.contains(pid)).forEach(pid -> node().exit(pid, ExitReason.kill()));
    } else {
      return super.handleInfo(message, state);
    }
    return starting == 0 && live.isEmpty() ? complete(state) : noreply(state);
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
    if (started.outcome().failed()) {
      log.debug("{} could not start a worker for {}: {}", this, started.backend().name(), started.outcome().cause().toString());
      return;
    }
    Pid pid = started.outcome().result();
    live.add(pid);
    node().monitor(pid);
    if (late) {
      node().exit(pid, ExitReason.kill());
    } else {
      node().send(pid, new Worker.Query(self(), request.query(), request.options().limit()));
    }
  }

  private void onAnswer(Worker.Answer answer) {
    if (late || !live.contains(answer.worker()) || !answered.add(answer.worker())) {
      return;
    }
    results.addAll(answer.results());
    Cache.put(vertx, new Cache.Key(answer.backend(), request.query(), request.options().limit()), answer.results());
  }

  private Outcome<Void> complete(Void state) {
    if (deadline != null) {
      node().cancelTimer(deadline);
    }
    done.tryComplete(InfoSys.best(results, request.options().limit()));
    return stop(ExitReason.normal(), state);
  }
}
