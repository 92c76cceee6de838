package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.PartitionSupervisor;
import dev.rumbl.otp.Supervisor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Lends this node's backends to computes started on other nodes. On a clustered node it publishes
 * the enabled backends in the {@link BackendDirectory} at start and withdraws them at exit, and
 * answers the JSON call {@code {"op": "start", "backend", "lifetimeMs"}} by starting a worker for
 * that backend under one of this node's worker supervisors, in turn, which exits by itself once lifetimeMs (the
 * asking compute's deadline) has passed: the reply is the worker's pid, or null when the backend
 * is not enabled here or the worker could not start. The remote compute then talks to the worker
 * directly (a JSON query call and answer, a monitor, a kill at its deadline). On a node that is not
 * clustered it does nothing.
 */
final class RemoteWorkers extends GenServer<Void> {

  static final String NAME = "infosys.remote";

  private static final String OP = "op";
  private static final String START = "start";
  private static final String BACKEND = "backend";
  private static final String LIFETIME = "lifetimeMs";

  private final PartitionSupervisor workers;
  private int lent;

  RemoteWorkers(PartitionSupervisor workers) {
    this.workers = workers;
  }

  /** Asks for a worker of backend that lives at most lifetimeMs, the deadline of the compute that asks. */
  static JsonObject startRequest(String backend, long lifetimeMs) {
    return new JsonObject().put(OP, START).put(BACKEND, backend).put(LIFETIME, lifetimeMs);
  }

  @Override
  protected Init<Void> init() {
    Backends.Enabled enabled = Backends.enabled(vertx);
    if (!node().isClustered() || enabled == null) {
      return Init.ok(null);
    }
    return Init.async(BackendDirectory.publish(node(), self(), List.copyOf(enabled.names())));
  }

  @Override
  protected Outcome<Void> handleCall(Object request, From from, Void state) {
    if (request instanceof JsonObject json && START.equals(json.getString(OP)) && json.getValue(BACKEND) instanceof String name) {
      Backends.Enabled enabled = Backends.enabled(vertx);
      Backend backend = enabled == null ? null : enabled.find(name);
      if (backend == null) {
        return reply(null, state);
      }
      long lifetimeMs = json.getValue(LIFETIME) instanceof Number ms && ms.longValue() > 0 ? ms.longValue() : ComputeOptions.DEFAULT_TIMEOUT_MS;
      Supervisor.startDynamicChild(node(), workers.partition(lent++), Worker.Assignment.lent(backend, lifetimeMs)).onComplete((pid, error) -> from.reply(pid));
      return noreply(state);
    }
    return super.handleCall(request, from, state);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Void state) {
    return node().isClustered() ? BackendDirectory.withdraw(node(), self()) : Future.succeededFuture();
  }
}
