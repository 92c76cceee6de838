package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.List;

/**
 * The node's names ({@code register}, {@code whereis}, {@code {:via, Registry, ...}}): local names in
 * the node's own registry, global names in the cluster's (none when the node is not clustered).
 * Global lookups for messages are chained one after another under this object's lock, so that
 * messages sent by name keep the order they were sent in.
 */
final class Names {

  private final Node node;
  private final LocalRegistry localNames = new LocalRegistry();
  private final ClusterRegistry globalNames;
  private Future<Pid> lastGlobalLookup = Future.succeededFuture();

  Names(Node node, ClusterRegistry globalNames) {
    this.node = node;
    this.globalNames = globalNames;
  }

  /** See {@link Node#register(Name, Pid)}. */
  Future<Void> register(Name name, Pid pid) {
    Process process = node.local(pid);
    if (process == null) {
      return Future.failedFuture(new ExitException(ExitReason.noproc()));
    }
    if (process.name() != null) {
      return Future.failedFuture(new IllegalStateException(pid + " is already registered as " + process.name()));
    }
    return registry(name).compose(registry -> registry.register(name, pid)).onSuccess(ok -> {
      process.setName(name);
      if (!node.isAlive(pid)) {
        registry(name).onSuccess(registry -> registry.release(name, pid));
      }
    });
  }

  /** Takes name for a starting process; fails with {@link AlreadyStarted} when taken. */
  Future<Void> take(Name name, Pid pid) {
    return registry(name).compose(registry -> registry.register(name, pid));
  }

  /** Frees name if pid still holds it. */
  Future<Void> release(Name name, Pid pid) {
    return registry(name).compose(registry -> registry.release(name, pid));
  }

  Future<Void> unregister(Name name) {
    return registry(name).compose(registry -> registry.whereis(name)
      .compose(holder -> {
        Process process = holder == null ? null : node.local(holder);
        if (process != null) {
          process.setName(null);
        }
        return registry.unregister(name);
      }));
  }

  Future<Pid> whereis(Name name) {
    return registry(name).compose(registry -> registry.whereis(name));
  }

  /** The holder of a local name, or null. */
  Pid localHolder(Name name) {
    return localNames.holder(name);
  }

  Future<List<String>> keys(Name.Scope scope, String namespace) {
    return registry(scope, "namespace " + namespace).compose(registry -> registry.keys(namespace));
  }

  Future<Integer> localCount() {
    return localNames.size();
  }

  /**
   * The pid behind dest. Global names are looked up one after another, so that messages sent by
   * name from this node keep the order they were sent in, as they would to a pid.
   */
  Future<Pid> resolve(Dest dest) {
    if (dest instanceof Pid pid) {
      return Future.succeededFuture(pid);
    }
    if (dest instanceof NodeName at) {
      return resolve(at);
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

  /**
   * The pid behind a local name on a node: looked up here for this node, else asked of that node
   * ({@code noconnection} when it is not in the cluster, {@code noproc} when nobody holds the name).
   */
  private Future<Pid> resolve(NodeName at) {
    if (node.isLocalNode(at)) {
      return resolve(at.name());
    }
    ClusterLink cluster = node.cluster();
    if (cluster == null) {
      return Future.failedFuture(new ExitException(ExitReason.noconnection()));
    }
    return cluster.whereis(at).compose(pid -> pid == null
      ? Future.failedFuture(new ExitException(ExitReason.noproc()))
      : Future.succeededFuture(pid));
  }

  /** Looks name up after every global lookup asked for before it. */
  synchronized Future<Pid> whereisInOrder(Name name) {
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
}
