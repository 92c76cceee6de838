package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The node-local registry: names known on this node only, held in memory, every answer immediate. */
final class LocalRegistry implements Registry {

  private final Map<Name, Pid> names = new ConcurrentHashMap<>();

  @Override
  public Name.Scope scope() {
    return Name.Scope.LOCAL;
  }

  @Override
  public Future<Void> register(Name name, Pid pid) {
    Pid holder = names.putIfAbsent(name, pid);
    if (holder != null && !holder.equals(pid)) {
      return Future.failedFuture(new AlreadyStarted(name, holder));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unregister(Name name) {
    names.remove(name);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> release(Name name, Pid pid) {
    names.remove(name, pid);
    return Future.succeededFuture();
  }

  @Override
  public Future<Pid> whereis(Name name) {
    return Future.succeededFuture(names.get(name));
  }

  /** The holder of name, or null, without a Future: for the node's own lookups on its hot paths. */
  Pid holder(Name name) {
    return names.get(name);
  }

  @Override
  public Future<List<String>> keys(String namespace) {
    return Future.succeededFuture(names.keySet().stream()
      .filter(name -> Objects.equals(name.namespace(), namespace))
      .map(Name::value)
      .toList());
  }

  @Override
  public Future<Integer> size() {
    return Future.succeededFuture(names.size());
  }
}
