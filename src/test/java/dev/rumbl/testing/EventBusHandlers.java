package dev.rumbl.testing;

import io.vertx.core.Vertx;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

import java.util.concurrent.atomic.AtomicInteger;

/** A Vert.x instance whose event bus counts its registered handlers (consumers and reply handlers), for leak checks. */
public final class EventBusHandlers {

  private final AtomicInteger registered = new AtomicInteger();
  private final Vertx vertx;

  public EventBusHandlers() {
    vertx = Vertx.builder().withMetrics(options -> new VertxMetrics() {
      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return new EventBusMetrics<String>() {
          @Override
          public String handlerRegistered(String address) {
            registered.incrementAndGet();
            return address;
          }

          @Override
          public void handlerUnregistered(String handler) {
            registered.decrementAndGet();
          }
        };
      }
    }).build();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Handlers registered now. */
  public int count() {
    return registered.get();
  }
}
