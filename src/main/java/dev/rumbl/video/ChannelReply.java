package dev.rumbl.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What a {@link Channel} answers a call with an annotation: {@link Stored} (the annotation as
 * stored and published), {@link Invalid} (refused, with the reason) or {@link Unavailable} (no
 * storage running, nothing stored). The channel may run on another node of the cluster, and
 * messages between nodes are JSON, so a reply travels in its wire form ({@link #toJson}) and is
 * read back with {@link #fromJson}; these two are the only places that know the wire form: the
 * stored annotation itself, {@code {"error": reason}} or {@code {"unavailable": reason}} (the
 * form of the calls before this type, so that nodes of either build understand each other).
 */
sealed interface ChannelReply {

  String INVALID = "error";
  String UNAVAILABLE = "unavailable";

  /** The wire form of this reply. */
  JsonObject toJson();

  /** The caller's outcome: the stored annotation, or a failure with {@link InvalidInput} or {@link StorageUnavailable}. */
  Future<JsonObject> outcome();

  /** The annotation as stored and published. */
  record Stored(JsonObject annotation) implements ChannelReply {

    @Override
    public JsonObject toJson() {
      return annotation;
    }

    @Override
    public Future<JsonObject> outcome() {
      return Future.succeededFuture(annotation);
    }
  }

  /** The annotation was refused as invalid; nothing was stored. */
  record Invalid(String reason) implements ChannelReply {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(INVALID, reason);
    }

    @Override
    public Future<JsonObject> outcome() {
      return Future.failedFuture(new InvalidInput(reason));
    }
  }

  /** No storage was running; nothing was stored and the channel keeps running. */
  record Unavailable(String reason) implements ChannelReply {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(UNAVAILABLE, reason);
    }

    @Override
    public Future<JsonObject> outcome() {
      return Future.failedFuture(new StorageUnavailable());
    }
  }

  /** The reply whose wire form is json. */
  static ChannelReply fromJson(JsonObject json) {
    if (json.containsKey(INVALID)) {
      return new Invalid(json.getString(INVALID));
    }
    if (json.containsKey(UNAVAILABLE)) {
      return new Unavailable(json.getString(UNAVAILABLE));
    }
    return new Stored(json);
  }
}
