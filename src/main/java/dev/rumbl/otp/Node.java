package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The OTP runtime of one Vert.x instance: its process table, names, monitors, links and timers,
 * and the operations of Elixir's {@code Process} and {@code GenServer} modules. Messages between its
 * own processes go straight to the receiver's context; messages to other nodes go over the event
 * bus. {@link #of(Vertx)} gives the one node of a Vert.x instance; every method may be
 * called from any thread, and Futures complete on the caller's context.
 *
 * <p>Defaults, as in OTP: a call times out after {@value #DEFAULT_CALL_TIMEOUT_MS} ms.
 * A process runs on its own context, placed on Vert.x's event loops in turn as deployments are
 * unless its child spec says otherwise ({@link Placement});
 * which process outlives which is decided by links and supervisors alone. When Vert.x closes, the
 * node stops its processes first.
 */
public final class Node implements Shareable {

  public static final long DEFAULT_CALL_TIMEOUT_MS = 5000;

  static final int EXIT_FAILURE_CODE = 4970;
  static final long CHILDREN_EXIT_WAIT_MS = 5000;

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final String id;
  private final AtomicLong sequence = new AtomicLong();
  private final List<EventLoop> eventLoops = new ArrayList<>();
  private final Map<EventLoop, ContextInternal> homes = new ConcurrentHashMap<>();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Map<MonitorRef, Pid> monitors = new ConcurrentHashMap<>();
  private final Map<Long, ScheduledMessage> timers = new ConcurrentHashMap<>();
  private final LocalRegistry localNames = new LocalRegistry();
  private final ClusterRegistry globalNames;
  private final ClusterLink cluster;
  private Future<Pid> lastGlobalLookup = Future.succeededFuture();

  private record ScheduledMessage(long vertxTimer, Pid owner) {
  }

  /** A watcher that monitors by name: its Down carries the name. */
  private record NamedWatcher(Pid watcher, Name name) {
  }

  private Node(Vertx vertx) {
    this.vertx = vertx;
    ((VertxInternal) vertx).addCloseHook(this::stopAll);
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loop -> eventLoops.add((EventLoop) loop));
    EventBus bus = vertx.eventBus();
    bus.registerCodec(new LocalCodec<>());
    bus.codecSelector(body -> LocalCodec.NAME);
    ClusterManager clusterManager = ((VertxInternal) vertx).clusterManager();
    if (clusterManager == null) {
      this.id = UUID.randomUUID().toString().substring(0, 8);
      this.globalNames = null;
      this.cluster = null;
    } else {
      this.id = clusterManager.getNodeId();
      this.globalNames = new ClusterRegistry(vertx);
      this.cluster = new ClusterLink(this, vertx, clusterManager, globalNames);
      cluster.start();
    }
  }

  /** The node of this Vert.x instance, created on first use. */
  public static Node of(Vertx vertx) {
    return vertx.sharedData().<String, Node>getLocalMap("rumbl.otp").computeIfAbsent("node", key -> new Node(vertx));
  }

  public String id() {
    return id;
  }

  public Vertx vertx() {
    return vertx;
  }

  // ---- starting processes

  /**
   * Starts an unlinked process; fails with {@link AlreadyStarted} if its name is taken, with
   * {@link ExitException} if its start fails; completes with null (no process, no error) when its
   * init answered {@link Init#ignore()}.
   */
  public Future<Pid> spawn(Process process) {
    return start(process, null);
  }

  /** Starts a process linked to the calling process, which becomes its parent. Must be called from inside a process. */
  public Future<Pid> spawnLink(Process process) {
    Process caller = current();
    if (caller == null) {
      return Future.failedFuture(new IllegalStateException("spawnLink must be called from inside a process"));
    }
    return start(process, caller.self());
  }

  private Future<Pid> start(Process process, Pid parent) {
    try {
      process.bind(this, "rumbl.pid." + id + "." + sequence.incrementAndGet(), parent);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    Context caller = Vertx.currentContext();
    VertxInternal internal = (VertxInternal) vertx;
    EventLoop loop = process.placement() != null ? process.placement() : internal.nettyEventLoopGroup().next();
    return Futures.on(caller, process.begin(internal, loop));
  }

  // ---- messages

  /**
   * Sends a message to the mailbox; fails with {@code noproc} only when a name is not registered,
   * and with IllegalArgumentException when a message for another node is not JSON.
   */
  public Future<Void> send(Dest dest, Object message) {
    if (dest instanceof Pid pid) {
      try {
        deliverTo(pid, message);
        return Future.succeededFuture();
      } catch (IllegalArgumentException notJson) {
        return Future.failedFuture(notJson);
      }
    }
    return resolve(dest).compose(pid -> send(pid, message));
  }

  /** A synchronous request with the default timeout of {@value #DEFAULT_CALL_TIMEOUT_MS} ms. */
  public <R> Future<R> call(Dest dest, Object request) {
    return call(dest, request, DEFAULT_CALL_TIMEOUT_MS);
  }

  /**
   * A synchronous request: succeeds with the reply, or fails with {@link ExitException} whose
   * reason is {@code timeout} after timeoutMs (a later reply is dropped), {@code noproc} when no
   * process lives at dest, or the server's exit reason when it exits before replying.
   */
  public <R> Future<R> call(Dest dest, Object request, long timeoutMs) {
    if (!(dest instanceof Pid pid)) {
      Future<Pid> resolved = resolve(dest);
      return resolved.succeeded() ? call(resolved.result(), request, timeoutMs) : resolved.compose(holder -> call(holder, request, timeoutMs));
    }
    if (!isLocal(pid)) {
      return remote(pid).<R>call(pid, request, timeoutMs).recover(Node::asExit);
    }
    Process server = local(pid);
    if (server == null) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    From from = new From(server, ((VertxInternal) vertx).getOrCreateContext(), Math.max(1, timeoutMs));
    if (!server.admitCall(from)) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    server.deliver(new Envelope.Call(request, from));
    return from.answer();
  }

  /**
   * A {@link Sys} request to the GenServer at dest: delivered as a system message and answered as a
   * call is (noproc, timeout, the server's exit reason); the GenServer must live on this node.
   */
  <R> Future<R> systemCall(Dest dest, Object request, long timeoutMs) {
    return resolve(dest).compose(pid -> {
      if (!isLocal(pid)) {
        return Future.failedFuture(new IllegalArgumentException("sys requests reach processes of this node only, not " + pid));
      }
      Process server = local(pid);
      if (server == null) {
        return Future.failedFuture(new ExitException(ExitReason.noproc()));
      }
      if (!(server instanceof GenServer<?>)) {
        return Future.failedFuture(new IllegalArgumentException(server + " is not a GenServer"));
      }
      From from = new From(server, ((VertxInternal) vertx).getOrCreateContext(), Math.max(1, timeoutMs));
      if (!server.admitCall(from)) {
        return Future.failedFuture(new ExitException(ExitReason.noproc()));
      }
      server.deliver(new Envelope.System(request, from));
      return from.answer();
    });
  }

  /** An asynchronous request; never fails, also when nobody lives at dest. */
  public void cast(Dest dest, Object request) {
    if (!(dest instanceof Pid pid)) {
      resolve(dest).onSuccess(resolved -> cast(resolved, request));
      return;
    }
    try {
      deliverTo(pid, new Envelope.Cast(request));
    } catch (IllegalArgumentException notJson) {
      log.warn("cast to {} dropped: {}", pid, notJson.getMessage());
    }
  }

  /**
   * Sends an exit signal, as {@code Process.exit/2}: {@code kill} kills the process; any other
   * reason reaches it as described in {@link Process}. The sender is the calling process, if any.
   */
  public void exit(Pid pid, ExitReason reason) {
    Process caller = current();
    signal(pid, caller == null ? null : caller.self(), reason);
  }

  /**
   * Sends an exit signal to the process registered as name, as {@link #exit(Pid, ExitReason)} does
   * to its pid; nothing happens when nobody holds the name (as an exit signal to a dead pid). The
   * sender is the calling process, if any; a global name is looked up first.
   */
  public void exit(Name name, ExitReason reason) {
    if (name.scope() == Name.Scope.LOCAL) {
      Pid holder = localNames.holder(name);
      if (holder != null) {
        exit(holder, reason);
      }
      return;
    }
    Process caller = current();
    Pid sender = caller == null ? null : caller.self();
    whereisInOrder(name).onSuccess(holder -> {
      if (holder != null) {
        signal(holder, sender, reason);
      }
    });
  }

  private void signal(Pid pid, Pid sender, ExitReason reason) {
    if (!(reason instanceof ExitReason.Kill)) {
      deliverTo(pid, new Envelope.Signal(sender, reason));
      return;
    }
    Process target = local(pid);
    if (target != null) {
      target.kill();
    } else if (!isLocal(pid) && cluster != null) {
      cluster.kill(pid);
    }
  }

  /**
   * Stops the process with the reason, running its terminate, and completes when it has exited
   * ({@code GenServer.stop}); fails with {@code noproc} when it is not alive.
   */
  public Future<Void> stop(Dest dest, ExitReason reason) {
    return resolve(dest).compose(pid -> {
      Future<Down> down = watch(pid);
      deliverTo(pid, new Envelope.Stop(reason));
      return down.compose(d -> d.reason() instanceof ExitReason.Noproc
        ? Future.failedFuture(new ExitException(d.reason()))
        : Future.succeededFuture());
    });
  }

  /**
   * Delivers message to dest after delayMs ({@code Process.send_after}). When dest is a pid, the
   * timer is cancelled if that process exits first.
   */
  public TimerRef sendAfter(Dest dest, Object message, long delayMs) {
    long ref = sequence.incrementAndGet();
    Process owner = dest instanceof Pid pid ? local(pid) : null;
    long vertxTimer = vertx.setTimer(Math.max(1, delayMs), fired -> {
      ScheduledMessage scheduled = timers.remove(ref);
      if (scheduled != null) {
        if (owner != null) {
          owner.removeTimer(ref);
        }
        send(dest, message);
      }
    });
    timers.put(ref, new ScheduledMessage(vertxTimer, owner == null ? null : owner.self()));
    if (owner != null) {
      owner.addTimer(ref);
    }
    return new TimerRef(ref);
  }

  /** Cancels a scheduled message; false when it was already delivered or cancelled. */
  public boolean cancelTimer(TimerRef timer) {
    ScheduledMessage scheduled = timers.remove(timer.id());
    if (scheduled == null) {
      return false;
    }
    vertx.cancelTimer(scheduled.vertxTimer());
    Process owner = scheduled.owner() == null ? null : local(scheduled.owner());
    if (owner != null) {
      owner.removeTimer(timer.id());
    }
    return true;
  }

  // ---- monitors

  /**
   * Monitors target from the calling process: it will receive exactly one {@link Down} with this
   * ref, with reason {@code noproc} at once if target is not alive. Must be called from inside a process.
   */
  public MonitorRef monitor(Pid target) {
    Process watcher = requireCurrent("monitor");
    MonitorRef ref = new MonitorRef(id, sequence.incrementAndGet());
    watcher.holdMonitor(ref);
    addMonitor(ref, target, watcher.self());
    return ref;
  }

  /**
   * Monitors the process registered as name from the calling process, as OTP's
   * {@code monitor(process, Name)}: the process holding the name now is monitored (a later holder
   * of the name is not), and the {@link Down} carries the name; with {@code noproc} and no pid at
   * once when nobody holds it. A global name is looked up first; a monitor dropped with
   * {@link #demonitor} meanwhile is not set. Must be called from inside a process.
   */
  public MonitorRef monitor(Name name) {
    Process watcher = requireCurrent("monitor");
    MonitorRef ref = new MonitorRef(id, sequence.incrementAndGet());
    watcher.holdMonitor(ref);
    NamedWatcher named = new NamedWatcher(watcher.self(), name);
    if (name.scope() == Name.Scope.LOCAL) {
      monitorHolder(ref, localNames.holder(name), named);
    } else {
      whereis(name).onComplete((holder, error) -> {
        if (watcher.holdsMonitor(ref)) {
          monitorHolder(ref, holder, named);
        }
      });
    }
    return ref;
  }

  private void monitorHolder(MonitorRef ref, Pid holder, NamedWatcher watcher) {
    if (holder == null) {
      deliver(watcher, new Down(ref, null, ExitReason.noproc()));
    } else {
      addMonitor(ref, holder, watcher);
    }
  }

  /**
   * Stops a monitor held by the calling process. With flush, a {@link Down} for it that is already
   * on its way is dropped, so the process never sees it.
   */
  public void demonitor(MonitorRef ref, boolean flush) {
    Process watcher = requireCurrent("demonitor");
    Pid target = monitors.remove(ref);
    Process process = target == null ? null : local(target);
    boolean stopped = process != null && process.removeWatcher(ref) || cluster != null && cluster.demonitor(ref);
    watcher.releaseMonitor(ref, !stopped, flush);
  }

  /**
   * For code outside processes: a Future of the {@link Down} for target, completed when it exits
   * (with {@code noproc} if it is not alive). A {@code noproc} comes as a message would, after what
   * is already on its way to the caller's context, so that it never overtakes what the dead process
   * sent before it exited (Erlang keeps that order too).
   */
  public Future<Down> watch(Pid target) {
    MonitorRef ref = new MonitorRef(id, sequence.incrementAndGet());
    Promise<Down> down = Promise.promise();
    Context caller = Vertx.currentContext();
    addMonitor(ref, target, down);
    if (caller != null && down.future().isComplete()) {
      Promise<Down> queued = Promise.promise();
      caller.runOnContext(ignored -> queued.handle(down.future()));
      return queued.future();
    }
    return Futures.on(caller, down.future());
  }

  void addMonitor(MonitorRef ref, Pid target, Object watcher) {
    if (!isLocal(target)) {
      if (cluster == null) {
        deliver(watcher, new Down(ref, target, ExitReason.noconnection()));
      } else {
        cluster.monitor(ref, target, watcher);
      }
      return;
    }
    Process process = local(target);
    monitors.put(ref, target);
    if (process == null || !process.addWatcher(ref, watcher)) {
      monitors.remove(ref);
      deliver(watcher, new Down(ref, target, ExitReason.noproc()));
    }
  }

  /** Removes a monitor that a remote watcher no longer wants. */
  void removeWatcher(MonitorRef ref, Pid target) {
    monitors.remove(ref);
    Process process = local(target);
    if (process != null) {
      process.removeWatcher(ref);
    }
  }

  @SuppressWarnings("unchecked")
  void deliver(Object watcher, Down down) {
    if (watcher instanceof Pid pid) {
      deliverTo(pid, down);
    } else if (watcher instanceof NamedWatcher named) {
      deliverTo(named.watcher(), down.named(named.name()));
    } else if (watcher instanceof ClusterLink.RemoteWatcher remote) {
      cluster.sendDown(remote.node(), down);
    } else {
      ((Promise<Down>) watcher).tryComplete(down);
    }
  }

  // ---- names

  /** Registers name for a live process of this node; fails with {@link AlreadyStarted} when taken. */
  public Future<Void> register(Name name, Pid pid) {
    Process process = local(pid);
    if (process == null) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    if (process.name() != null) {
      return Future.failedFuture(new IllegalStateException(pid + " is already registered as " + process.name()));
    }
    return registry(name).compose(registry -> registry.register(name, pid)).onSuccess(ok -> {
      process.setName(name);
      if (!isAlive(pid)) {
        registry(name).onSuccess(registry -> registry.release(name, pid));
      }
    });
  }

  public Future<Void> unregister(Name name) {
    return registry(name).compose(registry -> registry.whereis(name)
      .compose(holder -> {
        Process process = holder == null ? null : local(holder);
        if (process != null) {
          process.setName(null);
        }
        return registry.unregister(name);
      }));
  }

  /** The pid holding name, or null. */
  public Future<Pid> whereis(Name name) {
    return registry(name).compose(registry -> registry.whereis(name));
  }

  /**
   * The keys held in a namespace of the scope ({@code Registry.select} on one namespace in
   * Elixir), or the plain names when namespace is null; in no order. A global namespace needs a
   * clustered node.
   */
  public Future<List<String>> keys(Name.Scope scope, String namespace) {
    return registry(scope, "namespace " + namespace).compose(registry -> registry.keys(namespace));
  }

  // ---- introspection

  /** The pid of the live process of this node whose mailbox is at address, or null. */
  public Pid pidAt(String address) {
    Process process = processes.get(address);
    return process == null ? null : process.self();
  }

  /**
   * The context of the live process at pid on this node, or null: for tools that must place work
   * on the same event loop as a process, or on another one.
   */
  public Context contextOf(Pid pid) {
    Process process = local(pid);
    return process == null ? null : process.context;
  }

  public boolean isAlive(Pid pid) {
    return local(pid) != null;
  }

  /** The ids of the nodes this node can reach: the cluster's members, or only itself when it is not clustered. */
  public Set<String> nodes() {
    return cluster == null ? Set.of(id) : cluster.members();
  }

  /** True when this node is part of a cluster. */
  public boolean isClustered() {
    return cluster != null;
  }

  /** How many event loops the node's processes run on: Vert.x's event-loop pool. */
  public int eventLoopCount() {
    return eventLoops.size();
  }

  /**
   * The index of the event loop running the caller, from 0 to {@link #eventLoopCount()} - 1; for a
   * thread that is none of them, a number fixed for that thread.
   */
  public int callerLoopIndex() {
    int index = eventLoops.indexOf(callerLoop());
    return index >= 0 ? index : (int) Math.floorMod(Thread.currentThread().getId(), (long) eventLoops.size());
  }

  /** The event loop of the caller's event-loop context, or null when the caller runs on none. */
  private static EventLoop callerLoop() {
    return Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()
      ? context.nettyEventLoop()
      : null;
  }

  /** Live processes on this node. */
  public int processCount() {
    return processes.size();
  }

  /** Active monitors: on processes of this node, and held by this node on processes of others. */
  public int monitorCount() {
    return monitors.size() + (cluster == null ? 0 : cluster.monitorCount());
  }

  /** Scheduled messages not yet delivered or cancelled. */
  public int timerCount() {
    return timers.size();
  }

  /** Names held in the node-local registry. */
  public Future<Integer> localNameCount() {
    return localNames.size();
  }

  /** The pid of the process whose context runs the caller. Throws IllegalStateException outside processes. */
  public Pid self() {
    return requireCurrent("self").self();
  }

  // ---- used by processes and supervisors

  /** Admits a starting process: takes its name, enters it in the table, links it to its parent. */
  Future<Void> admit(Process process) {
    Name name = process.name();
    if (name == null) {
      enter(process);
      return Future.succeededFuture();
    }
    return registry(name).compose(registry -> registry.register(name, process.self())).map(ok -> {
      enter(process);
      return null;
    });
  }

  private void enter(Process process) {
    processes.put(process.address(), process);
    Pid parent = process.parent();
    if (parent != null) {
      link(parent, process);
    }
    if (process.isQuiet()) {
      log.debug("{} started", process);
    } else {
      log.info("{} started", process);
    }
  }

  /**
   * Records that a process is gone: cancels its timers, removes the monitors it held on others,
   * frees its name, signals the children it started linked and waits for them to exit, then
   * signals its other links and tells its monitors. So whoever hears of the exit can take its name,
   * and its children's names, again at once (a supervisor restarting a killed child supervisor
   * finds the old grandchildren gone), and a monitor that sees the Down knows the supervisor
   * already has the exit. Completes when all is done.
   */
  Future<Void> exited(Process process, ExitReason reason) {
    Pid pid = process.self();
    boolean admitted = processes.remove(process.address(), process);
    Process.Remains remains = process.die();
    for (Long timer : remains.timers()) {
      cancelTimer(new TimerRef(timer));
    }
    for (MonitorRef held : process.releaseHeldMonitors()) {
      Pid target = monitors.remove(held);
      Process watched = target == null ? null : local(target);
      if (watched != null) {
        watched.removeWatcher(held);
      } else if (target == null && cluster != null) {
        cluster.demonitor(held);
      }
    }
    Name name = process.name();
    Future<Void> released = admitted && name != null
      ? registry(name).compose(registry -> registry.release(name, pid))
      : Future.succeededFuture();
    return released.transform(done -> {
      if (done.failed()) {
        log.error("{} could not free its name {}", process, name, done.cause());
      }
      List<Future<ExitReason>> children = new ArrayList<>();
      List<Pid> others = new ArrayList<>();
      for (Pid linked : remains.links()) {
        Process other = local(linked);
        if (other != null && pid.equals(other.parent())) {
          other.removeLink(pid);
          deliverTo(linked, new Envelope.Signal(pid, reason));
          children.add(other.exitFuture());
        } else {
          others.add(linked);
        }
      }
      return children.isEmpty()
        ? announce(process, reason, admitted, remains, others)
        : childrenGone(children).transform(gone -> announce(process, reason, admitted, remains, others));
    });
  }

  /**
   * Completes once the children have exited, or after {@value #CHILDREN_EXIT_WAIT_MS} ms, whichever
   * comes first: a child whose terminate hangs must not keep its parent's exit from its own parent.
   */
  private Future<?> childrenGone(List<Future<ExitReason>> children) {
    Promise<Void> gone = Promise.promise();
    long timer = vertx.setTimer(CHILDREN_EXIT_WAIT_MS, fired -> gone.tryComplete());
    Future.join(children).onComplete(exited -> {
      vertx.cancelTimer(timer);
      gone.tryComplete();
    });
    return gone.future();
  }

  /** Tells a gone process's other links and its monitors. */
  private Future<Void> announce(Process process, ExitReason reason, boolean admitted, Process.Remains remains, List<Pid> links) {
    Pid pid = process.self();
    for (Pid linked : links) {
      Process other = local(linked);
      if (other != null) {
        other.removeLink(pid);
      }
      deliverTo(linked, new Envelope.Signal(pid, reason));
    }
    remains.watchers().forEach((ref, watcher) -> {
      monitors.remove(ref);
      deliver(watcher, new Down(ref, pid, reason));
    });
    if (admitted && process.isQuiet() && (reason.isNormal() || reason instanceof ExitReason.Killed)) {
      log.debug("{} exited: {}", process, reason);
    } else if (admitted) {
      log.info("{} exited: {}", process, reason);
    }
    return Future.succeededFuture();
  }

  /**
   * Stops a child as its supervisor does: brutal kill, or a shutdown signal from its parent and a
   * kill if it has not exited in time. Completes with its exit reason on the caller's context.
   */
  Future<ExitReason> shutdown(Pid pid, ShutdownPolicy how) {
    Process process = local(pid);
    if (process == null) {
      return Future.succeededFuture(ExitReason.noproc());
    }
    Context caller = Vertx.currentContext();
    if (how instanceof ShutdownPolicy.BrutalKill) {
      process.kill();
    } else {
      process.deliver(new Envelope.Signal(process.parent(), ExitReason.shutdown()));
      if (how instanceof ShutdownPolicy.Timeout timeout) {
        long timer = vertx.setTimer(timeout.millis(), fired -> process.kill());
        process.exitFuture().onComplete(done -> vertx.cancelTimer(timer));
      }
    }
    return Futures.on(caller, process.exitFuture());
  }

  /**
   * Hands an envelope or message to the process at pid: one of this node gets it directly (see
   * {@link Process#deliver}), one of another node through the cluster; a message to a process that
   * has exited is dropped.
   */
  private void deliverTo(Pid pid, Object message) {
    if (isLocal(pid)) {
      Process process = local(pid);
      if (process != null) {
        process.deliver(message);
      }
    } else if (cluster != null) {
      cluster.forward(pid, message);
    }
  }

  /** Hands an envelope or message that came from another node to the process of this node at the address, if it lives. */
  void deliverAt(String address, Object message) {
    Process process = processes.get(address);
    if (process != null) {
      process.deliver(message);
    }
  }

  private boolean isLocal(Pid pid) {
    return pid.node().equals(id);
  }

  private ClusterLink remote(Pid pid) {
    if (cluster == null) {
      throw new ExitException(ExitReason.noconnection());
    }
    return cluster;
  }

  /**
   * Runs the action on the node's own context of the event loop of near: a context that belongs to
   * no process and is never closed, so that what the action starts (a cluster-wide registry
   * operation, a message to another node) is not refused by a process context closed meanwhile.
   * On that event loop's thread it runs at once.
   */
  void runAtHome(Context near, Runnable action) {
    runAtHome(((ContextInternal) near).nettyEventLoop(), action);
  }

  private void runAtHome(EventLoop loop, Runnable action) {
    ContextInternal home = homes.computeIfAbsent(loop, key -> ((VertxInternal) vertx).contextBuilder().withEventLoop(key).build());
    if (home.inThread()) {
      home.dispatch(action);
    } else {
      home.runOnContext(ignored -> action.run());
    }
  }

  /**
   * Runs the action outside any process, on a context of the node's own on the caller's event loop
   * (at once, with no thread hop, when called there): the timers and callbacks it starts belong to
   * no process, so they are not cancelled when the calling process exits. The outcome completes on
   * the caller's context; an action that throws fails it.
   */
  public <T> Future<T> detached(Supplier<Future<T>> action) {
    Context caller = Vertx.currentContext();
    EventLoop near = callerLoop();
    EventLoop loop = near != null ? near : ((VertxInternal) vertx).nettyEventLoopGroup().next();
    Promise<T> outcome = Promise.promise();
    runAtHome(loop, () -> {
      try {
        action.get().onComplete(outcome);
      } catch (RuntimeException error) {
        outcome.fail(error);
      }
    });
    return Futures.on(caller, outcome.future());
  }

  /** The node's event loop at index, counted modulo their number. */
  EventLoop eventLoop(int index) {
    return eventLoops.get(Math.floorMod(index, eventLoops.size()));
  }

  /** The live process at pid on this node, or null. */
  Process local(Pid pid) {
    Process process = processes.get(pid.address());
    return process != null && pid.equals(process.self()) ? process : null;
  }

  /**
   * Removes the link between two processes of this node, both ways, as OTP's {@code unlink}: an
   * exit signal not yet sent through it never will be.
   */
  void unlink(Pid one, Pid other) {
    Process first = local(one);
    if (first != null) {
      first.removeLink(other);
    }
    Process second = local(other);
    if (second != null) {
      second.removeLink(one);
    }
  }

  private void link(Pid parent, Process child) {
    Process parentProcess = local(parent);
    if (parentProcess != null && parentProcess.addLink(child.self())) {
      child.addLink(parent);
    } else {
      child.deliver(new Envelope.Signal(parent, ExitReason.noproc()));
    }
  }

  /** The process of this node whose context runs the caller, or null. */
  Process current() {
    Context context = Vertx.currentContext();
    DeploymentContext deployment = context == null ? null : ((ContextInternal) context).deployment();
    return deployment instanceof Vessel vessel && vessel.process().node() == this ? vessel.process() : null;
  }

  /**
   * Stops every process when Vert.x closes, as OTP stops its applications: each process started
   * without a parent is stopped with {@code shutdown} (a supervisor stops its children in reverse
   * start order first), then any process still alive is killed. The stop does not go through the
   * mailbox: a clustered event bus that is closing may not deliver it.
   */
  private void stopAll(Completable<Void> done) {
    List<Future<ExitReason>> tops = processes.values().stream()
      .filter(process -> process.parent() == null)
      .map(process -> {
        process.exitPastMailbox(ExitReason.shutdown());
        return process.exitFuture();
      })
      .toList();
    Future.join(tops)
      .transform(stopped -> Future.join(processes.values().stream()
        .map(process -> {
          process.kill();
          return process.exitFuture();
        })
        .toList()))
      .onComplete(stopped -> done.succeed());
  }

  private Process requireCurrent(String operation) {
    Process process = current();
    if (process == null) {
      throw new IllegalStateException(operation + " must be called from inside a process");
    }
    return process;
  }

  /**
   * The pid behind dest. Global names are looked up one after another, so that messages sent by
   * name from this node keep the order they were sent in, as they would to a pid.
   */
  private Future<Pid> resolve(Dest dest) {
    if (dest instanceof Pid pid) {
      return Future.succeededFuture(pid);
    }
    Name name = (Name) dest;
    if (name.scope() == Name.Scope.LOCAL) {
      Pid holder = localNames.holder(name);
      return holder == null ? Future.failedFuture(new ExitException(ExitReason.noproc())) : Future.succeededFuture(holder);
    }
    return whereisInOrder(name).compose(pid -> pid == null
      ? Future.failedFuture(new ExitException(ExitReason.noproc()))
      : Future.succeededFuture(pid));
  }

  private synchronized Future<Pid> whereisInOrder(Name name) {
    Future<Pid> lookup = lastGlobalLookup.transform(previous -> whereis(name));
    lastGlobalLookup = lookup;
    return lookup;
  }

  private Future<Registry> registry(Name name) {
    return registry(name.scope(), name.toString());
  }

  private Future<Registry> registry(Name.Scope scope, String what) {
    if (scope == Name.Scope.LOCAL) {
      return Future.succeededFuture(localNames);
    }
    return globalNames == null
      ? Future.failedFuture(new IllegalStateException("no global registry: " + what + " needs a clustered node"))
      : Future.succeededFuture(globalNames);
  }


  private static <T> Future<T> asExit(Throwable error) {
    return Future.failedFuture(error instanceof ExitException ? error : new ExitException(exitReasonOf(error)));
  }

  /** The exit reason a failed request stands for: timeout, noproc, or the reason the server gave. */
  static ExitReason exitReasonOf(Throwable error) {
    if (error instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case TIMEOUT:
          return ExitReason.timeout();
        case NO_HANDLERS:
          return ExitReason.noproc();
        default:
          if (reply.failureCode() == EXIT_FAILURE_CODE) {
            return ExitReason.fromJson(new JsonObject(reply.getMessage()));
          }
      }
    }
    return ExitReason.of(error);
  }
}
