package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * The raw Vert.x baseline of the book's counter: a verticle with one local consumer on a fixed
 * address, counting {@value #INC} messages and answering {@value #VAL} requests; nothing else.
 */
final class RawCounter extends VerticleBase {

  static final String INC = "inc";
  static final String VAL = "val";

  private final String address;
  private int value;

  RawCounter(String address) {
    this.address = address;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<String>localConsumer(address, this::receive).completion();
  }

  private void receive(Message<String> message) {
    if (INC.equals(message.body())) {
      value++;
    } else if (VAL.equals(message.body())) {
      message.reply(value);
    } else {
      message.fail(400, "unknown request " + message.body());
    }
  }
}
