package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One backend's worker for one compute, a temporary child of the worker supervisor. Started with a
 * {@link Query} (by a compute of this node), it asks its backend at once, hands the {@link Answer}
 * by reference to the compute and exits normally; called with a query in JSON (by a
 * compute of another node of the cluster), it asks its backend, replies with the answer in JSON and
 * exits normally. A backend that throws or fails crashes the worker: a call fails with the crash,
 * and no answer is given. A worker lent to another node's compute exits with {@code shutdown} when
 * that compute's deadline has passed, so that it never outlives the compute, not even one whose
 * node is gone.
 */
final class Worker extends GenServer<Backend> {

  /**
   * What a worker is started with: its backend; for a worker of this node's compute, the query and
   * where its answer goes; for a worker lent to another node, the milliseconds it may live.
   */
  record Assignment(Backend backend, Query query, Consumer<Answer> answerTo, long lifetimeMs) {

    static Assignment asked(Backend backend, Query query, Consumer<Answer> answerTo) {
      return new Assignment(backend, query, answerTo, 0);
    }

    static Assignment lent(Backend backend, long lifetimeMs) {
      return new Assignment(backend, null, null, lifetimeMs);
    }
  }

  /** Asks the worker's backend for at most limit results. */
  record Query(String text, int limit) {

    private static final String TYPE = "infosys.query";

    JsonObject toJson() {
      return new JsonObject().put("type", TYPE).put("text", text).put("limit", limit);
    }

    /** The query in json, or null when json is not one. */
    static Query fromJson(Object json) {
      return json instanceof JsonObject query && TYPE.equals(query.getString("type"))
        && query.getValue("text") instanceof String text && query.getValue("limit") instanceof Integer limit
        ? new Query(text, limit)
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

    /** The answer in json read back; null when reply is not one. */
    static Answer fromJson(Object reply) {
      if (!(reply instanceof JsonObject answer) || !TYPE.equals(answer.getString("type"))) {
        return null;
      }
      List<Result> results = new ArrayList<>();
      answer.getJsonArray("results").forEach(result -> results.add(Result.fromJson((JsonObject) result)));
      return new Answer(Pid.fromJson(answer.getJsonObject("worker")), answer.getString("backend"), results);
    }
  }

  /** The backend's outcome, for the caller (null: for the compute that assigned the query). */
  private record Finished(From caller, AsyncResult<List<Result>> outcome) {
  }

  private record Expired() {
  }

  private final Assignment assignment;

  Worker(Assignment assignment) {
    this.assignment = assignment;
  }

  @Override
  protected Init<Backend> init() {
    if (assignment.lifetimeMs() > 0) {
      node().sendAfter(self(), new Expired(), assignment.lifetimeMs());
    }
    Init<Backend> started = Init.ok(assignment.backend());
    return assignment.query() == null ? started : started.thenContinue(assignment.query());
  }

  /** A worker started with its query asks its backend as soon as it has started. */
  @Override
  protected Outcome<Backend> handleContinue(Object query, Backend backend) {
    return asked(null, ask(backend, (Query) query), backend);
  }

  @Override
  protected Outcome<Backend> handleCall(Object request, From from, Backend backend) {
    Query query = Query.fromJson(request);
    if (query == null) {
      return super.handleCall(request, from, backend);
    }
    return asked(from, ask(backend, query), backend);
  }

  /** Answers at once when the backend's answer is already there, else when it comes. */
  private Outcome<Backend> asked(From caller, Future<List<Result>> answer, Backend backend) {
    if (answer.isComplete()) {
      return answered(caller, answer, backend);
    }
    answer.onComplete(outcome -> node().send(self(), new Finished(caller, outcome)));
    return noreply(backend);
  }

  @Override
  protected Outcome<Backend> handleInfo(Object message, Backend backend) {
    if (message instanceof Finished finished) {
      return answered(finished.caller(), finished.outcome(), backend);
    } else if (message instanceof Expired) {
      return stop(ExitReason.shutdown(), backend);
    }
    return super.handleInfo(message, backend);
  }

  private Outcome<Backend> answered(From caller, AsyncResult<List<Result>> outcome, Backend backend) {
    if (outcome.failed()) {
      return stop(ExitReason.crash(outcome.cause()), backend);
    }
    Answer answer = new Answer(self(), backend.name(), outcome.result());
    if (caller == null) {
      assignment.answerTo().accept(answer);
    } else {
      caller.reply(answer.toJson());
    }
    return stop(ExitReason.normal(), backend);
  }

  /** The backend's answer; one that throws fails it, so that the worker crashes after its start rather than failing it. */
  private static Future<List<Result>> ask(Backend backend, Query query) {
    try {
      return backend.query(query.text(), query.limit());
    } catch (RuntimeException error) {
      return Future.failedFuture(error);
    }
  }

  @Override
  public String toString() {
    return assignment.backend().name() + " worker " + self();
  }
}
