package dev.rumbl.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body that must be a JSON object, and typed fields of it. Every read either
 * returns a value of the asked type or throws a 400 {@link io.vertx.ext.web.handler.HttpException}
 * naming the problem; bad input never becomes anything else.
 */
final class JsonBodies {

  private JsonBodies() {
  }

  static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Replies.badRequest("a JSON object body is required");
    }
    Object value;
    try {
      value = body.toJsonValue();
    } catch (DecodeException e) {
      throw Replies.badRequest("malformed JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw Replies.badRequest("the body must be a JSON object");
    }
    return object;
  }

  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String text)) {
      throw Replies.badRequest("'" + field + "' must be a string");
    }
    return text;
  }

  static int integer(JsonObject body, String field, int absent) {
    Object value = body.getValue(field);
    if (value == null && !body.containsKey(field)) {
      return absent;
    }
    if (!(value instanceof Integer number)) {
      throw Replies.badRequest("'" + field + "' must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
    return number;
  }

  static boolean bool(JsonObject body, String field, boolean absent) {
    Object value = body.getValue(field);
    if (value == null && !body.containsKey(field)) {
      return absent;
    }
    if (!(value instanceof Boolean flag)) {
      throw Replies.badRequest("'" + field + "' must be true or false");
    }
    return flag;
  }
}
