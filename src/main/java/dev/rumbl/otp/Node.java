package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Closeable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The OTP runtime of one Vert.x instance: its process table, names, monitors, links and timers,
 * and the operations of Elixir's {@code Process} and {@code GenServer} modules. Messages between its
 * own processes go straight to the receiver's context; messages to other nodes go over the event
 * bus. {@link #of(Vertx)} gives the one node of a Vert.x instance; every method may be
 * called from any thread, and Futures complete on the caller's context.
 *
 * <p>A process on another node is reached by its pid or, as OTP's {@code {Name, Node}}, by a local
 * name there ({@link NodeName}): sends, calls, casts, stops and monitors by name are looked up on
 * that node when they arrive; a call or monitor to a node that is not in the cluster, or is lost,
 * answers {@code noconnection} (a send is dropped, as in Erlang).
 *
 * <p>Defaults, as in OTP: a call times out after {@value #DEFAULT_CALL_TIMEOUT_MS} ms.
 * A process runs on its own context, placed on Vert.x's event loops in turn as deployments are
 * unless its child spec says otherwise ({@link Placement});
 * which process outlives which is decided by links and supervisors alone. When Vert.x closes, the
 * node stops its processes first.
 *
 * <p>Node is the public face; it keeps the process table and messaging (send, call, cast, exit
 * signals) itself, so that a message between local processes takes no detour, and hands each other
 * concept to the package-private collaborator named after it: {@link Names}, {@link Monitors},
 * {@link Timers}, {@link Lifecycle} (admission, links, exits, shutdown), {@link Homes} (event
 * loops and the node's own contexts) and {@link Wire} (what crosses to other nodes, and the exit
 * reason a failed request to another node stands for).
 */
public final class Node implements Shareable {

  public static final long DEFAULT_CALL_TIMEOUT_MS = 5000;
  /**
   * OTP's {@code infinity} for a call: a call with this timeout or a longer one waits as long as
   * the server takes, and a call to a process of this node sets no timer for it (a call to another
   * node still gives it to the event bus, which needs one).
   */
  public static final long INFINITE_TIMEOUT_MS = 365L * 24 * 3600 * 1000;

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final String id;
  private final Sequence sequence = new Sequence();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Homes homes;
  private final Names names;
  private final Timers timers;
  private final Monitors monitors;
  private final Lifecycle lifecycle;
  private final ClusterLink cluster;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder restarts = new LongAdder();
  private final boolean sharesContexts;

  private Node(Vertx vertx) {
    this.vertx = vertx;
    this.homes = new Homes(vertx);
    this.sharesContexts = VertxInternals.knowsProcessLocal(vertx);
    EventBus bus = vertx.eventBus();
    bus.registerCodec(new LocalCodec<>());
    bus.codecSelector(body -> LocalCodec.NAME);
    ClusterManager clusterManager = VertxInternals.clusterManager(vertx);
    ClusterRegistry globalNames = clusterManager == null ? null : new ClusterRegistry(vertx);
    this.id = clusterManager == null ? UUID.randomUUID().toString().substring(0, 8) : clusterManager.getNodeId();
    this.names = new Names(this, globalNames);
    this.timers = new Timers(this, sequence);
    this.monitors = new Monitors(this, names, sequence);
    this.lifecycle = new Lifecycle(this, processes, names, timers, monitors);
    VertxInternals.addCloseHook(vertx, lifecycle::stopAll);
    this.cluster = clusterManager == null ? null : new ClusterLink(this, vertx, clusterManager, globalNames);
    if (cluster != null) {
      cluster.start();
    }
  }

  /** The node of this Vert.x instance, created on first use. */
  public static Node of(Vertx vertx) {
    return vertx.sharedData().<String, Node>getLocalMap("rumbl.otp").computeIfAbsent("node", key -> new Node(vertx));
  }
  /**
   * Runs hook when Vert.x closes, before Vert.x undeploys its verticles and closes its event loops
   * (Vert.x offers this on its internal API only): for an application that stops its own tree in
   * order, with its own logs; the node stops whatever is left after. {@link #removeCloseHook} drops it.
   */
  public void addCloseHook(Closeable hook) {
    VertxInternals.addCloseHook(vertx, hook);
  }

  /** Drops a hook added with {@link #addCloseHook}. */
  public void removeCloseHook(Closeable hook) {
    VertxInternals.removeCloseHook(vertx, hook);
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
      process.bind(this, "rumbl.pid." + id + "." + sequence.next(), parent);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    Context caller = Vertx.currentContext();
    EventLoop loop = process.placement() != null ? process.placement() : homes.next();
    return Futures.on(caller, process.begin(vertx, loop));
  }

  // ---- messages

  /**
   * Sends a message to the mailbox; fails with {@code noproc} only when a name is not registered,
   * and with IllegalArgumentException when a message for another node is not JSON. A {@link
   * NodeName} of another node is looked up there on arrival: the message is dropped there when
   * nobody holds the name, or when the node is not reachable, as in Erlang.
   */
  public Future<Void> send(Dest dest, Object message) {
    if (dest instanceof NodeName remote && !isLocalNode(remote)) {
      try {
        forwardTo(remote, message);
        return Future.succeededFuture();
      } catch (IllegalArgumentException notJson) {
        return Future.failedFuture(notJson);
      }
    }
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
   * reason is {@code timeout} after timeoutMs (a later reply is dropped; never with
   * {@link #INFINITE_TIMEOUT_MS} or longer), {@code noproc} when no
   * process lives at dest, or the server's exit reason when it exits before replying.
   */
  public <R> Future<R> call(Dest dest, Object request, long timeoutMs) {
    if (dest instanceof NodeName remote && !isLocalNode(remote)) {
      return cluster == null
        ? Future.failedFuture(new ExitException(ExitReason.noconnection()))
        : cluster.<R>call(remote, request, timeoutMs).recover(Wire::asExit);
    }
    if (!(dest instanceof Pid pid)) {
      Future<Pid> resolved = resolve(dest);
      return resolved.succeeded() ? call(resolved.result(), request, timeoutMs) : resolved.compose(holder -> call(holder, request, timeoutMs));
    }
    if (!isLocal(pid)) {
      return remote(pid).<R>call(pid, request, timeoutMs).recover(Wire::asExit);
    }
    Process server = local(pid);
    if (server == null) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    From from = new From(server, VertxInternals.callerContext(vertx), Math.max(1, timeoutMs));
    if (!server.ties().admitCall(from)) {
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
      From from = new From(server, VertxInternals.callerContext(vertx), Math.max(1, timeoutMs));
      if (!server.ties().admitCall(from)) {
        return Future.failedFuture(new ExitException(ExitReason.noproc()));
      }
      server.deliver(new Envelope.System(request, from));
      return from.answer();
    });
  }

  /** An asynchronous request; never fails, also when nobody lives at dest. */
  public void cast(Dest dest, Object request) {
    if (dest instanceof NodeName remote && !isLocalNode(remote)) {
      try {
        forwardTo(remote, new Envelope.Cast(request));
      } catch (IllegalArgumentException notJson) {
        log.warn("cast to {} dropped: {}", remote, notJson.getMessage());
      }
      return;
    }
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
   * Calls the server registered as the local name on every node of the cluster, this one first,
   * with the default timeout of {@value #DEFAULT_CALL_TIMEOUT_MS} ms: OTP's
   * {@code gen_server:multi_call(Name, Request)}. OTP waits forever by default; here every call
   * has a deadline, so that a server that never answers cannot hold the caller.
   */
  public <R> Future<MultiCallResult<R>> multiCall(Name name, Object request) {
    return multiCall(everyNode(), name, request, DEFAULT_CALL_TIMEOUT_MS);
  }

  /**
   * Calls the server registered as the local name on each of nodes at once, OTP's
   * {@code gen_server:multi_call(Nodes, Name, Request, Timeout)}: completes once every node
   * replied or failed, within about timeoutMs, with the replies and the bad nodes (see {@link
   * MultiCallResult}); never fails for a node's sake. Fails with IllegalArgumentException for a
   * global name, or a request that is not JSON when another node is asked.
   */
  public <R> Future<MultiCallResult<R>> multiCall(Collection<String> nodes, Name name, Object request, long timeoutMs) {
    return MultiCalls.call(this, nodes, name, request, timeoutMs);
  }

  /**
   * Casts request to the server registered as the local name on every node of the cluster, OTP's
   * {@code gen_server:abcast(Name, Request)}: fire and forget; a node without the name drops it.
   */
  public void abcast(Name name, Object request) {
    abcast(everyNode(), name, request);
  }

  /** As {@link #abcast(Name, Object)} on the given nodes, OTP's {@code gen_server:abcast(Nodes, Name, Request)}. */
  public void abcast(Collection<String> nodes, Name name, Object request) {
    MultiCalls.abcast(this, nodes, name, request);
  }

  /** This node, then the other members of the cluster in the order of their ids. */
  private List<String> everyNode() {
    List<String> every = new ArrayList<>(List.of(id));
    nodes().stream().filter(other -> !other.equals(id)).sorted().forEach(every::add);
    return every;
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
      Pid holder = names.localHolder(name);
      if (holder != null) {
        exit(holder, reason);
      }
      return;
    }
    Process caller = current();
    Pid sender = caller == null ? null : caller.self();
    names.whereisInOrder(name).onSuccess(holder -> {
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
    return timers.sendAfter(dest, message, delayMs);
  }

  /** Cancels a scheduled message; false when it was already delivered or cancelled. */
  public boolean cancelTimer(TimerRef timer) {
    return timers.cancel(timer);
  }

  // ---- monitors

  /**
   * Monitors target from the calling process: it will receive exactly one {@link Down} with this
   * ref, with reason {@code noproc} at once if target is not alive. Must be called from inside a process.
   */
  public MonitorRef monitor(Pid target) {
    return monitors.monitor(requireCurrent("monitor"), target);
  }

  /**
   * Monitors the process registered as name from the calling process, as OTP's
   * {@code monitor(process, Name)}: the process holding the name now is monitored (a later holder
   * of the name is not), and the {@link Down} carries the name (and, for a local name, this node,
   * as OTP's {@code {Name, node()}}); with {@code noproc} and no pid at
   * once when nobody holds it. A global name is looked up first; a monitor dropped with
   * {@link #demonitor} meanwhile is not set. Must be called from inside a process.
   */
  public MonitorRef monitor(Name name) {
    return monitors.monitor(requireCurrent("monitor"), name);
  }

  /**
   * Monitors the process registered as a local name on a given node from the calling process, as
   * OTP's {@code monitor(process, {RegName, Node})}: the name is looked up on that node when the
   * monitor arrives there, and the process holding it then is monitored (a later holder is not).
   * Its {@link Down} carries the name and the node; the reason is {@code noproc} when nobody holds
   * the name there, and {@code noconnection} when the node is not in the cluster or leaves it
   * while monitored (then with no pid: only that node knew the holder). The name on this node is
   * {@link #monitor(Name)}. Must be called from inside a process.
   */
  public MonitorRef monitor(NodeName target) {
    return monitors.monitor(requireCurrent("monitor"), target);
  }

  /**
   * Stops a monitor held by the calling process. With flush, a {@link Down} for it that is already
   * on its way is dropped, so the process never sees it.
   */
  public void demonitor(MonitorRef ref, boolean flush) {
    monitors.demonitor(requireCurrent("demonitor"), ref, flush);
  }

  /**
   * For code outside processes: a Future of the {@link Down} for target, completed when it exits
   * (with {@code noproc} if it is not alive). A {@code noproc} comes as a message would, after what
   * is already on its way to the caller's context, so that it never overtakes what the dead process
   * sent before it exited (Erlang keeps that order too).
   */
  public Future<Down> watch(Pid target) {
    return monitors.watch(target);
  }

  /** Sets a monitor of watcher on target; a Down at once when it cannot be set. */
  void addMonitor(MonitorRef ref, Pid target, Object watcher) {
    monitors.add(ref, target, watcher);
  }

  /** Removes a monitor that a remote watcher no longer wants. */
  void removeWatcher(MonitorRef ref) {
    monitors.removeWatcher(ref);
  }

  /** Hands a Down to its watcher. */
  void deliver(Object watcher, Down down) {
    monitors.deliver(watcher, down);
  }

  // ---- names

  /** Registers name for a live process of this node; fails with {@link AlreadyStarted} when taken. */
  public Future<Void> register(Name name, Pid pid) {
    return names.register(name, pid);
  }

  public Future<Void> unregister(Name name) {
    return names.unregister(name);
  }

  /** The pid holding name, or null. */
  public Future<Pid> whereis(Name name) {
    return names.whereis(name);
  }

  /**
   * The keys held in a namespace of the scope ({@code Registry.select} on one namespace in
   * Elixir), or the plain names when namespace is null; in no order. A global namespace needs a
   * clustered node.
   */
  public Future<List<String>> keys(Name.Scope scope, String namespace) {
    return names.keys(scope, namespace);
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
    return homes.count();
  }

  /**
   * The index of the event loop running the caller, from 0 to {@link #eventLoopCount()} - 1; for a
   * thread that is none of them, a number fixed for that thread.
   */
  public int callerLoopIndex() {
    return homes.callerLoopIndex();
  }

  /** Live processes on this node. */
  public int processCount() {
    return processes.size();
  }

  /** Active monitors: on processes of this node, and held by this node on processes of others. */
  public int monitorCount() {
    return monitors.count() + (cluster == null ? 0 : cluster.monitorCount());
  }

  /** Scheduled messages not yet delivered or cancelled. */
  public int timerCount() {
    return timers.count();
  }

  /**
   * Messages handed to the mailboxes of this node's processes since the node started: sends,
   * calls, casts, signals and Downs between processes and from other nodes (not plain Vert.x
   * messages to a process's address). Only counts up; for load figures.
   */
  public long messagesDelivered() {
    return delivered.sum();
  }

  /** Children restarted by this node's supervisors since the node started (one per restart decision). Only counts up. */
  public long restartCount() {
    return restarts.sum();
  }

  /**
   * What the node knows of the live process at pid, as Erlang's {@code process_info/1} (see
   * {@link ProcessInfo}): empty when no process of this node lives there (Erlang's
   * {@code undefined}), a pid of another node included. Cheap, from any thread: it never asks the
   * process, takes no lock but the process's own ties, and allocates only the answer.
   */
  public Optional<ProcessInfo> processInfo(Pid pid) {
    Process process = isLocal(Objects.requireNonNull(pid, "pid")) ? local(pid) : null;
    return process == null ? Optional.empty() : Optional.of(ProcessInfo.of(process, monitors));
  }

  /**
   * A summary of the state of the live process at pid, never its raw state: a {@link GenServer}'s
   * through its {@link GenServer#formatStatus} (asked as {@link Sys#getStatus} does, so it waits its
   * turn in the mailbox and fails with {@code timeout} after timeoutMs), any other process's as its
   * class and the bounded description it gives crash reports. Fails with {@code noproc} when no
   * process of this node lives at pid.
   */
  public Future<String> processState(Pid pid, long timeoutMs) {
    Process process = isLocal(Objects.requireNonNull(pid, "pid")) ? local(pid) : null;
    if (process == null) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    if (process instanceof GenServer<?>) {
      return Sys.getStatus(this, pid, timeoutMs).map(Sys.Status::state);
    }
    return Future.succeededFuture(process.getClass().getSimpleName() + ": " + process.describeState());
  }

  /** Counts a message handed to a mailbox of this node. */
  void countDelivered() {
    delivered.increment();
  }

  /** Counts a restart decided by a supervisor of this node. */
  void countRestart() {
    restarts.increment();
  }

  /** Names held in the node-local registry. */
  public Future<Integer> localNameCount() {
    return names.localCount();
  }

  /** The pid of the process whose context runs the caller. Throws IllegalStateException outside processes. */
  public Pid self() {
    return requireCurrent("self").self();
  }

  // ---- used by processes and supervisors

  /** Admits a starting process: see {@link Lifecycle#admit}. */
  Future<Void> admit(Process process) {
    return lifecycle.admit(process);
  }

  /** Records that a process is gone: see {@link Lifecycle#exited}. */
  Future<Void> exited(Process process, ExitReason reason) {
    return lifecycle.exited(process, reason);
  }

  /** Stops a child as its supervisor does: see {@link Lifecycle#shutdown}. */
  Future<ExitReason> shutdown(Pid pid, ShutdownPolicy how) {
    return lifecycle.shutdown(pid, how);
  }

  /** Removes the link between two processes of this node, both ways: see {@link Lifecycle#unlink}. */
  void unlink(Pid one, Pid other) {
    lifecycle.unlink(one, other);
  }

  /**
   * Hands an envelope or message to the process at pid: one of this node gets it directly (see
   * {@link Process#deliver}), one of another node through the cluster; a message to a process that
   * has exited is dropped.
   */
  void deliverTo(Pid pid, Object message) {
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

  /** Hands a message to the name on another node, which looks it up on arrival; dropped when the node is not reachable. */
  private void forwardTo(NodeName remote, Object message) {
    if (cluster != null) {
      cluster.forward(remote, message);
    }
  }

  /** The holder of a local name of this node, or null. */
  Pid localHolder(Name name) {
    return names.localHolder(name);
  }

  /** True when a {@link NodeName} names this node. */
  boolean isLocalNode(NodeName at) {
    return at.node().equals(id);
  }

  /** True when pid names a process of this node (alive or not). */
  boolean isLocal(Pid pid) {
    return pid.node().equals(id);
  }

  private ClusterLink remote(Pid pid) {
    if (cluster == null) {
      throw new ExitException(ExitReason.noconnection());
    }
    return cluster;
  }

  /** Runs the action on the node's own context of the event loop of near: see {@link Homes#runAtHome}. */
  void runAtHome(Context near, Runnable action) {
    homes.runAtHome(near, action);
  }

  /**
   * Runs the action outside any process, on a context of the node's own on the caller's event loop
   * (at once, with no thread hop, when called there): the timers and callbacks it starts belong to
   * no process, so they are not cancelled when the calling process exits. The outcome completes on
   * the caller's context; an action that throws fails it.
   */
  public <T> Future<T> detached(Supplier<Future<T>> action) {
    return homes.detached(action);
  }

  /** True when processes may share a context per event loop (see {@link Process#withSharedContext()}). */
  boolean sharesContexts() {
    return sharesContexts;
  }

  /** The context shared by the processes of the event loop that ask for one: see {@link Homes#shared}. */
  Context sharedContext(EventLoop loop) {
    return homes.shared(loop);
  }

  /** The node's event loop at index, counted modulo their number. */
  EventLoop eventLoop(int index) {
    return homes.eventLoop(index);
  }

  /** The cluster link, or null when the node is not clustered. */
  ClusterLink cluster() {
    return cluster;
  }

  /** The live process at pid on this node, or null. */
  Process local(Pid pid) {
    Process process = processes.get(pid.address());
    return process != null && pid.equals(process.self()) ? process : null;
  }

  /** The process of this node whose context runs the caller, or null. */
  Process current() {
    Process process = VertxInternals.processOf(Vertx.currentContext());
    return process != null && process.node() == this ? process : null;
  }

  private Process requireCurrent(String operation) {
    Process process = current();
    if (process == null) {
      throw new IllegalStateException(operation + " must be called from inside a process");
    }
    return process;
  }

  private Future<Pid> resolve(Dest dest) {
    return names.resolve(dest);
  }
}
