package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A supervisor, as OTP's: a process that starts its children from a {@link SupervisorSpec} and
 * keeps them running.
 *
 * <ul>
 *   <li>Start: children start one by one in spec order; if one fails to start, those already
 *       started are stopped in reverse order and the supervisor's own start fails with
 *       {@code {shutdown, failed_to_start_child ...}}.</li>
 *   <li>A child that exits is restarted according to its {@link Restart} type and the
 *       {@link Strategy}; a temporary child is forgotten; a transient child that exits normally
 *       stays listed with no process (a dynamic one is forgotten).</li>
 *   <li>Intensity: every restart counts once, a one_for_all or rest_for_one restart of several
 *       children too, and so does every failed attempt to start a child again (tried again through
 *       the mailbox). One restart more than {@code maxRestarts} within {@code maxSeconds} makes the
 *       supervisor stop all its children and exit with {@code shutdown}, so that its own supervisor
 *       sees it fail.</li>
 *   <li>Shutdown: children stop in reverse start order (a simple_one_for_one supervisor stops all
 *       at once), each within its {@link ShutdownPolicy}; the supervisor's own exit waits for them. The
 *       supervisor stops them itself: Vert.x's unordered undeploy plays no part. A child that
 *       exits with another reason than its stop asked for ({@code shutdown}, or {@code killed} for
 *       a brutal kill; a non-permanent child may also exit {@code normal} or {@code {shutdown, _}})
 *       is logged as OTP's {@code shutdown_error} report, with its actual reason; a shutdown that
 *       had to kill the child is one.</li>
 *   <li>Its work is serial: an exit, a restart or a management call is handled completely before
 *       the next begins, so {@link #whichChildren} never sees a half-done restart.</li>
 * </ul>
 * The static methods are the management API ({@code which_children}, {@code start_child}, ...).
 * Each fails with {@link SupervisorError} when it does not apply, as OTP's {@code {:error, ...}}.
 * A dynamic supervisor counts its children being restarted against {@code maxChildren}, as
 * Elixir's DynamicSupervisor does.
 */
public final class Supervisor extends GenServer<Void> {

  /** Supervisor calls wait as long as the operation takes, as OTP's use {@code :infinity}. */
  static final long CALL_TIMEOUT_MS = Node.INFINITE_TIMEOUT_MS;

  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

  private final SupervisorSpec spec;
  private final LongSupplier clock;
  private final RestartIntensity intensity;
  private final Set<Child> children = new LinkedHashSet<>();
  private final Map<Pid, Child> running = new HashMap<>();
  private final Deque<Supplier<Future<?>>> backlog = new ArrayDeque<>();
  private boolean busy;
  private int restarts;
  private int starting;
  private final Map<Pid, ExitReason> earlyExits = new HashMap<>();

  private static final class Child {
    final ChildSpec spec;
    /** The argument a dynamic child starts from; dropped once a temporary one has started, as it is never restarted (OTP's supervisor keeps no arguments of a temporary dynamic child either). */
    Object arg;
    Pid pid;
    boolean restarting;
    /** The pid the child last ran under: how a dynamic child being restarted is still named. */
    Pid lastPid;
    /** How many times this child has been restarted after its own exit. */
    int restarts;

    Child(ChildSpec spec, Object arg) {
      this.spec = spec;
      this.arg = arg;
    }

    ChildInfo info() {
      ChildInfo.Status status = pid != null ? ChildInfo.Status.RUNNING
        : restarting ? ChildInfo.Status.RESTARTING : ChildInfo.Status.UNDEFINED;
      return new ChildInfo(spec.id(), pid, status, spec.type(), spec.restart(), restarts);
    }
  }

  private static final class StartFailure extends RuntimeException {
    final transient Child child;
    final transient ExitReason reason;

    StartFailure(Child child, ExitReason reason, Throwable cause) {
      super(child.spec.id() + ": " + reason, cause, false, false);
      this.child = child;
      this.reason = reason;
    }

    /** What the caller of a management operation gets: AlreadyStarted as it is, else the exit reason. */
    Throwable forCaller() {
      return getCause() instanceof AlreadyStarted taken ? taken : new ExitException(reason);
    }
  }

  private record TryAgain(Child child) {
  }

  private record WhichChildren() {
  }

  private record CountChildren() {
  }

  private record StartChild(ChildSpec spec) {
  }

  private record StartDynamicChild(Object arg) {
  }

  private record TerminateChild(Object idOrPid) {
  }

  private record RestartChild(String id) {
  }

  private record DeleteChild(String id) {
  }

  private record Describe() {
  }

  public Supervisor(SupervisorSpec spec) {
    this(spec, () -> System.nanoTime() / 1_000_000);
  }

  Supervisor(SupervisorSpec spec, LongSupplier clock) {
    this.spec = spec;
    this.clock = clock;
    this.intensity = new RestartIntensity(spec.maxRestarts(), spec.maxSeconds());
  }

  public static Future<Pid> start(Node node, SupervisorSpec spec) {
    return node.spawn(new Supervisor(spec));
  }

  public static Future<Pid> start(Node node, SupervisorSpec spec, Name name) {
    return node.spawn(new Supervisor(spec).named(name));
  }

  public static Future<List<ChildInfo>> whichChildren(Node node, Dest supervisor) {
    return request(node, supervisor, new WhichChildren());
  }

  public static Future<ChildCounts> countChildren(Node node, Dest supervisor) {
    return request(node, supervisor, new CountChildren());
  }

  /**
   * Adds a child to a static supervisor and starts it; fails with {@code already_present} for a
   * known id; completes with null when the child's init answered ignore (it stays listed with no
   * process, unless temporary). On a simple_one_for_one supervisor it starts a dynamic child from
   * this spec rather than the template, with the spec's own restart type and shutdown, as Elixir's
   * {@code DynamicSupervisor.start_child(sup, spec)} (ids need not be unique there).
   */
  public static Future<Pid> startChild(Node node, Dest supervisor, ChildSpec child) {
    return request(node, supervisor, new StartChild(child));
  }

  /** Starts a child of a simple_one_for_one supervisor from its template and {@code arg}; null (and no child) when its init answered ignore. */
  public static Future<Pid> startDynamicChild(Node node, Dest supervisor, Object arg) {
    return request(node, supervisor, new StartDynamicChild(arg));
  }

  /**
   * Stops a static child by id; it stays listed unless temporary, and a child being restarted
   * stays stopped (no more attempts), as OTP's {@code terminate_child}. Fails with
   * {@code WRONG_STRATEGY} (OTP's {@code simple_one_for_one}) on a simple_one_for_one supervisor.
   */
  public static Future<Void> terminateChild(Node node, Dest supervisor, String id) {
    return request(node, supervisor, new TerminateChild(id));
  }

  /**
   * Stops a dynamic child by pid, one being restarted too (by the pid it last ran under), and
   * forgets it. Fails with {@code NOT_FOUND} on a supervisor that is not simple_one_for_one, whose
   * children are named by id, and leaves the process alone.
   */
  public static Future<Void> terminateChild(Node node, Dest supervisor, Pid child) {
    return request(node, supervisor, new TerminateChild(child));
  }

  /**
   * Starts again a static child that is not running; fails with {@code RUNNING}, {@code RESTARTING}
   * while the supervisor is trying to restart it, and {@code WRONG_STRATEGY} on a simple_one_for_one supervisor.
   */
  public static Future<Pid> restartChild(Node node, Dest supervisor, String id) {
    return request(node, supervisor, new RestartChild(id));
  }

  /** Forgets a static child that is not running, nor restarting; {@code WRONG_STRATEGY} on a simple_one_for_one supervisor. */
  public static Future<Void> deleteChild(Node node, Dest supervisor, String id) {
    return request(node, supervisor, new DeleteChild(id));
  }

  /** The supervisor's strategy, intensity, restarts so far and its first {@value SupervisorReport#MAX_LISTED} children. */
  public static Future<SupervisorReport> describe(Node node, Dest supervisor) {
    return request(node, supervisor, new Describe());
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> request(Node node, Dest supervisor, Object request) {
    return node.call(supervisor, request, CALL_TIMEOUT_MS)
      .compose(answer -> answer instanceof Throwable error ? Future.failedFuture(error) : Future.succeededFuture((T) answer));
  }

  @Override
  protected Init<Void> init() {
    trapExits();
    if (spec.isDynamic()) {
      return Init.ok(null);
    }
    spec.children().forEach(child -> children.add(new Child(child, null)));
    Future<Void> started = startInOrder(List.copyOf(children)).recover(error -> {
      StartFailure failure = (StartFailure) error;
      return stopInReverse(List.copyOf(children))
        .compose(stopped -> Future.failedFuture(new ExitException(ExitReason.shutdown(
          "failed_to_start_child " + failure.child.spec.id() + ": " + failure.reason))));
    });
    return Init.async(started.map(ok -> null));
  }

  @Override
  protected Outcome<Void> handleInfo(Object message, Void state) {
    if (message instanceof Exit exit) {
      serially(() -> onChildExit(exit.pid(), exit.reason()));
    } else if (message instanceof TryAgain again) {
      serially(() -> tryAgain(again.child()));
    } else {
      log.warn("{} received an unexpected message: {}", this, message);
    }
    return noreply(state);
  }

  @Override
  protected Outcome<Void> handleCall(Object request, From from, Void state) {
    if (request instanceof StartDynamicChild start) {
      replyWith(from, addAndStartDynamic(spec.children().get(0), start.arg()));
    } else if (request instanceof StartChild start && spec.isDynamic()) {
      replyWith(from, addAndStartDynamic(start.spec(), null));
    } else {
      serially(() -> replyWith(from, answer(request)));
    }
    return noreply(state);
  }

  private static Future<?> replyWith(From from, Future<?> answer) {
    return answer.transform(result -> {
      from.reply(result.succeeded() ? result.result() : result.cause());
      return Future.succeededFuture();
    });
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Void state) {
    backlog.clear();
    return serially(spec.isDynamic() ? this::stopAllAtOnce : () -> stopInReverse(List.copyOf(children)));
  }

  @Override
  protected String describeState() {
    return spec.strategy() + ", " + running.size() + " running of " + children.size() + " children, " + restarts + " restarts";
  }

  private Future<?> answer(Object request) {
    if (request instanceof WhichChildren) {
      return Future.succeededFuture(children.stream().map(Child::info).toList());
    } else if (request instanceof CountChildren) {
      return Future.succeededFuture(counts());
    } else if (request instanceof Describe) {
      return Future.succeededFuture(report());
    } else if (request instanceof StartChild start) {
      return addAndStart(start.spec());
    } else if (request instanceof TerminateChild terminate) {
      return terminateChild(terminate.idOrPid());
    } else if (request instanceof RestartChild restart) {
      return restartChild(restart.id());
    } else if (request instanceof DeleteChild delete) {
      return deleteChild(delete.id());
    }
    return Future.failedFuture(new IllegalArgumentException("unknown supervisor request " + request));
  }

  private ChildCounts counts() {
    int supervisors = (int) children.stream().filter(child -> child.spec.type() == ChildType.SUPERVISOR).count();
    return new ChildCounts(children.size(), running.size(), supervisors, children.size() - supervisors);
  }

  private SupervisorReport report() {
    List<ChildInfo> listed = children.stream().limit(SupervisorReport.MAX_LISTED).map(Child::info).toList();
    return new SupervisorReport(self(), name(), spec.strategy(), spec.maxRestarts(), spec.maxSeconds(), restarts,
      counts(), listed);
  }

  // ---- serial execution

  /** Runs the operation once every operation queued before it has completed: at once when none is running. */
  private Future<?> serially(Supplier<Future<?>> operation) {
    if (!busy) {
      busy = true;
      Future<?> result = attempt(operation);
      afterwards(result);
      return result;
    }
    Promise<Object> done = Promise.promise();
    backlog.add(() -> attempt(operation).andThen(outcome -> done.handle(outcome.map(value -> (Object) value))));
    return done.future();
  }

  private static Future<?> attempt(Supplier<Future<?>> operation) {
    try {
      return operation.get();
    } catch (RuntimeException error) {
      return Future.failedFuture(error);
    }
  }

  /** Once the running operation has completed, runs the queued ones in turn, in a loop as long as each completes at once. */
  private void afterwards(Future<?> running) {
    Future<?> current = running;
    while (current.isComplete()) {
      busy = false;
      failOnError(current);
      if (backlog.isEmpty()) {
        return;
      }
      busy = true;
      current = backlog.poll().get();
    }
    Future<?> pending = current;
    pending.onComplete(done -> afterwards(pending));
  }

  private static void failOnError(Future<?> operation) {
    if (operation.failed()) {
      throw new IllegalStateException("supervisor operation failed", operation.cause());
    }
  }

  // ---- starting and stopping children

  private Future<Void> startInOrder(List<Child> group) {
    Future<Void> chain = Future.succeededFuture();
    for (Child child : group) {
      chain = chain.compose(previous -> children.contains(child) ? startChild(child) : Future.succeededFuture());
    }
    return chain;
  }

  /**
   * Starts the child. A start function that raises fails the start with what it raised, as OTP's
   * supervisor answers {@code {error, What}} for whatever its start function throws: an exception,
   * or a {@link LinkageError} (a class that cannot be loaded or initialised). A
   * {@link VirtualMachineError} (out of memory, a stack overflow) is left to end the thread, as the
   * JVM itself is in trouble then.
   */
  private Future<Void> startChild(Child child) {
    Process process;
    try {
      process = child.spec.start().apply(child.arg);
      if (child.spec.restart() == Restart.TEMPORARY) {
        child.arg = null;
      }
    } catch (RuntimeException | LinkageError error) {
      return Future.failedFuture(new StartFailure(child, ExitReason.crash(error), error));
    }
    process.placeOn(loopFor(child.spec.placement()));
    return node().spawnLink(process)
      .<Void>map(pid -> {
        child.pid = pid;
        child.restarting = false;
        if (pid != null) {
          running.put(pid, child);
        } else if (child.spec.restart() == Restart.TEMPORARY) {
          children.remove(child);
        }
        return null;
      })
      .recover(error -> Future.failedFuture(new StartFailure(child, reasonOf(error), error)));
  }

  /** The event loop a child is placed on; null for the next in turn. */
  private EventLoop loopFor(Placement placement) {
    if (placement instanceof Placement.Loop loop) {
      return node().eventLoop(loop.index());
    }
    return placement == Placement.supervisorLoop() ? VertxInternals.loopOf(context) : null;
  }

  private static ExitReason reasonOf(Throwable error) {
    return error instanceof AlreadyStarted ? ExitReason.crash(error.getMessage()) : ExitReason.of(error);
  }

  private Future<Void> stopChild(Child child) {
    Pid pid = child.pid;
    if (pid == null) {
      return Future.succeededFuture();
    }
    child.pid = null;
    running.remove(pid);
    return node().shutdown(pid, child.spec.shutdown())
      .onSuccess(reason -> reportShutdownError(child, pid, reason))
      .mapEmpty();
  }

  /**
   * OTP's {@code shutdown_error} supervisor report (supervisor.erl's {@code do_terminate/2}): the
   * child exited with another reason than its stop asked for. A child found already gone
   * ({@code noproc}) is not reported: its own reason is in an exit message not read yet, which
   * OTP would take from the mailbox and this supervisor cannot.
   */
  private void reportShutdownError(Child child, Pid pid, ExitReason reason) {
    if (reason instanceof ExitReason.Noproc || child.spec.exitedAsAsked(reason)) {
      return;
    }
    log.error("Supervisor {} could not stop child {} as asked\n** errorContext: shutdown_error\n** reason: {} (the stop, shutdown={}, asked for {})"
        + "\n** offender: id={}, pid={}, restart_type={}, shutdown={}, child_type={}",
      this, child.spec.id(), reason, child.spec.shutdown(), child.spec.stopReason(),
      child.spec.id(), pid, child.spec.restart().name().toLowerCase(), child.spec.shutdown(),
      child.spec.type().name().toLowerCase());
  }

  private Future<Void> stopInReverse(List<Child> group) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = group.size() - 1; i >= 0; i--) {
      Child child = group.get(i);
      chain = chain.compose(previous -> stopChild(child));
    }
    return chain;
  }

  private Future<?> stopAllAtOnce() {
    return Future.all(children.stream().map(this::stopChild).toList());
  }

  // ---- restarts

  private Future<?> onChildExit(Pid pid, ExitReason reason) {
    Child child = running.remove(pid);
    if (child == null) {
      if (starting > 0) {
        earlyExits.put(pid, reason);
      }
      return Future.succeededFuture();
    }
    child.pid = null;
    child.lastPid = pid;
    if (!child.spec.restart().restartsAfter(reason)) {
      if (child.spec.restart() == Restart.TEMPORARY || spec.isDynamic()) {
        children.remove(child);
      }
      return Future.succeededFuture();
    }
    return restart(child, reason);
  }

  /** Tries a failed restart again, unless the child was terminated (or started) meanwhile. */
  private Future<?> tryAgain(Child child) {
    if (!children.contains(child) || !child.restarting) {
      return Future.succeededFuture();
    }
    return restart(child, ExitReason.crash("restart failed; trying again"));
  }

  private Future<?> restart(Child failed, ExitReason reason) {
    if (!intensity.allow(clock.getAsLong())) {
      log.error("{} reached its maximum restart intensity ({} restarts in {} s) after child {} exited with {}; shutting down",
        this, spec.maxRestarts(), spec.maxSeconds(), failed.spec.id(), reason);
      exit(ExitReason.shutdown());
      return Future.succeededFuture();
    }
    restarts++;
    failed.restarts++;
    node().countRestart();
    log.info("{} restarting child {} ({}) after {}", this, failed.spec.id(), spec.strategy(), reason);
    List<Child> group = spec.strategy().affected(List.copyOf(children), failed);
    List<Child> siblings = group.stream().filter(child -> child != failed).toList();
    return stopInReverse(siblings)
      .compose(stopped -> {
        siblings.stream().filter(child -> child.spec.restart() == Restart.TEMPORARY).forEach(children::remove);
        return startInOrder(group);
      })
      .recover(error -> {
        StartFailure failure = (StartFailure) error;
        failure.child.restarting = true;
        log.error("{} failed to restart child {}: {}; trying again", this, failure.child.spec.id(), failure.reason);
        node().send(self(), new TryAgain(failure.child));
        return Future.succeededFuture();
      });
  }

  // ---- management

  private Future<?> addAndStart(ChildSpec childSpec) {
    Child known = find(childSpec.id());
    if (known != null) {
      return known.pid != null
        ? Future.failedFuture(new AlreadyStarted(Name.local(childSpec.id()), known.pid))
        : error(SupervisorError.Kind.ALREADY_PRESENT, childSpec.id());
    }
    Child child = new Child(childSpec, null);
    children.add(child);
    return startOrForget(child);
  }

  /**
   * Starts a dynamic child without waiting for the operations queued before it, so that many
   * children start side by side. An exit that overtakes the news of its child's start is kept
   * until the start is known, then handled in order.
   */
  private Future<?> addAndStartDynamic(ChildSpec childSpec, Object arg) {
    if (!spec.isDynamic()) {
      return error(SupervisorError.Kind.WRONG_STRATEGY, "only a simple_one_for_one supervisor starts children from an argument");
    }
    if (children.size() + starting >= spec.maxChildren()) {
      return error(SupervisorError.Kind.MAX_CHILDREN, "at most " + spec.maxChildren() + " children");
    }
    Child child = new Child(childSpec, arg);
    starting++;
    return startChild(child)
      .andThen(started -> {
        starting--;
        if (started.succeeded() && child.pid != null) {
          children.add(child);
          ExitReason early = earlyExits.remove(child.pid);
          if (early != null) {
            Pid pid = child.pid;
            serially(() -> onChildExit(pid, early));
          }
        }
        if (starting == 0) {
          earlyExits.clear();
        }
      })
      .map(started -> child.pid)
      .recover(error -> Future.failedFuture(((StartFailure) error).forCaller()));
  }

  private Future<Pid> startOrForget(Child child) {
    return startChild(child)
      .map(started -> child.pid)
      .recover(error -> {
        children.remove(child);
        return Future.failedFuture(((StartFailure) error).forCaller());
      });
  }

  private Future<?> terminateChild(Object idOrPid) {
    if (spec.isDynamic() && !(idOrPid instanceof Pid)) {
      return simpleOneForOne("its children are terminated by pid");
    }
    Child child = idOrPid instanceof Pid pid ? dynamicChild(pid) : find((String) idOrPid);
    if (child == null) {
      return error(SupervisorError.Kind.NOT_FOUND, String.valueOf(idOrPid));
    }
    child.restarting = false;
    return stopChild(child).onComplete(stopped -> {
      if (spec.isDynamic() || child.spec.restart() == Restart.TEMPORARY) {
        children.remove(child);
      }
    });
  }

  private Future<?> restartChild(String id) {
    if (spec.isDynamic()) {
      return simpleOneForOne("its children are restarted by the supervisor only");
    }
    Child child = find(id);
    if (child == null) {
      return error(SupervisorError.Kind.NOT_FOUND, id);
    }
    if (child.pid != null) {
      return error(SupervisorError.Kind.RUNNING, id);
    }
    if (child.restarting) {
      return error(SupervisorError.Kind.RESTARTING, id);
    }
    return startChild(child).map(started -> child.pid)
      .recover(error -> Future.failedFuture(((StartFailure) error).forCaller()));
  }

  private Future<?> deleteChild(String id) {
    if (spec.isDynamic()) {
      return simpleOneForOne("its children are forgotten when they stop");
    }
    Child child = find(id);
    if (child == null) {
      return error(SupervisorError.Kind.NOT_FOUND, id);
    }
    if (child.pid != null) {
      return error(SupervisorError.Kind.RUNNING, id);
    }
    if (child.restarting) {
      return error(SupervisorError.Kind.RESTARTING, id);
    }
    children.remove(child);
    return Future.succeededFuture();
  }

  /**
   * The dynamic child running as pid, or being restarted after it ran as pid (OTP finds it by
   * {@code {restarting, Pid}}); null on a supervisor that is not simple_one_for_one, where
   * children are named by id (OTP answers {@code not_found} there too).
   */
  private Child dynamicChild(Pid pid) {
    if (!spec.isDynamic()) {
      return null;
    }
    Child child = running.get(pid);
    if (child != null) {
      return child;
    }
    return children.stream().filter(restarting -> restarting.restarting && pid.equals(restarting.lastPid)).findFirst().orElse(null);
  }

  private Child find(String id) {
    if (spec.isDynamic()) {
      return null;
    }
    return children.stream().filter(child -> child.spec.id().equals(id)).findFirst().orElse(null);
  }

  /** OTP's {@code {error, simple_one_for_one}}: the operation does not apply to a simple_one_for_one supervisor. */
  private static Future<?> simpleOneForOne(String detail) {
    return error(SupervisorError.Kind.WRONG_STRATEGY, "simple_one_for_one: " + detail);
  }

  private static Future<?> error(SupervisorError.Kind kind, String detail) {
    return Future.failedFuture(new SupervisorError(kind, detail));
  }
}
