package dev.rumbl.web;

import dev.rumbl.otp.Pid;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * One open connection of the event-bus bridge: its SockJS socket, its socket process, and the
 * videos whose broadcasts {@link VideoFanOut} writes to it. Subscribing and closing exclude each
 * other, so that a join that completes as the connection closes never leaves a closed socket
 * subscribed. A connection that stops reading is closed once its write queue has stayed full for
 * the socket timeout (as long as the bridge waits for a silent client's ping): until then each
 * broadcast is still written to it, so that a burst that a reading client drains loses nothing,
 * and what one that does not read can hold is bounded by the annotations of that time. On a raw
 * WebSocket ({@value #RAW_PATH}), a broadcast's frame, encoded once for every socket
 * ({@link BinaryFrame}), is written to the socket's channel as it is, below Vert.x's WebSocket:
 * so a broadcast may overtake a reply or a pong that Vert.x still holds for a socket that reads
 * slowly, never another broadcast (the bridge orders nothing between addresses). Other transports
 * (SockJS's framing) get the broadcast through their socket.
 */
final class BridgeConnection {

  private static final Logger log = LoggerFactory.getLogger(BridgeConnection.class);
  private static final long[] NONE = new long[0];
  /** The raw WebSocket endpoint of the bridge, whose frames are the bridge's JSON as they are. */
  static final String RAW_PATH = EventBusBridge.PATH + "/websocket";
  /** The name Vert.x gives the idle-timeout handler in a connection's pipeline. */
  private static final String IDLE_HANDLER = "idle";

  private final SockJSSocket socket;
  /** The socket's event loop, where the bridge handles its frames and the fan-out writes to it. */
  private final EventLoop loop;
  private final Future<Pid> process;
  private final long stalledMs;
  /** The raw WebSocket's channel; null on another transport. */
  private final Channel channel;
  /** The videos subscribed to, in no order: most connections watch one, so an array of them rather than a set (about 110 bytes less a connection). */
  private long[] videos = NONE;
  private boolean closed;
  /** When its write queue was first seen full since it last drained; 0 while it drains. Confined to the socket's event loop, as {@link #write} is. */
  private long fullSince;
  private boolean stalled;

  /** A connection opened on loop, its socket's. */
  BridgeConnection(SockJSSocket socket, EventLoop loop, Future<Pid> process, long stalledMs) {
    this.socket = socket;
    this.loop = loop;
    this.process = process;
    this.stalledMs = stalledMs;
    HttpServerConnection upgraded = upgradedConnection(socket);
    this.channel = upgraded != null && isRaw(socket) ? upgraded.channelHandlerContext().channel() : null;
    dropIdleTimeout(upgraded);
  }

  /** The HTTP/1.1 connection a WebSocket was upgraded from (Vert.x's internal type, the only way to its channel), else null. */
  private static HttpServerConnection upgradedConnection(SockJSSocket socket) {
    HttpServerRequest request = socket.routingContext().request();
    return request.canUpgradeToWebSocket() && request.connection() instanceof HttpServerConnection upgraded ? upgraded : null;
  }

  private static boolean isRaw(SockJSSocket socket) {
    String path = socket.routingContext().normalizedPath();
    return path.equals(RAW_PATH) || path.equals(RAW_PATH + "/");
  }

  /**
   * Takes the HTTP server's idle timeout off a WebSocket connection: the bridge judges its silence
   * itself (a socket that sends no ping for the socket timeout is closed, and one that stops reading
   * is closed above), and a live client pings every few seconds, so the server's timer (Netty's
   * {@code IdleStateHandler}, its task and its place in the pipeline, about 260 bytes a connection,
   * BENCHMARKS.md, scenario 7) would never fire on it. Other transports, plain HTTP, keep it; the
   * handler is the one Vert.x names {@code idle}.
   */
  private static void dropIdleTimeout(HttpServerConnection upgraded) {
    if (upgraded != null) {
      ChannelPipeline pipeline = upgraded.channelHandlerContext().pipeline();
      if (pipeline.get(IDLE_HANDLER) != null) {
        pipeline.remove(IDLE_HANDLER);
      }
    }
  }

  SockJSSocket socket() {
    return socket;
  }

  EventLoop loop() {
    return loop;
  }

  Future<Pid> process() {
    return process;
  }

  /** Subscribes to the video's broadcasts; false once the connection is closed. */
  synchronized boolean subscribe(VideoFanOut fanOut, long videoId) {
    if (!closed && indexOf(videoId) < 0) {
      videos = Arrays.copyOf(videos, videos.length + 1);
      videos[videos.length - 1] = videoId;
      fanOut.subscribe(videoId, this);
    }
    return !closed;
  }

  synchronized void unsubscribe(VideoFanOut fanOut, long videoId) {
    int index = indexOf(videoId);
    if (index >= 0) {
      videos[index] = videos[videos.length - 1];
      videos = videos.length == 1 ? NONE : Arrays.copyOf(videos, videos.length - 1);
      fanOut.unsubscribe(videoId, this);
    }
  }

  /** Unsubscribes from every video; no subscription is taken after this. */
  synchronized void close(VideoFanOut fanOut) {
    closed = true;
    for (long videoId : videos) {
      fanOut.unsubscribe(videoId, this);
    }
    videos = NONE;
  }

  private int indexOf(long videoId) {
    for (int i = 0; i < videos.length; i++) {
      if (videos[i] == videoId) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Writes a broadcast: its bridge frame, or on a raw WebSocket a duplicate of that frame encoded
   * ({@link BinaryFrame}); or closes the socket once it has not drained for the socket timeout.
   * Called on the socket's event loop only: {@link VideoFanOut} delivers on the connection's
   * loop.
   */
  void write(Buffer frame, ByteBuf encoded, long now) {
    if (channel != null ? channel.isWritable() : !socket.writeQueueFull()) {
      fullSince = 0;
    } else if (fullSince == 0) {
      fullSince = now;
    } else if (now - fullSince >= stalledMs) {
      closeStalled(now - fullSince);
      return;
    }
    if (channel != null) {
      channel.writeAndFlush(encoded.retainedDuplicate(), channel.voidPromise());
    } else {
      socket.write(frame);
    }
  }

  /**
   * Closes a stalled socket. A WebSocket's close frame would wait behind what the client does not
   * read, and Vert.x's closing timeout starts only once that frame is written; a close through the
   * channel's pipeline is turned into that same close by Vert.x's handler. So the TCP connection is
   * closed from the pipeline's first handler, below Vert.x's (reached through Vert.x's internal
   * connection type, the only way to it), which ends the socket, its bridge state and its
   * processes at once.
   */
  private void closeStalled(long fullForMs) {
    if (!stalled) {
      stalled = true;
      log.warn("Closing a bridge socket from {}: it has read nothing for {} ms", socket.remoteAddress(), fullForMs);
      socket.close();
      HttpServerConnection upgraded = upgradedConnection(socket);
      if (upgraded != null) {
        upgraded.channelHandlerContext().pipeline().firstContext().close();
      }
    }
  }
}
