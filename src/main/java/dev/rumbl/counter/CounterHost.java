package dev.rumbl.counter;

import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Answers other nodes about the counters of this node, since a supervisor's own requests do not
 * cross nodes: on a clustered node it registers as the global name {@link #of(String) counters@NODE}
 * and answers one JSON call, {@code {"op": "delete", "pid"}} (stops that counter through this
 * node's {@code counters} supervisor; true when it did, false when pid is not such a counter). On a node
 * that is not clustered it registers nothing and nobody calls it.
 */
public final class CounterHost extends GenServer<Void> {

  static final String ID = "counters.host";

  private static final String OP = "op";
  private static final String PID = "pid";
  private static final String DELETE = "delete";

  /** The global name of the counter host of a node. */
  public static Name of(String nodeId) {
    return Name.global("counters@" + nodeId);
  }

  static JsonObject delete(Pid counter) {
    return new JsonObject().put(OP, DELETE).put(PID, counter.toJson());
  }

  @Override
  protected Init<Void> init() {
    if (!node().isClustered()) {
      return Init.ok(null);
    }
    return Init.async(node().register(of(node().id()), self()).<Void>map(registered -> null));
  }

  @Override
  protected Outcome<Void> handleCall(Object request, From from, Void state) {
    if (request instanceof JsonObject json && json.getValue(PID) instanceof JsonObject pid) {
      if (DELETE.equals(json.getString(OP))) {
        deleteHere(node(), Pid.fromJson(pid)).onComplete((deleted, error) -> from.reply(error == null && deleted));
        return noreply(state);
      }
    }
    return super.handleCall(request, from, state);
  }

  /** Stops a counter of this node's {@code counters} supervisor; false when pid is not one. */
  static Future<Boolean> deleteHere(Node node, Pid counter) {
    return Supervisor.terminateChild(node, Counters.SUPERVISOR, counter).map(true)
      .recover(error -> error instanceof SupervisorError notFound && notFound.kind() == SupervisorError.Kind.NOT_FOUND
        ? Future.succeededFuture(false)
        : Future.failedFuture(error));
  }
}
