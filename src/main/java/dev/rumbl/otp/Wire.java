package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON form of what may cross from one node to another: JSON values (strings, numbers,
 * booleans, JsonObject, JsonArray, null) and the toolkit's own values (Pid, Name, MonitorRef,
 * ExitReason, Down, Exit). Anything else is refused with IllegalArgumentException naming its type:
 * Java objects stay on their node, and Java serialisation is never used. A request that fails
 * across nodes carries its exit reason as JSON under {@link #EXIT_FAILURE_CODE}; {@link
 * #exitReasonOf} reads it back, with the event bus's own failures as {@code timeout} and
 * {@code noproc}.
 */
final class Wire {

  /** The event-bus failure code of a reply that carries an exit reason as JSON. */
  static final int EXIT_FAILURE_CODE = 4970;

  private Wire() {
  }

  static JsonObject encode(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
      || value instanceof JsonObject || value instanceof JsonArray) {
      return new JsonObject().put("t", "json").put("v", value);
    } else if (value instanceof Pid pid) {
      return new JsonObject().put("t", "pid").put("v", pid.toJson());
    } else if (value instanceof Name name) {
      return new JsonObject().put("t", "name").put("scope", name.scope().name())
        .put("namespace", name.namespace()).put("value", name.value());
    } else if (value instanceof MonitorRef ref) {
      return new JsonObject().put("t", "ref").put("v", ref(ref));
    } else if (value instanceof ExitReason reason) {
      return new JsonObject().put("t", "reason").put("v", reason.toJson());
    } else if (value instanceof Down down) {
      return new JsonObject().put("t", "down").put("ref", ref(down.ref())).put("pid", down.pid() == null ? null : down.pid().toJson())
        .put("name", down.name() == null ? null : encode(down.name())).put("node", down.node())
        .put("reason", down.reason().toJson());
    } else if (value instanceof Exit exit) {
      return new JsonObject().put("t", "exit").put("pid", exit.pid() == null ? null : exit.pid().toJson())
        .put("reason", exit.reason().toJson());
    }
    throw new IllegalArgumentException("a " + value.getClass().getName()
      + " cannot leave this node: send JSON (JsonObject, String, numbers) or pids, names and exit reasons");
  }

  static Object decode(JsonObject json) {
    String type = json.getString("t", "");
    switch (type) {
      case "json":
        return json.getValue("v");
      case "pid":
        return Pid.fromJson(json.getJsonObject("v"));
      case "name":
        return new Name(Name.Scope.valueOf(json.getString("scope")), json.getString("namespace"), json.getString("value"));
      case "ref":
        return ref(json.getJsonObject("v"));
      case "reason":
        return ExitReason.fromJson(json.getJsonObject("v"));
      case "down":
        JsonObject holder = json.getJsonObject("pid");
        JsonObject monitored = json.getJsonObject("name");
        return new Down(ref(json.getJsonObject("ref")), holder == null ? null : Pid.fromJson(holder),
          monitored == null ? null : (Name) decode(monitored), json.getString("node"),
          ExitReason.fromJson(json.getJsonObject("reason")));
      case "exit":
        JsonObject pid = json.getJsonObject("pid");
        return new Exit(pid == null ? null : Pid.fromJson(pid), ExitReason.fromJson(json.getJsonObject("reason")));
      default:
        throw new IllegalArgumentException("unknown wire type '" + type + "'");
    }
  }

  static JsonObject ref(MonitorRef ref) {
    return new JsonObject().put("node", ref.node()).put("id", ref.id());
  }

  static MonitorRef ref(JsonObject json) {
    return new MonitorRef(json.getString("node"), json.getLong("id"));
  }

  /** The failure of a request to another node as an {@link ExitException}. */
  static <T> Future<T> asExit(Throwable error) {
    return Future.failedFuture(error instanceof ExitException ? error : new ExitException(exitReasonOf(error)));
  }

  /** The exit reason a failed request stands for: timeout, noproc, or the reason the server gave. */
  static ExitReason exitReasonOf(Throwable error) {
    if (error instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case TIMEOUT:
          return ExitReason.timeout();
        case NO_HANDLERS:
          return ExitReason.noproc();
        default:
          if (reply.failureCode() == EXIT_FAILURE_CODE) {
            return ExitReason.fromJson(new JsonObject(reply.getMessage()));
          }
      }
    }
    return ExitReason.of(error);
  }
}
