package dev.rumbl.testing;

import dev.rumbl.video.Channels;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser's side of the event-bus bridge, spoken as raw JSON frames over SockJS's plain WebSocket
 * transport, anonymous or signed in with a token in its URL. It holds its WebSocket client: Vert.x 5 closes a client, and its sockets, once the
 * client is no longer reachable. A socket the server closes as soon as it opens (past a bound) is a
 * client that {@link #isClosed is closed}, not an error. {@link #registerAndAwait} returns once a registration is in effect:
 * the probes it publishes to find out are never handed to a test.
 */
public final class BridgeClient {

  private static final long WAIT_MS = 10_000;
  private static final String PROBE = "bridgeClient.probe";
  private static final long PROBE_PERIOD_MS = 50;

  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> kept = new ArrayList<>();
  private final Set<String> probesSeen = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    try {
      socket.closeHandler(ignored -> closed = true);
      socket.textMessageHandler(text -> receive(new JsonObject(text)));
      socket.binaryMessageHandler(bytes -> receive(bytes.toJsonObject()));
    } catch (IllegalStateException closedByTheServer) {
      closed = true;
    }
  }

  /** An anonymous socket: it may listen and compute, not annotate. */
  public static BridgeClient connect(Vertx vertx, int port) {
    return connect(vertx, port, null);
  }

  /** A socket signed in with token (null: anonymous), as a browser opens {@code /eventbus?token=...}. */
  public static BridgeClient connect(Vertx vertx, int port, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    String uri = "/eventbus/websocket" + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    return new BridgeClient(client, client.connect(port, "127.0.0.1", uri).await());
  }

  public void write(String frame) {
    socket.writeTextMessage(frame).await();
  }

  public void send(String address, Object body, String replyAddress) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body);
    write((replyAddress == null ? frame : frame.put("replyAddress", replyAddress)).encode());
  }

  public void register(String address) {
    write(new JsonObject().put("type", "register").put("address", address).encode());
  }

  /**
   * Registers for address and returns once a probe published from each of publishers (the Vert.x
   * instances of the nodes whose messages the test expects) has reached this socket: the
   * registration took effect on the server and, on a cluster, has spread to those nodes. A probe is
   * published where the application publishes to the address's listeners: a video's broadcast
   * address for its topic, the address itself otherwise. Fails after ten seconds.
   */
  public void registerAndAwait(String address, Vertx... publishers) throws InterruptedException {
    register(address);
    long videoId = Channels.videoId(Channels.TOPIC, address);
    String published = videoId > 0 ? Channels.broadcast(videoId) : address;
    for (Vertx publisher : publishers) {
      String probe = UUID.randomUUID().toString();
      long timer = publisher.setPeriodic(PROBE_PERIOD_MS, tick -> publisher.eventBus().publish(published, new JsonObject().put(PROBE, probe)));
      try {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!probesSeen.contains(probe)) {
          if (System.currentTimeMillis() > deadline) {
            throw new AssertionError("the registration for " + address + " did not take effect within " + WAIT_MS + " ms");
          }
          Thread.sleep(10);
        }
      } finally {
        publisher.cancelTimer(timer);
      }
    }
  }

  private void receive(JsonObject frame) {
    if (frame.getValue("body") instanceof JsonObject body && body.containsKey(PROBE)) {
      probesSeen.add(body.getString(PROBE));
    } else {
      received.add(frame);
    }
  }

  public void unregister(String address) {
    write(new JsonObject().put("type", "unregister").put("address", address).encode());
  }

  /** SockJS's keep-alive: a socket that sends none for the server's socket timeout is closed. */
  public void ping() {
    write(new JsonObject().put("type", "ping").encode());
  }

  public void close() {
    socket.close().await();
    client.close().await();
  }

  /** The frames received so far that were not taken, and takes them. */
  public List<JsonObject> drain() {
    List<JsonObject> all = new ArrayList<>(kept);
    kept.clear();
    received.drainTo(all);
    return all;
  }

  /** The first frame received that matches and was not taken yet (others are kept for later); fails after ten seconds. */
  public JsonObject next(Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (true) {
      for (Iterator<JsonObject> it = kept.iterator(); it.hasNext(); ) {
        JsonObject frame = it.next();
        if (wanted.test(frame)) {
          it.remove();
          return frame;
        }
      }
      JsonObject frame = received.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no matching frame within " + WAIT_MS + " ms; received " + kept);
      }
      kept.add(frame);
    }
  }

  public JsonObject nextError() throws InterruptedException {
    return next(frame -> "err".equals(frame.getString("type")));
  }

  public JsonObject nextOn(String address) throws InterruptedException {
    return next(frame -> "rec".equals(frame.getString("type")) && address.equals(frame.getString("address")));
  }

  public boolean isClosed() {
    return closed;
  }
}
