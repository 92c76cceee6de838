package dev.rumbl.infosys;

import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which node of the cluster offers which backends: the cluster manager's shared map {@value #MAP}
 * holds, per node id, the pid of that node's {@link RemoteWorkers} and the names of its enabled
 * backends. An entry is written when a node's InfoSys starts and removed when it stops; the entry
 * of a node that died stays in the map but is ignored, since only nodes that are members of the
 * cluster are read.
 */
final class BackendDirectory {

  static final String MAP = "rumbl.infosys.backends";

  private static final String SERVER = "server";
  private static final String BACKENDS = "backends";

  private BackendDirectory() {
  }

  static Future<Void> publish(Node node, Pid server, List<String> backends) {
    String entry = new JsonObject().put(SERVER, server.toJson()).put(BACKENDS, new JsonArray(backends)).encode();
    return map(node).compose(map -> map.put(node.id(), entry));
  }

  static Future<Void> withdraw(Node node, Pid server) {
    return map(node).compose(map -> map.get(node.id()).compose(entry -> entry != null && server(entry).equals(server)
      ? map.removeIfPresent(node.id(), entry).mapEmpty()
      : Future.succeededFuture()));
  }

  /** The servers of every other live node, by the backend names they offer, in node-id order. */
  static Future<Map<String, List<Pid>>> offers(Node node) {
    Set<String> members = node.nodes();
    return map(node).compose(AsyncMap::entries).map(entries -> {
      Map<String, List<Pid>> offers = new LinkedHashMap<>();
      new TreeMap<>(entries).forEach((nodeId, entry) -> {
        if (!nodeId.equals(node.id()) && members.contains(nodeId)) {
          JsonObject json = new JsonObject(entry);
          Pid server = Pid.fromJson(json.getJsonObject(SERVER));
          json.getJsonArray(BACKENDS).forEach(name -> offers.computeIfAbsent((String) name, key -> new ArrayList<>()).add(server));
        }
      });
      return offers;
    });
  }

  /**
   * The sources of a compute: each named backend here when it is enabled on this node, else on
   * the nodes offering it (in random order, so that computes spread over them); for null names,
   * every backend enabled here and every one offered only elsewhere. Throws {@link InvalidQuery} for a name nobody offers.
   */
  static List<Source> select(Backends.Enabled here, Map<String, List<Pid>> elsewhere, List<String> names) {
    if (names == null && elsewhere.isEmpty()) {
      return here.everyBackendHere();
    }
    List<String> wanted = new ArrayList<>();
    if (names == null) {
      wanted.addAll(here.names());
      elsewhere.keySet().stream().filter(name -> !wanted.contains(name)).forEach(wanted::add);
    } else {
      names.stream().filter(name -> !wanted.contains(name)).forEach(wanted::add);
    }
    List<Source> sources = new ArrayList<>();
    for (String name : wanted) {
      Backend local = here.find(name);
      List<Pid> servers = elsewhere.getOrDefault(name, List.of());
      if (local != null) {
        sources.add(new Source.Here(local));
      } else if (!servers.isEmpty()) {
        List<Pid> shuffled = new ArrayList<>(servers);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        sources.add(new Source.There(name, shuffled));
      } else {
        throw new InvalidQuery("backend '" + name + "' is unknown or disabled; enabled: " + here.names()
          + (elsewhere.isEmpty() ? "" : ", on other nodes: " + elsewhere.keySet()));
      }
    }
    return sources;
  }

  private static Pid server(String entry) {
    return Pid.fromJson(new JsonObject(entry).getJsonObject(SERVER));
  }

  private static Future<AsyncMap<String, String>> map(Node node) {
    return node.vertx().sharedData().getClusterWideMap(MAP);
  }
}
