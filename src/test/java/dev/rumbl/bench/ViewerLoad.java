package dev.rumbl.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator of scenario 7, in a JVM of its own: prints {@value #STARTED}, and on
 * {@value #GO} opens {@code count} viewers of one video
 * as a browser's SockJS client would, over the bridge's raw WebSocket transport
 * ({@code /eventbus/websocket}, a {@code register} frame for {@code videos.<id>} and a
 * {@code ping}, then a {@code ping} every {@value #PING_MS} ms), from the loopback source address it is given (so that several
 * generators are not limited by one address's ephemeral ports), at most {@value #CONNECTING} at a
 * time, then prints {@code CONNECTED <open> <failed or closed>}. It reads each frame's text only as far as the marker {@value #MARKER} that the bench's
 * annotations carry ({@code bench <seq> <System.nanoTime() when sent>}; on one Linux machine every
 * JVM reads the same monotonic clock) and keeps, per sequence number, each viewer's latency.
 * Commands on stdin: {@code count <seq>} answers {@code COUNT <seq> <n>}; {@code report <seq>}
 * answers {@code LAT <seq>} and the latencies in µs; {@code stream <fromSeq>} answers
 * {@code STREAM <deliveries> <first arrival> <last arrival>} and the latencies' histogram
 * ({@code ms:count} pairs) of every sequence from fromSeq on; {@code quit} (or the end of stdin)
 * closes everything and exits. Bounded: it exits by itself after {@value #LIFETIME_MS} ms.
 * Arguments: host, port, video id, count, source address, the first sequence number of the stream.
 */
public final class ViewerLoad {

  static final String MARKER = "bench ";
  static final String STARTED = "STARTED";
  static final String GO = "go";
  static final String CONNECTED = "CONNECTED";
  static final long PING_MS = 4_000;
  static final String PING = "{\"type\":\"ping\"}";
  static final int CONNECTING = 100;
  static final long LIFETIME_MS = 30 * 60_000;
  private static final int HISTOGRAM_MS = 60_000;

  private final Map<Integer, List<Long>> latencies = new HashMap<>();
  private final Map<Integer, Integer> counts = new HashMap<>();
  private final long[] streamHistogram = new long[HISTOGRAM_MS + 1];
  private final int streamFrom;
  private long streamFirst = Long.MAX_VALUE;
  private long streamLast;
  private long streamCount;

  private ViewerLoad(int streamFrom) {
    this.streamFrom = streamFrom;
  }

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    long video = Long.parseLong(args[2]);
    int count = Integer.parseInt(args[3]);
    String source = args[4];
    int streamFrom = Integer.parseInt(args[5]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    vertx.setTimer(LIFETIME_MS, expired -> System.exit(3));
    ViewerLoad load = new ViewerLoad(streamFrom);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(source)
      .setMaxConnections(count + 10).setConnectTimeout(60_000).setIdleTimeout(0));
    ConcurrentLinkedQueue<WebSocket> open = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    String register = "{\"type\":\"register\",\"address\":\"videos." + video + "\"}";
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/eventbus/websocket");
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println(STARTED);
    System.out.flush();
    if (!GO.equals(commands.readLine())) {
      System.exit(2);
    }
    AtomicInteger closed = new AtomicInteger();
    vertx.setPeriodic(PING_MS, tick -> open.forEach(socket -> socket.writeTextMessage(PING)));
    List<Future<?>> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(client.connect(options).compose(socket -> {
        open.add(socket);
        socket.handler(data -> load.received(data.toString(StandardCharsets.UTF_8), System.nanoTime()));
        socket.closeHandler(gone -> {
          open.remove(socket);
          closed.incrementAndGet();
        });
        return socket.writeTextMessage(register).compose(registered -> socket.writeTextMessage(PING));
      }).onFailure(error -> failed.incrementAndGet()));
      if (batch.size() == CONNECTING || i == count - 1) {
        Future.join(batch).otherwiseEmpty().await();
        batch.clear();
      }
    }
    System.out.println(CONNECTED + " " + open.size() + " " + (failed.get() + closed.get()));
    System.out.flush();
    for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
      String[] parts = line.split(" ");
      String answer = vertx.executeBlocking(() -> load.answer(parts), false).await();
      System.out.println(answer);
      System.out.flush();
    }
    for (WebSocket socket : open) {
      socket.close();
    }
    vertx.close().await();
    System.exit(0);
  }

  /** Runs on a worker thread, so reads the state under the lock the event loop takes too. */
  private synchronized String answer(String[] command) {
    int seq = command.length > 1 ? Integer.parseInt(command[1]) : 0;
    StringBuilder answer = new StringBuilder();
    switch (command[0]) {
      case "count" -> answer.append("COUNT ").append(seq).append(' ').append(counts.getOrDefault(seq, 0));
      case "report" -> {
        answer.append("LAT ").append(seq);
        for (long nanos : latencies.getOrDefault(seq, List.of())) {
          answer.append(' ').append(nanos / 1000);
        }
      }
      case "stream" -> {
        answer.append("STREAM ").append(streamCount).append(' ').append(streamFirst).append(' ').append(streamLast);
        for (int ms = 0; ms < streamHistogram.length; ms++) {
          if (streamHistogram[ms] > 0) {
            answer.append(' ').append(ms).append(':').append(streamHistogram[ms]);
          }
        }
      }
      default -> answer.append("UNKNOWN ").append(command[0]);
    }
    return answer.toString();
  }

  /** A frame: when it carries the marker, its sequence and latency are kept. */
  private synchronized void received(String text, long now) {
    int at = text.indexOf(MARKER);
    if (at < 0) {
      return;
    }
    int start = at + MARKER.length();
    int space = text.indexOf(' ', start);
    int end = space + 1;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    int seq = Integer.parseInt(text, start, space, 10);
    long latency = now - Long.parseLong(text, space + 1, end, 10);
    if (seq >= streamFrom) {
      streamCount++;
      streamFirst = Math.min(streamFirst, now);
      streamLast = Math.max(streamLast, now);
      streamHistogram[(int) Math.min(HISTOGRAM_MS, Math.max(0, latency / 1_000_000))]++;
    } else {
      latencies.computeIfAbsent(seq, s -> new ArrayList<>()).add(latency);
      counts.merge(seq, 1, Integer::sum);
    }
  }
}
