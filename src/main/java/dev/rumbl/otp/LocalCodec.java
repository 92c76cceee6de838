package dev.rumbl.otp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries any Java object between processes of one node by reference, without copying. It is the
 * event bus's fallback codec once a {@link Node} exists; a message meant for another node must be
 * JSON (or a type with a codec of its own), and sending anything else there fails with a message
 * saying so.
 */
final class LocalCodec<T> implements MessageCodec<T, T> {

  static final String NAME = "rumbl.local";

  @Override
  public void encodeToWire(Buffer buffer, T body) {
    throw new IllegalArgumentException("a " + body.getClass().getName()
      + " cannot leave this node: send JSON (JsonObject, String, numbers) to another node");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException("rumbl.local messages never travel on the wire");
  }

  @Override
  public T transform(T body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
