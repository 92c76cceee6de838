package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster-wide registry of {@link Name.Scope#GLOBAL} names, kept in the cluster manager's
 * shared map {@value #MAP}: a name is held by one pid anywhere in the cluster, freed when that
 * process exits, and freed when its node leaves the cluster. A name's key in the map is the JSON
 * array {@code [namespace, value]} (namespace null for a plain name), so names of different
 * namespaces never share a key.
 */
final class ClusterRegistry implements Registry {

  static final String MAP = "rumbl.global-names";

  private final Future<AsyncMap<String, String>> map;

  ClusterRegistry(Vertx vertx) {
    map = vertx.sharedData().getClusterWideMap(MAP);
  }

  @Override
  public Name.Scope scope() {
    return Name.Scope.GLOBAL;
  }

  @Override
  public Future<Void> register(Name name, Pid pid) {
    String holder = encode(pid);
    return map.compose(names -> names.putIfAbsent(key(name), holder)).compose(previous ->
      previous == null || previous.equals(holder)
        ? Future.succeededFuture()
        : Future.failedFuture(new AlreadyStarted(name, decode(previous))));
  }

  @Override
  public Future<Void> unregister(Name name) {
    return map.compose(names -> names.remove(key(name))).mapEmpty();
  }

  @Override
  public Future<Void> release(Name name, Pid pid) {
    return map.compose(names -> names.removeIfPresent(key(name), encode(pid))).mapEmpty();
  }

  @Override
  public Future<Pid> whereis(Name name) {
    return map.compose(names -> names.get(key(name))).map(holder -> holder == null ? null : decode(holder));
  }

  @Override
  public Future<List<String>> keys(String namespace) {
    return map.compose(AsyncMap::keys).map(keys -> keys.stream()
      .map(JsonArray::new)
      .filter(key -> Objects.equals(key.getString(0), namespace))
      .map(key -> key.getString(1))
      .toList());
  }

  @Override
  public Future<Integer> size() {
    return map.compose(AsyncMap::size);
  }

  /** Frees every name held by a process of a node that left the cluster. */
  Future<Void> forgetNode(String nodeId) {
    return map.compose(names -> names.entries().compose(entries -> {
      Future<Void> all = Future.succeededFuture();
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        if (decode(entry.getValue()).node().equals(nodeId)) {
          all = all.compose(previous -> names.removeIfPresent(entry.getKey(), entry.getValue()).mapEmpty());
        }
      }
      return all;
    }));
  }

  private static String key(Name name) {
    return new JsonArray().add(name.namespace()).add(name.value()).encode();
  }

  private static String encode(Pid pid) {
    return pid.toJson().encode();
  }

  private static Pid decode(String holder) {
    return Pid.fromJson(new JsonObject(holder));
  }
}
