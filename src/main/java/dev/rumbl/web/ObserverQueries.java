package dev.rumbl.web;

import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;

/**
 * What the observer asks of a node, answered here for this node and through that node's
 * {@link ObserverHost} for another node of the cluster: its tree ({@code {"op":"tree"}}, the JSON of
 * {@code GET /api/supervisors}), its load ({@code {"op":"load"}}, the JSON of
 * {@code GET /api/observer/load}) and a process's info ({@code {"op":"info","target","admin"}},
 * the JSON of {@code GET /api/processes/{target}}, with the state when admin is true). Requests and
 * answers are JSON, so they cross nodes; a process that is not there fails the answer with
 * {@code noproc}, another node than this one and the cluster's members with a 404.
 */
final class ObserverQueries {

  static final String OP = "op";
  static final String TREE = "tree";
  static final String LOAD = "load";
  static final String INFO = "info";
  static final String TARGET = "target";
  static final String ADMIN = "admin";
  static final String ERROR = "error";
  static final long STATE_TIMEOUT_MS = 1000;
  static final int MAX_NODE_ID = 100;

  private static final String PID_PREFIX = "#PID<";
  private static final String PID_SUFFIX = ">";

  private final Node node;
  private final Name root;

  ObserverQueries(Node node, Name root) {
    this.node = node;
    this.root = root;
  }

  static JsonObject tree() {
    return new JsonObject().put(OP, TREE);
  }

  static JsonObject load() {
    return new JsonObject().put(OP, LOAD);
  }

  static JsonObject info(String target, boolean admin) {
    return new JsonObject().put(OP, INFO).put(TARGET, target).put(ADMIN, admin);
  }

  /**
   * The answer of the node nodeId (this node when null or this node's id); a 404 for a node that is
   * not a member of the cluster; {@code noconnection} when it leaves before answering.
   */
  Future<JsonObject> ask(String nodeId, JsonObject request) {
    if (nodeId == null || nodeId.equals(node.id())) {
      return answer(request);
    }
    if (nodeId.length() > MAX_NODE_ID || !node.nodes().contains(nodeId)) {
      return Future.failedFuture(new HttpException(404, "no such node"));
    }
    return node.<JsonObject>call(ObserverHost.of(nodeId), request).compose(answer -> ExitReason.noproc().toString().equals(answer.getString(ERROR))
      ? Future.failedFuture(new ExitException(ExitReason.noproc()))
      : Future.succeededFuture(answer));
  }

  /** This node's answer to request; fails with {@code noproc} when what it names does not run here. */
  Future<JsonObject> answer(JsonObject request) {
    return switch (String.valueOf(request.getValue(OP))) {
      case TREE -> SupervisionTree.of(node, root).map(tree -> TreeJson.render(tree).put("node", node.id()));
      case LOAD -> LoadSampler.samples(node).map(samples -> new JsonObject()
        .put("node", node.id())
        .put("periodMs", LoadSampler.PERIOD_MS)
        .put("samples", samples));
      case INFO -> processInfo(String.valueOf(request.getValue(TARGET)), Boolean.TRUE.equals(request.getValue(ADMIN)));
      default -> Future.failedFuture(new IllegalArgumentException("no such observer request"));
    };
  }

  private Future<JsonObject> processInfo(String target, boolean admin) {
    return resolve(target).compose(pid -> {
      JsonObject json = node.processInfo(pid).map(ProcessInfoJson::render).orElse(null);
      if (json == null) {
        return Future.failedFuture(new ExitException(ExitReason.noproc()));
      }
      if (!admin) {
        return Future.succeededFuture(json);
      }
      return node.processState(pid, STATE_TIMEOUT_MS)
        .map(state -> json.put("state", state))
        .otherwise(failure -> json.put("state", null).put("stateError", ExitReason.of(failure).toString()));
    });
  }

  /** The pid registered under target, else the pid of this node's live process at the address target names. */
  private Future<Pid> resolve(String target) {
    Future<Pid> named = target.isBlank() ? Future.succeededFuture() : node.whereis(Name.local(target));
    return named.map(pid -> {
      if (pid != null) {
        return pid;
      }
      String address = target.startsWith(PID_PREFIX) && target.endsWith(PID_SUFFIX)
        ? target.substring(PID_PREFIX.length(), target.length() - PID_SUFFIX.length())
        : target;
      Pid found = node.pidAt(address);
      if (found == null) {
        throw new ExitException(ExitReason.noproc());
      }
      return found;
    });
  }
}
