package dev.rumbl.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.transport.Transport;

import java.nio.channels.spi.SelectorProvider;

/**
 * An experiment: Vert.x's NIO transport whose event loops, once out of work, spin (polling their
 * task queue and their sockets) for up to {@code spinNanos} before they block in the selector, as
 * the BEAM's schedulers busy-wait before they sleep ({@code +sbwt}) and Pekko's fork-join pool spins
 * before it parks. A task handed to a spinning loop needs no wake-up of its thread. It extends
 * Vert.x's internal {@code NioTransport}, changing only the select strategy of its I/O handlers:
 * a benchmark tool, not application code. {@link SpinProbe} measures it; BENCHMARKS.md has the figures.
 */
final class SpinningTransport implements Transport {

  private final io.vertx.core.spi.transport.Transport implementation;
  private final long spinNanos;

  SpinningTransport(long spinNanos) {
    this.spinNanos = spinNanos;
    this.implementation = new NioTransport() {
      @Override
      public IoHandlerFactory ioHandlerFactory() {
        return NioIoHandler.newFactory(SelectorProvider.provider(), () -> new SpinThenSelect(spinNanos));
      }
    };
  }

  @Override
  public String name() {
    return "nio, spinning " + spinNanos / 1000 + " µs";
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Throwable unavailabilityCause() {
    return null;
  }

  @Override
  public io.vertx.core.spi.transport.Transport implementation() {
    return implementation;
  }

  /** Netty's select strategy of one event loop: poll while idle for less than spinNanos, then block. */
  private static final class SpinThenSelect implements SelectStrategy {
    private final long spinNanos;
    private long idleSince = -1;

    SpinThenSelect(long spinNanos) {
      this.spinNanos = spinNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
      int ready = selectNow.get();
      if (hasTasks || ready > 0) {
        idleSince = -1;
        return ready;
      }
      long now = System.nanoTime();
      if (idleSince < 0) {
        idleSince = now;
      }
      if (now - idleSince < spinNanos) {
        Thread.onSpinWait();
        return SelectStrategy.CONTINUE;
      }
      idleSince = -1;
      return SelectStrategy.SELECT;
    }
  }
}
