package dev.rumbl.testing;

import dev.rumbl.video.Channels;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * The bridge clients of one test: each opened on the application's port and joined to its videos
 * once a broadcast reaches it ({@link BridgeClient#registerAndAwait}); {@link #close} closes those
 * still open.
 */
public final class BridgeClients {

  private final Vertx vertx;
  private final int port;
  private final List<BridgeClient> opened = new ArrayList<>();

  public BridgeClients(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** A new client, joined to each of the videos. */
  public BridgeClient joined(long... videoIds) throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, port);
    opened.add(client);
    for (long id : videoIds) {
      client.registerAndAwait(Channels.topic(id), vertx);
    }
    return client;
  }

  public void close() {
    opened.stream().filter(client -> !client.isClosed()).forEach(BridgeClient::close);
  }
}
