package dev.rumbl.otp;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The context local that names the process whose context it is, for processes that run on a
 * context shared per event loop ({@link Process#withSharedContext()}): each has a duplicate of the
 * shared context, and this local of the duplicate holds it. Vert.x fixes its context locals when an
 * instance is built, so the local is registered as Vert.x asks, as a static of a service provider
 * ({@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}), which Vert.x loads before it
 * builds its first instance; it adds one slot to every context's array of locals. Not for
 * application code: Vert.x instantiates it, and it configures nothing.
 */
public final class ProcessLocal implements VertxServiceProvider {

  static final ContextLocal<Process> KEY = ContextLocal.registerLocal(Process.class);

  @Override
  public void init(VertxBootstrap builder) {
  }
}
