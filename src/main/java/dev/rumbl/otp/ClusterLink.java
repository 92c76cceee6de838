package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the process protocol between nodes of a cluster. Processes keep node-local mailboxes;
 * each node has one cluster-wide address, {@code rumbl.node.<id>}, where this link receives what
 * other nodes send to its processes, as JSON ({@link Wire}), and hands it to the local process,
 * named by its pid's address or by a local name looked up on arrival ({@link NodeName}).
 * It also keeps the monitors this node holds on remote processes, by pid or by a local name
 * there ({@link NodeName}, looked up when the monitor arrives), and watches the cluster's members:
 * when a node leaves, every such monitor on its processes gets {@code noconnection}, and the names
 * its processes held are freed.
 */
final class ClusterLink {

  static final long MEMBERSHIP_POLL_MS = 500;

  private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);

  private final Node node;
  private final Vertx vertx;
  private final ClusterManager clusterManager;
  private final ClusterRegistry names;
  private final Map<MonitorRef, Outgoing> outgoing = new ConcurrentHashMap<>();
  private final Set<String> members = ConcurrentHashMap.newKeySet();
  private final Set<PendingCall> pendingCalls = ConcurrentHashMap.newKeySet();

  /** A monitor this node holds on a process of another node; target is null for a monitor by name, whose holder only that node knows. */
  private record Outgoing(String node, Pid target, Object watcher) {
  }

  /** A call waiting for a process of another node. */
  private record PendingCall(String node, Promise<?> answer) {
  }

  /** A monitor held by a process (or watch) on another node: its Down goes to that node. */
  record RemoteWatcher(String node) {
  }

  ClusterLink(Node node, Vertx vertx, ClusterManager clusterManager, ClusterRegistry names) {
    this.node = node;
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.names = names;
  }

  static String address(String nodeId) {
    return "rumbl.node." + nodeId;
  }

  void start() {
    vertx.eventBus().consumer(address(node.id()), this::receive);
    members.addAll(clusterManager.getNodes());
    vertx.setPeriodic(MEMBERSHIP_POLL_MS, timer -> pollMembers());
  }

  // ---- outgoing

  void forward(Pid to, Object envelope) {
    forward(to.node(), addressed(to), envelope);
  }

  /** Sends to whoever holds the local name on its node when it arrives there. */
  void forward(NodeName to, Object envelope) {
    forward(to.node(), addressed(to), envelope);
  }

  private void forward(String nodeId, JsonObject message, Object envelope) {
    if (envelope instanceof Envelope.Cast cast) {
      message.put("op", "cast").put("body", Wire.encode(cast.request()));
    } else if (envelope instanceof Envelope.Signal signal) {
      message.put("op", "signal").put("from", signal.from() == null ? null : signal.from().toJson())
        .put("reason", signal.reason().toJson());
    } else if (envelope instanceof Envelope.Stop stop) {
      message.put("op", "stop").put("reason", stop.reason().toJson());
    } else {
      message.put("op", "send").put("body", Wire.encode(envelope));
    }
    vertx.eventBus().send(address(nodeId), message);
  }

  /**
   * A call to a process of another node; fails with {@code noconnection} at once when that node is
   * not a member, or as soon as it is found gone while the call waits, as {@code gen_server:call}
   * does, instead of waiting for the timeout.
   */
  <R> Future<R> call(Pid to, Object request, long timeoutMs) {
    return call(to.node(), addressed(to), request, timeoutMs);
  }

  /** A call to whoever holds the local name on its node when it arrives there; {@code noproc} when nobody does. */
  <R> Future<R> call(NodeName to, Object request, long timeoutMs) {
    return call(to.node(), addressed(to), request, timeoutMs);
  }

  /**
   * The pid holding a local name on another node, or null; {@code noconnection} when that node is
   * not a member, {@code timeout} when it does not answer within the default call timeout.
   */
  Future<Pid> whereis(NodeName at) {
    if (!members.contains(at.node())) {
      return Future.failedFuture(new ExitException(ExitReason.noconnection()));
    }
    Context caller = Vertx.currentContext();
    Future<Pid> holder = vertx.eventBus().<JsonObject>request(address(at.node()), addressed(at).put("op", "whereis"),
        new DeliveryOptions().setSendTimeout(Node.DEFAULT_CALL_TIMEOUT_MS))
      .<Pid>map(reply -> (Pid) Wire.decode(reply.body()))
      .recover(Wire::asExit);
    return Futures.on(caller, holder);
  }

  private <R> Future<R> call(String nodeId, JsonObject message, Object request, long timeoutMs) {
    if (!members.contains(nodeId)) {
      return Future.failedFuture(new ExitException(ExitReason.noconnection()));
    }
    message.put("op", "call").put("body", Wire.encode(request)).put("timeout", timeoutMs);
    Context caller = Vertx.currentContext();
    Promise<R> answer = Promise.promise();
    PendingCall pending = new PendingCall(nodeId, answer);
    pendingCalls.add(pending);
    vertx.eventBus().<JsonObject>request(address(nodeId), message, new DeliveryOptions().setSendTimeout(timeoutMs))
      .onComplete(reply -> {
        pendingCalls.remove(pending);
        if (reply.succeeded()) {
          @SuppressWarnings("unchecked")
          R body = (R) Wire.decode(reply.result().body());
          answer.tryComplete(body);
        } else {
          answer.tryFail(reply.cause());
        }
      });
    return Futures.on(caller, answer.future());
  }

  void kill(Pid pid) {
    vertx.eventBus().send(address(pid.node()), new JsonObject().put("op", "kill").put("pid", pid.toJson()));
  }

  void monitor(MonitorRef ref, Pid target, Object watcher) {
    monitor(ref, new Outgoing(target.node(), target, watcher), new JsonObject().put("target", target.toJson()));
  }

  /** Monitors whoever holds the local name on its node when the monitor arrives there; {@code noproc} when nobody does. */
  void monitor(MonitorRef ref, NodeName at, Object watcher) {
    monitor(ref, new Outgoing(at.node(), null, watcher), addressed(at));
  }

  private void monitor(MonitorRef ref, Outgoing monitor, JsonObject message) {
    if (!members.contains(monitor.node())) {
      node.deliver(monitor.watcher(), new Down(ref, monitor.target(), ExitReason.noconnection()));
      return;
    }
    outgoing.put(ref, monitor);
    vertx.eventBus().send(address(monitor.node()), message.put("op", "monitor").put("ref", Wire.ref(ref)).put("watcher", node.id()));
  }

  /** Stops a monitor this node holds on a remote process; false when there was none (its Down already came). */
  boolean demonitor(MonitorRef ref) {
    Outgoing monitor = outgoing.remove(ref);
    if (monitor == null) {
      return false;
    }
    vertx.eventBus().send(address(monitor.node()), new JsonObject().put("op", "demonitor").put("ref", Wire.ref(ref)));
    return true;
  }

  void sendDown(String watcherNode, Down down) {
    vertx.eventBus().send(address(watcherNode), new JsonObject().put("op", "down").put("down", Wire.encode(down)));
  }

  Set<String> members() {
    return Set.copyOf(members);
  }

  int monitorCount() {
    return outgoing.size();
  }

  /** A message to the process at a pid's address. */
  private static JsonObject addressed(Pid to) {
    return new JsonObject().put("to", to.address());
  }

  /** A message to the holder of a local name, looked up where it arrives. */
  private static JsonObject addressed(NodeName to) {
    return new JsonObject().put("name", Wire.encode(to.name()));
  }

  // ---- incoming

  private void receive(Message<JsonObject> message) {
    JsonObject body = message.body();
    try {
      switch (body.getString("op", "")) {
        case "send" -> deliver(body, Wire.decode(body.getJsonObject("body")));
        case "cast" -> deliver(body, new Envelope.Cast(Wire.decode(body.getJsonObject("body"))));
        case "signal" -> deliver(body, new Envelope.Signal(
          body.getJsonObject("from") == null ? null : Pid.fromJson(body.getJsonObject("from")),
          ExitReason.fromJson(body.getJsonObject("reason"))));
        case "stop" -> deliver(body, new Envelope.Stop(ExitReason.fromJson(body.getJsonObject("reason"))));
        case "call" -> relayCall(message);
        case "whereis" -> message.reply(Wire.encode(holder(body)));
        case "kill" -> node.exit(Pid.fromJson(body.getJsonObject("pid")), ExitReason.kill());
        case "monitor" -> monitorHere(body);
        case "demonitor" -> node.removeWatcher(Wire.ref(body.getJsonObject("ref")));
        case "down" -> arrived((Down) Wire.decode(body.getJsonObject("down")));
        default -> log.warn("dropped a cluster message with an unknown op: {}", body);
      }
    } catch (RuntimeException malformed) {
      log.warn("dropped a malformed cluster message {}: {}", body, malformed.getMessage());
      if (message.replyAddress() != null) {
        message.fail(Wire.EXIT_FAILURE_CODE, ExitReason.crash("malformed cluster message").toJson().encode());
      }
    }
  }

  /** Hands what arrived to the local process it names, if that lives; else it is dropped, as any message to a dead process. */
  private void deliver(JsonObject body, Object message) {
    String to = to(body);
    if (to != null) {
      node.deliverAt(to, message);
    }
  }

  /**
   * The address of the local process a message names, by its address ({@code to}) or by a local
   * name ({@code name}, looked up now); null when nobody holds the name. The process may be gone.
   */
  private String to(JsonObject body) {
    String to = body.getString("to");
    if (to != null) {
      return to;
    }
    JsonObject encodedName = body.getJsonObject("name");
    if (encodedName == null) {
      throw new IllegalArgumentException("neither a 'to' address nor a 'name'");
    }
    if (!(Wire.decode(encodedName) instanceof Name name) || name.scope() != Name.Scope.LOCAL) {
      throw new IllegalArgumentException("'name' is not a local name");
    }
    Pid holder = node.localHolder(name);
    return holder == null ? null : holder.address();
  }

  /** The live local process a message names, or null. */
  private Pid holder(JsonObject body) {
    String address = to(body);
    return address == null ? null : node.pidAt(address);
  }

  /**
   * Sets a remote watcher's monitor on a process of this node: the one at the pid it names
   * ({@code target}), or the holder of the local name it names ({@code name}, looked up now);
   * {@code noproc} at once when there is none.
   */
  private void monitorHere(JsonObject body) {
    MonitorRef ref = Wire.ref(body.getJsonObject("ref"));
    RemoteWatcher watcher = new RemoteWatcher(body.getString("watcher"));
    JsonObject target = body.getJsonObject("target");
    Pid monitored = target != null ? Pid.fromJson(target) : holder(body);
    if (monitored == null) {
      node.deliver(watcher, new Down(ref, null, ExitReason.noproc()));
    } else {
      node.addMonitor(ref, monitored, watcher);
    }
  }

  private void relayCall(Message<JsonObject> message) {
    JsonObject body = message.body();
    long timeout = body.getLong("timeout", Node.DEFAULT_CALL_TIMEOUT_MS);
    Object request = Wire.decode(body.getJsonObject("body"));
    Pid to = holder(body);
    Future<Object> answer = to == null ? Future.failedFuture(new ExitException(ExitReason.noproc())) : node.call(to, request, timeout);
    answer
      .onSuccess(reply -> {
        try {
          message.reply(Wire.encode(reply));
        } catch (IllegalArgumentException notJson) {
          message.fail(Wire.EXIT_FAILURE_CODE, ExitReason.crash(notJson.getMessage()).toJson().encode());
        }
      })
      .onFailure(error -> message.fail(Wire.EXIT_FAILURE_CODE, Wire.exitReasonOf(error).toJson().encode()));
  }

  private void arrived(Down down) {
    Outgoing monitor = outgoing.remove(down.ref());
    if (monitor != null) {
      node.deliver(monitor.watcher(), down);
    }
  }

  // ---- membership

  private void pollMembers() {
    List<String> now = clusterManager.getNodes();
    Set<String> left = new HashSet<>(members);
    left.removeAll(now);
    members.addAll(now);
    for (String gone : left) {
      members.remove(gone);
      nodeLeft(gone);
    }
  }

  private void nodeLeft(String gone) {
    log.warn("node {} left the cluster: its processes are unreachable, monitors on them and calls to them get noconnection", gone);
    outgoing.forEach((ref, monitor) -> {
      if (monitor.node().equals(gone) && outgoing.remove(ref, monitor)) {
        node.deliver(monitor.watcher(), new Down(ref, monitor.target(), ExitReason.noconnection()));
      }
    });
    pendingCalls.removeIf(pending -> {
      if (!pending.node().equals(gone)) {
        return false;
      }
      pending.answer().tryFail(new ExitException(ExitReason.noconnection()));
      return true;
    });
    names.forgetNode(gone);
  }
}
