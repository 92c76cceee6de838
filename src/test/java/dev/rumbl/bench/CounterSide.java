package dev.rumbl.bench;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;

/**
 * One side of a counter comparison, each on a Vert.x instance of its own with the same options:
 * the book's {@link Counter} GenServer driven through {@link Node}, or a {@link RawCounter} driven
 * through the raw event bus. The driver context is placed relative to the counter as asked.
 */
abstract class CounterSide implements AutoCloseable {

  static final String RAW_ADDRESS = "bench.raw.counter";

  final Vertx vertx;
  ContextInternal driver;

  private CounterSide(Vertx vertx) {
    this.vertx = vertx;
  }

  static CounterSide rumbl(Loops.Placement placement) {
    Vertx vertx = Vertx.vertx();
    Node node = Node.of(vertx);
    Pid pid = Counter.start(node, 0).await();
    Rumbl side = new Rumbl(vertx, node, pid);
    side.driver = Loops.driver(vertx, Loops.of(vertx, pid), placement);
    return side;
  }

  static CounterSide raw(Loops.Placement placement) {
    Vertx vertx = Vertx.vertx();
    String deployment = vertx.deployVerticle(new RawCounter(RAW_ADDRESS)).await();
    Raw side = new Raw(vertx);
    side.driver = Loops.driver(vertx, Loops.of(vertx, deployment), placement);
    return side;
  }

  abstract String label();

  /** Fire and forget: one increment. Call on the driver context. */
  abstract void inc();

  /** The current value. Call on the driver context. */
  abstract Future<Integer> val();

  @Override
  public void close() {
    vertx.close().await();
  }

  private static final class Rumbl extends CounterSide {
    private final Node node;
    private final Pid pid;

    Rumbl(Vertx vertx, Node node, Pid pid) {
      super(vertx);
      this.node = node;
      this.pid = pid;
    }

    @Override
    String label() {
      return "rumbl";
    }

    @Override
    void inc() {
      Counter.inc(node, pid);
    }

    @Override
    Future<Integer> val() {
      return Counter.val(node, pid);
    }
  }

  private static final class Raw extends CounterSide {
    private final EventBus bus;

    Raw(Vertx vertx) {
      super(vertx);
      this.bus = vertx.eventBus();
    }

    @Override
    String label() {
      return "raw";
    }

    @Override
    void inc() {
      bus.send(RAW_ADDRESS, RawCounter.INC);
    }

    @Override
    Future<Integer> val() {
      return bus.<Integer>request(RAW_ADDRESS, RawCounter.VAL).map(Message::body);
    }
  }
}
