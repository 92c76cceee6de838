package dev.rumbl.otp;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Identifies one process: the node it lives on and the event-bus address it listens at, which
 * the node never gives to another process. A pid is never reused, so equal pids always name the same process, alive or
 * dead. A pid converts to and from JSON so that it can travel in any message.
 */
public record Pid(String node, String address) implements Dest {

  public Pid {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(address, "address");
  }

  public JsonObject toJson() {
    return new JsonObject().put("node", node).put("address", address);
  }

  /** Reads a pid written by {@link #toJson()}; fails with IllegalArgumentException naming the missing field. */
  public static Pid fromJson(JsonObject json) {
    return new Pid(required(json, "node"), required(json, "address"));
  }

  private static String required(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("a pid needs a non-blank string '" + field + "'");
    }
    return text;
  }

  @Override
  public String toString() {
    return "#PID<" + address + ">";
  }
}
