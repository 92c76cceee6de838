package dev.rumbl.infosys;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.MonitorRef;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One backend's worker for one compute, a temporary child of the worker supervisor: on a
 * {@link Query} it monitors the query's owner and asks its backend, sends the {@link Answer} to the
 * owner and exits normally. A backend that throws or fails crashes the worker, and no answer is
 * sent. When the owner exits first (or its node leaves the cluster), nobody waits for the answer:
 * the worker exits with {@code shutdown} at once instead of running on to its backend's timeout.
 * Query and answer travel as JSON, so that the owner may be a compute on another node of the cluster.
 */
final class Worker extends GenServer<Backend> {

  /** Asks the worker's backend; the answer goes to owner. */
  record Query(Pid owner, String text, int limit) {

    private static final String TYPE = "infosys.query";

    JsonObject toJson() {
      return new JsonObject().put("type", TYPE).put("owner", owner.toJson()).put("text", text).put("limit", limit);
    }

    /** The query in json, or null when json is not one. */
    static Query fromJson(Object json) {
      return json instanceof JsonObject query && TYPE.equals(query.getString("type"))
        ? new Query(Pid.fromJson(query.getJsonObject("owner")), query.getString("text"), query.getInteger("limit"))
        : null;
    }
  }

  record Answer(Pid worker, String backend, List<Result> results) {

    private static final String TYPE = "infosys.answer";

    JsonObject toJson() {
      JsonArray json = new JsonArray();
      results.forEach(result -> json.add(result.toJson()));
      return new JsonObject().put("type", TYPE).put("worker", worker.toJson()).put("backend", backend).put("results", json);
    }

    /** The answer in json, or null when json is not one. */
    static Answer fromJson(Object json) {
      if (!(json instanceof JsonObject answer) || !TYPE.equals(answer.getString("type"))) {
        return null;
      }
      List<Result> results = new ArrayList<>();
      answer.getJsonArray("results").forEach(result -> results.add(Result.fromJson((JsonObject) result)));
      return new Answer(Pid.fromJson(answer.getJsonObject("worker")), answer.getString("backend"), results);
    }
  }

  private record Finished(Query query, AsyncResult<List<Result>> outcome) {
  }

  private final Backend backend;
  private MonitorRef owner;

  Worker(Backend backend) {
    this.backend = backend;
  }

  @Override
  protected Init<Backend> init() {
    return Init.ok(backend);
  }

  @Override
  protected Outcome<Backend> handleInfo(Object message, Backend backend) {
    Query query = Query.fromJson(message);
    if (query != null) {
      owner = node().monitor(query.owner());
      backend.query(query.text(), query.limit())
        .onComplete(outcome -> node().send(self(), new Finished(query, outcome)));
      return noreply(backend);
    } else if (message instanceof Finished finished) {
      if (finished.outcome().failed()) {
        return stop(ExitReason.crash(finished.outcome().cause()), backend);
      }
      node().send(finished.query().owner(), new Answer(self(), backend.name(), finished.outcome().result()).toJson());
      return stop(ExitReason.normal(), backend);
    } else if (message instanceof Down down && down.ref().equals(owner)) {
      owner = null;
      return stop(ExitReason.shutdown(), backend);
    }
    return super.handleInfo(message, backend);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Backend backend) {
    if (owner != null) {
      node().demonitor(owner, true);
    }
    return Future.succeededFuture();
  }

  @Override
  public String toString() {
    return backend.name() + " worker " + self();
  }
}
