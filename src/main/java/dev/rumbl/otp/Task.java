package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One-off concurrent work in a process of its own, as Elixir's {@code Task}: the function runs in
 * a new process; its value, or the reason it exited without one, is its result.
 *
 * <ul>
 *   <li>{@link #async} links the task to the calling process (if the caller is a process): a task
 *       that crashes takes the caller with it; {@link #asyncNolink} starts it under a task
 *       supervisor instead, so a crash only fails the task's result; {@link #start} starts
 *       fire-and-forget work under a task supervisor.</li>
 *   <li>{@link #await} waits up to a timeout ({@value #DEFAULT_AWAIT_MS} ms by default): the value,
 *       or {@link ExitException} with the task's exit reason (for a function that threw, a crash
 *       carrying that exception), or with {@code timeout}, in which case the task is killed.</li>
 *   <li>{@link #asyncStream} runs a function over many items, a bounded number of tasks at once;</li>
 *   <li>{@link #yieldMany} waits for many tasks until one shared deadline and reports each;
 *       {@link #shutdown} stops a task and still reports its value if it finished meanwhile.</li>
 * </ul>
 * The function returns a Future, so that a task can do asynchronous work without blocking its
 * event loop; blocking work belongs in {@code vertx.executeBlocking} inside it.
 */
public final class Task<T> {

  public static final long DEFAULT_AWAIT_MS = 5000;

  private final Node node;
  private final Future<Pid> pid;
  private final Promise<T> result;

  private Task(Node node, Future<Pid> pid, Promise<T> result) {
    this.node = node;
    this.pid = pid;
    this.result = result;
    pid.onComplete((started, error) -> {
      if (error != null) {
        result.tryFail(error);
      } else {
        node.watch(started).onSuccess(down -> result.tryFail(new ExitException(down.reason())));
      }
    });
  }

  /** Runs work in a new process linked to the calling process (unlinked when called outside processes). */
  public static <T> Task<T> async(Node node, Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    TaskProcess<T> process = new TaskProcess<>(work, result);
    return new Task<>(node, node.current() != null ? node.spawnLink(process) : node.spawn(process), result);
  }

  /** Runs work under the task supervisor, not linked to the caller: its crash only fails this task. */
  public static <T> Task<T> asyncNolink(Node node, Dest taskSupervisor, Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    TaskProcess<T> process = new TaskProcess<>(work, result);
    return new Task<>(node, Supervisor.startDynamicChild(node, taskSupervisor, process), result);
  }

  /** Fire-and-forget work under the task supervisor; the Future tells only that it started. */
  public static Future<Pid> start(Node node, Dest taskSupervisor, Supplier<Future<?>> work) {
    return Supervisor.startDynamicChild(node, taskSupervisor, new TaskProcess<>(work::get, Promise.promise()));
  }

  /**
   * Runs work over every item in tasks of their own, as Elixir's {@code Task.async_stream/3}, with
   * {@link AsyncStreamOptions#defaults()}; see {@link #asyncStream(Node, Iterable, Function, AsyncStreamOptions)}.
   */
  public static <T, R> Future<List<Yield<R>>> asyncStream(Node node, Iterable<? extends T> items,
                                                          Function<? super T, Future<R>> work) {
    return asyncStream(node, items, work, AsyncStreamOptions.defaults());
  }

  /**
   * Runs work over every item, each in a task process of its own, at most
   * {@code options.maxConcurrency()} at once, as Elixir's {@code Task.async_stream/3}: completes
   * with one {@link Yield.Ok} or {@link Yield.Exited} per item (never {@link Yield.Pending}), in
   * input order or, unordered, in completion order. The tasks are linked to the calling process
   * (through the stream's own process, as in Elixir), so a task that crashes takes a caller that
   * does not trap exits with it; a trapping caller, or a caller outside processes, gets the
   * crash as that item's exit. A task that runs longer than {@code options.timeoutMs()} is killed:
   * with {@link AsyncStreamOptions.OnTimeout#KILL_TASK} its item gives {@code {:exit, :timeout}},
   * with {@link AsyncStreamOptions.OnTimeout#EXIT} the whole stream fails with {@link ExitException}
   * {@code timeout} (Elixir exits the caller with {@code {:timeout, {Task.Supervised, :stream,
   * [timeout]}}}; here, as {@link #await}, the Future fails and the caller decides). No task process
   * is left when the Future completes, either way. Unlike Elixir's lazy stream, the results come as
   * one list: the input is still taken one item at a time, as slots free up.
   */
  public static <T, R> Future<List<Yield<R>>> asyncStream(Node node, Iterable<? extends T> items,
                                                          Function<? super T, Future<R>> work,
                                                          AsyncStreamOptions options) {
    return TaskStream.run(node, items, work, options);
  }

  /** A task supervisor: a simple_one_for_one supervisor of temporary task processes, as Elixir's {@code Task.Supervisor}. */
  public static SupervisorSpec supervisorSpec() {
    return SupervisorSpec.simpleOneForOne(
      ChildSpec.template("task", (TaskProcess<?> process) -> process).withRestart(Restart.TEMPORARY));
  }

  public Future<Pid> pid() {
    return pid;
  }

  public Future<T> await() {
    return await(DEFAULT_AWAIT_MS);
  }

  /** The task's value, or its exit reason, or {@code timeout} after timeoutMs, which kills the task. */
  public Future<T> await(long timeoutMs) {
    Context caller = Vertx.currentContext();
    Promise<T> outcome = Promise.promise();
    long timer = node.vertx().setTimer(timeoutMs, fired -> {
      if (outcome.tryFail(new ExitException(ExitReason.timeout()))) {
        kill();
      }
    });
    result.future().onComplete(done -> {
      node.vertx().cancelTimer(timer);
      if (done.succeeded()) {
        outcome.tryComplete(done.result());
      } else {
        outcome.tryFail(done.cause());
      }
    });
    return Futures.on(caller, outcome.future());
  }

  /**
   * Waits for every task until one deadline, timeoutMs from now, and reports each in order: its
   * value, its exit, or pending. Pending tasks keep running.
   */
  public static <T> Future<List<Yield<T>>> yieldMany(List<Task<T>> tasks, long timeoutMs) {
    if (tasks.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Context caller = Vertx.currentContext();
    Vertx vertx = tasks.get(0).node.vertx();
    Promise<Void> deadline = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, fired -> deadline.tryComplete());
    Future.join(tasks.stream().map(task -> task.result.future()).toList())
      .onComplete(all -> {
        vertx.cancelTimer(timer);
        deadline.tryComplete();
      });
    return Futures.on(caller, deadline.future().map(reached -> report(tasks)));
  }

  /**
   * Stops the task as a supervisor stops a child (brutal kill, or shutdown then a kill after the
   * timeout) and reports its value if it finished meanwhile, else pending when it exited with the
   * reason this kind of stop gives ({@code killed} for a brutal kill, {@code shutdown} otherwise),
   * else its exit: as Elixir's {@code Task.shutdown}, a task that exited with the other reason,
   * before the call or after it (a shutdown that had to kill), is reported as exited with it.
   */
  public Future<Yield<T>> shutdown(ShutdownPolicy how) {
    Context caller = Vertx.currentContext();
    ExitReason stopReason = how instanceof ShutdownPolicy.BrutalKill ? ExitReason.killed() : ExitReason.shutdown();
    Future<Yield<T>> stopped = pid
      .compose(started -> result.future().isComplete() ? Future.succeededFuture() : node.shutdown(started, how))
      .transform(done -> Future.succeededFuture(yieldOf(stopReason)));
    return Futures.on(caller, stopped);
  }

  private void kill() {
    pid.onSuccess(started -> node.exit(started, ExitReason.kill()));
  }

  private static <T> List<Yield<T>> report(List<Task<T>> tasks) {
    List<Yield<T>> yields = new ArrayList<>(tasks.size());
    for (Task<T> task : tasks) {
      yields.add(task.yieldOf(null));
    }
    return yields;
  }

  /** The task's outcome so far; a failure with stopReason (null: none) counts as pending, as the stop's own doing. */
  private Yield<T> yieldOf(ExitReason stopReason) {
    Future<T> outcome = result.future();
    if (outcome.succeeded()) {
      return new Yield.Ok<>(outcome.result());
    }
    if (outcome.failed()) {
      ExitReason reason = ExitReason.of(outcome.cause());
      return reason.equals(stopReason) ? new Yield.Pending<>() : new Yield.Exited<>(reason);
    }
    return new Yield.Pending<>();
  }

}
