package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The process behind one {@link Task#asyncStream}, as the monitor process of Elixir's
 * {@code Task.Supervised.stream}: linked to the caller when the caller is a process, and trapping
 * exits exactly when the caller does. It takes the input one element at a time, keeps at most
 * {@code maxConcurrency} task processes alive, each linked to it, and collects one {@link Yield}
 * per element; then it exits normally, and only then does the caller get the results.
 *
 * <p>So a task that crashes takes the stream and, through it, a caller that does not trap exits;
 * a trapping caller, or one that is no process, gets the crash as that element's
 * {@code {:exit, reason}} and no {@link Exit} message; a caller that exits takes the stream and its
 * tasks with it. A slot is free again only
 * once its task's process has exited, so no more than the bound are ever alive, and none once the
 * stream has completed or failed. A task that overruns its timeout, and every task still alive when
 * the stream fails, is unlinked and killed, so that the kill reaches nobody else.
 */
final class TaskStream<T, R> extends Process {

  private final Iterator<? extends T> input;
  private final Function<? super T, Future<R>> work;
  private final AsyncStreamOptions options;
  private final int maxConcurrency;
  private final boolean trapping;
  private final Map<Integer, Running<R>> running = new HashMap<>();
  private final Map<Integer, Yield<R>> aheadOfTurn = new HashMap<>();
  private final List<Yield<R>> results = new ArrayList<>();
  private int spawned;
  private int delivered;
  private boolean complete;
  private Throwable failure;

  /** A task of the stream whose process has not exited yet. */
  private static final class Running<R> {
    final int position;
    final Promise<R> value = Promise.promise();
    Pid pid;
    long timer = -1;
    boolean timedOut;

    Running(int position) {
      this.position = position;
    }
  }

  private TaskStream(Iterable<? extends T> items, Function<? super T, Future<R>> work, AsyncStreamOptions options,
                     int maxConcurrency, boolean trapping) {
    this.input = items.iterator();
    this.work = work;
    this.options = options;
    this.maxConcurrency = maxConcurrency;
    this.trapping = trapping;
    quiet();
  }

  /** Runs the stream; completes with the results, on the caller's context, once its process and every task are gone. */
  static <T, R> Future<List<Yield<R>>> run(Node node, Iterable<? extends T> items, Function<? super T, Future<R>> work,
                                           AsyncStreamOptions options) {
    Context caller = Vertx.currentContext();
    Process owner = node.current();
    int max = options.maxConcurrency() > 0 ? options.maxConcurrency() : node.eventLoopCount();
    TaskStream<T, R> stream = new TaskStream<>(items, work, options, max, owner == null || owner.trapsExits());
    Future<Pid> started = owner != null ? node.spawnLink(stream) : node.spawn(stream);
    return Futures.on(caller, started.compose(pid -> stream.exitFuture()).compose(stream::outcome));
  }

  @Override
  protected Future<?> onStart() {
    if (trapping) {
      trapExits();
    }
    context.runOnContext(ignored -> fill());
    return Future.succeededFuture();
  }

  /** Exit messages of its tasks (when trapping) are answered by their Down; nothing else is expected. */
  @Override
  protected void onMessage(Object body) {
  }

  @Override
  protected Future<?> onExit(ExitReason reason) {
    return Future.succeededFuture();
  }

  /** What the caller gets once the process has exited with reason. */
  private Future<List<Yield<R>>> outcome(ExitReason reason) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    return complete ? Future.succeededFuture(results) : Future.failedFuture(new ExitException(reason));
  }

  /** Starts tasks for the next elements while there is a free slot; exits once all is done. */
  private void fill() {
    try {
      while (failure == null && running.size() < maxConcurrency && input.hasNext()) {
        spawn(spawned++, input.next());
      }
    } catch (RuntimeException error) {
      fail(error);
      return;
    }
    if (failure == null && running.isEmpty() && !input.hasNext()) {
      complete = true;
      leave();
    }
  }

  private void spawn(int position, T item) {
    Running<R> task = new Running<>(position);
    running.put(position, task);
    node().spawnLink(new TaskProcess<>(() -> work.apply(item), task.value)).onComplete((pid, error) -> {
      if (error != null) {
        running.remove(position);
        fail(error);
      } else {
        watch(task, pid);
      }
    });
  }

  private void watch(Running<R> task, Pid pid) {
    task.pid = pid;
    node().watch(pid).onSuccess(down -> exited(task, down));
    if (failure != null) {
      kill(task);
    } else {
      task.timer = vertx.setTimer(options.timeoutMs(), fired -> timedOut(task));
    }
  }

  /** A task that has not given its value in time is killed; what that means is decided once its process is gone. */
  private void timedOut(Running<R> task) {
    if (!task.value.future().isComplete()) {
      task.timedOut = true;
      kill(task);
    }
  }

  private void kill(Running<R> task) {
    node().unlink(self(), task.pid);
    node().exit(task.pid, ExitReason.kill());
  }

  private void exited(Running<R> task, Down down) {
    running.remove(task.position);
    vertx.cancelTimer(task.timer);
    if (failure != null) {
      if (running.isEmpty()) {
        leave();
      }
      return;
    }
    Future<R> value = task.value.future();
    if (value.succeeded()) {
      deliver(task.position, new Yield.Ok<>(value.result()));
    } else if (task.timedOut && options.onTimeout() == AsyncStreamOptions.OnTimeout.EXIT) {
      fail(new ExitException(ExitReason.timeout()));
      return;
    } else if (task.timedOut) {
      deliver(task.position, new Yield.Exited<>(ExitReason.timeout()));
    } else {
      ExitReason reason = value.cause() instanceof ExitException gone ? gone.reason() : down.reason();
      deliver(task.position, new Yield.Exited<>(reason));
    }
    fill();
  }

  /** Adds a result: at once in completion order, else once every earlier element has its own. */
  private void deliver(int position, Yield<R> yield) {
    if (!options.ordered()) {
      results.add(yield);
      return;
    }
    aheadOfTurn.put(position, yield);
    while (aheadOfTurn.containsKey(delivered)) {
      results.add(aheadOfTurn.remove(delivered++));
    }
  }

  /** Fails the stream: kills every task still alive, and exits normally once all of them are gone. */
  private void fail(Throwable error) {
    if (failure != null) {
      return;
    }
    failure = error;
    running.values().stream().filter(task -> task.pid != null).forEach(this::kill);
    if (running.isEmpty()) {
      leave();
    }
  }

  /** Exits normally once every task is gone, unlinked first so that a trapping caller gets no Exit from it (Elixir flushes it). */
  private void leave() {
    if (parent() != null) {
      node().unlink(self(), parent());
    }
    exit(ExitReason.normal());
  }
}
