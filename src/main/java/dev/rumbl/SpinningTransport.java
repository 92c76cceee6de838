package dev.rumbl;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;
import io.vertx.core.VertxBuilder;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.transport.Transport;

import java.nio.channels.spi.SelectorProvider;

/**
 * Vert.x's NIO transport whose event loops, once out of work, spin (polling their task queue and
 * their sockets) for up to {@code spinNanos} before they block in the selector, as the BEAM's
 * schedulers busy-wait before they sleep ({@code +sbwt}) and Pekko's fork-join pool spins before it
 * parks. A task handed to a spinning loop needs no wake-up of its thread, so a call across loops
 * costs less when the loops have cores of their own; where cores are shared, a spinning loop holds
 * a core its peer needs and every hop costs about the budget (BENCHMARKS.md, "Spinning before the
 * selector"). The application uses it only when {@code eventLoop.spinMicros} is above 0 (off by
 * default, as the BEAM offers {@code +sbwt none}). It extends Vert.x's internal
 * {@code NioTransport}, changing only the select strategy of its I/O handlers.
 */
public final class SpinningTransport implements Transport {

  private final io.vertx.core.spi.transport.Transport implementation;
  private final long spinNanos;

  public SpinningTransport(long spinNanos) {
    if (spinNanos < 1) {
      throw new IllegalArgumentException("a spin budget is at least 1 ns, not " + spinNanos);
    }
    this.spinNanos = spinNanos;
    this.implementation = new NioTransport() {
      @Override
      public IoHandlerFactory ioHandlerFactory() {
        return NioIoHandler.newFactory(SelectorProvider.provider(), () -> new SpinThenSelect(spinNanos));
      }
    };
  }

  /** The builder on a transport spinning up to spinMicros, or the builder as it is for 0 (Vert.x's own transport). */
  public static VertxBuilder onto(VertxBuilder builder, int spinMicros) {
    if (spinMicros < 0) {
      throw new IllegalArgumentException("a spin budget is 0 or more µs, not " + spinMicros);
    }
    return spinMicros == 0 ? builder : builder.withTransport(new SpinningTransport(spinMicros * 1_000L));
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
