package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The node-local registry: names known on this node only, held in memory, every answer immediate. */
final class LocalRegistry implements Registry {

  private final Map<String, Pid> names = new ConcurrentHashMap<>();

  @Override
  public Name.Scope scope() {
    return Name.Scope.LOCAL;
  }

  @Override
  public Future<Void> register(String name, Pid pid) {
    Pid holder = names.putIfAbsent(name, pid);
    if (holder != null && !holder.equals(pid)) {
      return Future.failedFuture(new AlreadyStarted(Name.local(name), holder));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unregister(String name) {
    names.remove(name);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> release(String name, Pid pid) {
    names.remove(name, pid);
    return Future.succeededFuture();
  }

  @Override
  public Future<Pid> whereis(String name) {
    return Future.succeededFuture(names.get(name));
  }

  /** The holder of name, or null, without a Future: for the node's own lookups on its hot paths. */
  Pid holder(String name) {
    return names.get(name);
  }

  @Override
  public Future<Integer> size() {
    return Future.succeededFuture(names.size());
  }
}
