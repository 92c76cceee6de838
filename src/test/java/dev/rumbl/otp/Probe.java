package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A test process that keeps every info message it receives for the test to read, and runs
 * actions inside itself (monitor, spawnLink, ...) so tests can act as a process would.
 */
final class Probe extends GenServer<Void> {

  Probe() {
    this(false);
  }

  private record Run(Function<Node, Object> action) {
  }

  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final boolean trapping;

  /** A call the probe answers with value. */
  record Echo(Object value) {
  }

  Probe(boolean trapping) {
    this.trapping = trapping;
  }

  static Probe start(Node node) {
    return start(node, false);
  }

  static Probe start(Node node, boolean trapExits) {
    Probe probe = new Probe(trapExits);
    node.spawn(probe).await();
    return probe;
  }

  /** Runs the action inside the probe process and returns its result. */
  @SuppressWarnings("unchecked")
  <T> T run(Function<Node, T> action) {
    return (T) node().call(self(), new Run((Function<Node, Object>) action)).await();
  }

  /** Runs the action inside the probe process and waits for the Future it returns. */
  <T> T runAsync(Function<Node, Future<T>> action) {
    return run(action).await();
  }

  /** The next message the probe received, waiting up to timeoutMs; null if none came. */
  Object next(long timeoutMs) throws InterruptedException {
    return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  <T> T next(Class<T> type) throws InterruptedException {
    Object message = next(5000);
    if (!type.isInstance(message)) {
      throw new AssertionError("expected a " + type.getSimpleName() + " but got " + message);
    }
    return type.cast(message);
  }

  @Override
  protected Init<Void> init() {
    if (trapping) {
      trapExits();
    }
    return Init.ok(null);
  }

  @Override
  protected Outcome<Void> handleCall(Object request, From from, Void state) {
    if (request instanceof Echo echo) {
      return reply(echo.value(), state);
    }
    return reply(((Run) request).action().apply(node()), state);
  }

  @Override
  protected Outcome<Void> handleInfo(Object message, Void state) {
    received.add(message);
    return noreply(state);
  }
}
