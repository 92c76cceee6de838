package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 7's writer: one bridge connection (signed in with a token where the server needs one)
 * that sends annotations {@code {"body": "bench <seq> <System.nanoTime()>", "at": 0}} to
 * {@code videos.<id>.annotate}, each with a reply address, and completes each send when its reply
 * comes; an error frame fails it. It pings the bridge every {@value ViewerLoad#PING_MS} ms.
 */
final class Writer implements AutoCloseable {

  private static final long ACK_TIMEOUT_S = 60;

  private final WebSocketClient client;
  private final WebSocket socket;
  private final Map<String, Promise<Void>> pending = new ConcurrentHashMap<>();
  private final long pinger;
  private final Vertx vertx;

  private Writer(Vertx vertx, WebSocketClient client, WebSocket socket) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    socket.handler(data -> received(data.toString(StandardCharsets.UTF_8)));
    pinger = vertx.setPeriodic(ViewerLoad.PING_MS, tick -> socket.writeTextMessage("{\"type\":\"ping\"}"));
  }

  static Writer open(Vertx vertx, int port, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    String uri = "/eventbus/websocket" + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    return new Writer(vertx, client, client.connect(port, "127.0.0.1", uri).await());
  }

  private void received(String text) {
    JsonObject frame = new JsonObject(text);
    Promise<Void> waiting = frame.getString("address") == null ? null : pending.remove(frame.getString("address"));
    if (waiting == null) {
      return;
    }
    if ("rec".equals(frame.getString("type"))) {
      waiting.complete();
    } else {
      waiting.fail(new IllegalStateException("the server refused an annotation: " + text));
    }
  }

  /** Sends annotation seq, stamped now; completes with its reply. */
  Future<Void> send(long video, int seq) {
    String replyAddress = "w" + seq;
    Promise<Void> reply = Promise.promise();
    pending.put(replyAddress, reply);
    JsonObject body = new JsonObject().put("body", ViewerLoad.MARKER + seq + " " + System.nanoTime()).put("at", 0);
    socket.writeTextMessage(new JsonObject().put("type", "send").put("address", "videos." + video + ".annotate")
      .put("body", body).put("replyAddress", replyAddress).encode());
    return reply.future();
  }

  /** Sends annotations from seq first on, window at a time, for durationMs; waits for every reply; the number sent. */
  int stream(long video, int first, int window, long durationMs) throws InterruptedException {
    Semaphore inFlight = new Semaphore(window);
    long end = System.nanoTime() + durationMs * 1_000_000;
    int seq = first;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    while (System.nanoTime() < end) {
      if (!inFlight.tryAcquire(ACK_TIMEOUT_S, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no reply within " + ACK_TIMEOUT_S + " s");
      }
      send(video, seq++).onFailure(failure::set).onComplete(done -> inFlight.release());
    }
    if (!inFlight.tryAcquire(window, ACK_TIMEOUT_S, TimeUnit.SECONDS)) {
      throw new IllegalStateException("replies missing after " + ACK_TIMEOUT_S + " s");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the stream was refused in part", failure.get());
    }
    return seq - first;
  }

  @Override
  public void close() {
    vertx.cancelTimer(pinger);
    socket.close().await();
    client.close().await();
  }
}
