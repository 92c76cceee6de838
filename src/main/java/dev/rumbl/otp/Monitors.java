package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's monitors ({@code Process.monitor}, {@code demonitor}, and {@link Down}): a concurrent
 * table from each monitor on a process of this node to its target; the watchers themselves are
 * kept by the target process, monitors on other nodes by the cluster link. A watcher is a pid, a
 * pid monitoring by name, a remote node's watcher, or the promise of a {@link Node#watch}; each
 * gets exactly one Down.
 */
final class Monitors {

  /** A watcher that monitors by name: its Down carries the name and the node it was looked up on (null for a global name). */
  private record NamedWatcher(Pid watcher, Name name, String node) {
  }

  private final Node node;
  private final Names names;
  private final Sequence sequence;
  private final Map<MonitorRef, Pid> monitors = new ConcurrentHashMap<>();

  Monitors(Node node, Names names, Sequence sequence) {
    this.node = node;
    this.names = names;
    this.sequence = sequence;
  }

  /** The process watching through watcher (a pid, or a pid monitoring by name), or null for any other watcher. */
  static Pid watcherPid(Object watcher) {
    return watcher instanceof Pid pid ? pid : watcher instanceof NamedWatcher named ? named.watcher() : null;
  }

  /** The process of this node that the monitor ref is on, or null when it is on another node or gone. */
  Pid targetOf(MonitorRef ref) {
    return monitors.get(ref);
  }

  /** See {@link Node#monitor(Pid)}. */
  MonitorRef monitor(Process watcher, Pid target) {
    MonitorRef ref = held(watcher);
    add(ref, target, watcher.self());
    return ref;
  }

  /** See {@link Node#monitor(Name)}. */
  MonitorRef monitor(Process watcher, Name name) {
    MonitorRef ref = held(watcher);
    NamedWatcher named = new NamedWatcher(watcher.self(), name, name.scope() == Name.Scope.LOCAL ? node.id() : null);
    if (name.scope() == Name.Scope.LOCAL) {
      monitorHolder(ref, names.localHolder(name), named);
    } else {
      names.whereis(name).onComplete((holder, error) -> {
        if (watcher.ties().holdsMonitor(ref)) {
          monitorHolder(ref, holder, named);
        }
      });
    }
    return ref;
  }

  /**
   * See {@link Node#monitor(NodeName)}: the name on this node is monitored as a local name; on
   * another node it is looked up there when the monitor arrives, by the cluster link.
   */
  MonitorRef monitor(Process watcher, NodeName at) {
    if (node.isLocalNode(at)) {
      return monitor(watcher, at.name());
    }
    MonitorRef ref = held(watcher);
    NamedWatcher named = new NamedWatcher(watcher.self(), at.name(), at.node());
    ClusterLink cluster = node.cluster();
    if (cluster == null) {
      deliver(named, new Down(ref, null, ExitReason.noconnection()));
    } else {
      cluster.monitor(ref, at, named);
    }
    return ref;
  }

  /** A new monitor ref, held by watcher until it demonitors or receives its Down. */
  private MonitorRef held(Process watcher) {
    MonitorRef ref = new MonitorRef(node.id(), sequence.next());
    watcher.ties().holdMonitor(ref);
    return ref;
  }

  private void monitorHolder(MonitorRef ref, Pid holder, NamedWatcher watcher) {
    if (holder == null) {
      deliver(watcher, new Down(ref, null, ExitReason.noproc()));
    } else {
      add(ref, holder, watcher);
    }
  }

  /** See {@link Node#demonitor(MonitorRef, boolean)}. */
  void demonitor(Process watcher, MonitorRef ref, boolean flush) {
    Pid target = monitors.remove(ref);
    Process process = target == null ? null : node.local(target);
    ClusterLink cluster = node.cluster();
    boolean stopped = process != null && process.ties().removeWatcher(ref) || cluster != null && cluster.demonitor(ref);
    watcher.ties().releaseMonitor(ref, !stopped, flush);
  }

  /** See {@link Node#watch(Pid)}. */
  Future<Down> watch(Pid target) {
    MonitorRef ref = new MonitorRef(node.id(), sequence.next());
    Promise<Down> down = Promise.promise();
    Context caller = Vertx.currentContext();
    add(ref, target, down);
    if (caller != null && down.future().isComplete()) {
      Promise<Down> queued = Promise.promise();
      caller.runOnContext(ignored -> queued.handle(down.future()));
      return queued.future();
    }
    return Futures.on(caller, down.future());
  }

  /** Sets a monitor of watcher on target, on this node or another; a Down at once when it cannot be set. */
  void add(MonitorRef ref, Pid target, Object watcher) {
    ClusterLink cluster = node.cluster();
    if (!node.isLocal(target)) {
      if (cluster == null) {
        deliver(watcher, new Down(ref, target, ExitReason.noconnection()));
      } else {
        cluster.monitor(ref, target, watcher);
      }
      return;
    }
    Process process = node.local(target);
    monitors.put(ref, target);
    if (process == null || !process.ties().addWatcher(ref, watcher)) {
      monitors.remove(ref);
      deliver(watcher, new Down(ref, target, ExitReason.noproc()));
    }
  }

  /**
   * Removes a monitor that a remote watcher no longer wants, from whichever process of this node it
   * was set on (the watcher's node may not know it: a monitor by {@link NodeName}).
   */
  void removeWatcher(MonitorRef ref) {
    Pid target = monitors.remove(ref);
    Process process = target == null ? null : node.local(target);
    if (process != null) {
      process.ties().removeWatcher(ref);
    }
  }

  /** Drops the monitors a gone process held on others. */
  void releaseHeldBy(Process process) {
    ClusterLink cluster = node.cluster();
    for (MonitorRef held : process.ties().releaseHeldMonitors()) {
      Pid target = monitors.remove(held);
      Process watched = target == null ? null : node.local(target);
      if (watched != null) {
        watched.ties().removeWatcher(held);
      } else if (target == null && cluster != null) {
        cluster.demonitor(held);
      }
    }
  }

  /** Tells each watcher of a gone process its Down. */
  void tellWatchers(Map<MonitorRef, Object> watchers, Pid pid, ExitReason reason) {
    watchers.forEach((ref, watcher) -> {
      monitors.remove(ref);
      deliver(watcher, new Down(ref, pid, reason));
    });
  }

  /** Hands a Down to its watcher, whatever kind of watcher it is. */
  @SuppressWarnings("unchecked")
  void deliver(Object watcher, Down down) {
    if (watcher instanceof Pid pid) {
      node.deliverTo(pid, down);
    } else if (watcher instanceof NamedWatcher named) {
      node.deliverTo(named.watcher(), down.named(named.name(), named.node()));
    } else if (watcher instanceof ClusterLink.RemoteWatcher remote) {
      node.cluster().sendDown(remote.node(), down);
    } else {
      ((Promise<Down>) watcher).tryComplete(down);
    }
  }

  /** Monitors on processes of this node. */
  int count() {
    return monitors.size();
  }
}
