package dev.rumbl.web;

import dev.rumbl.otp.Pid;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

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
  /** The raw WebSocket endpoint of the bridge, whose frames are the bridge's JSON as they are. */
  static final String RAW_PATH = EventBusBridge.PATH + "/websocket";

  private final SockJSSocket socket;
  private final ContextInternal context;
  private final Future<Pid> process;
  private final long stalledMs;
  /** The raw WebSocket's channel; null on another transport. */
  private final Channel channel;
  private final Set<Long> videos = new HashSet<>(2);
  private boolean closed;
  /** When its write queue was first seen full since it last drained; 0 while it drains. Confined to the socket's event loop, as {@link #write} is. */
  private long fullSince;
  private boolean stalled;

  /** A connection opened on context (its socket's, where the bridge handles its frames). */
  BridgeConnection(SockJSSocket socket, ContextInternal context, Future<Pid> process, long stalledMs) {
    this.socket = socket;
    this.context = context;
    this.process = process;
    this.stalledMs = stalledMs;
    this.channel = rawChannel(socket);
  }

  /** The channel of a raw WebSocket upgraded from HTTP/1.1, else null. */
  private static Channel rawChannel(SockJSSocket socket) {
    String path = socket.routingContext().normalizedPath();
    boolean raw = path.equals(RAW_PATH) || path.equals(RAW_PATH + "/");
    return raw && socket.routingContext().request().connection() instanceof HttpServerConnection upgraded
      ? upgraded.channelHandlerContext().channel()
      : null;
  }

  SockJSSocket socket() {
    return socket;
  }

  ContextInternal context() {
    return context;
  }

  Future<Pid> process() {
    return process;
  }

  /** Subscribes to the video's broadcasts; false once the connection is closed. */
  synchronized boolean subscribe(VideoFanOut fanOut, long videoId) {
    if (!closed && videos.add(videoId)) {
      fanOut.subscribe(videoId, this);
    }
    return !closed;
  }

  synchronized void unsubscribe(VideoFanOut fanOut, long videoId) {
    if (videos.remove(videoId)) {
      fanOut.unsubscribe(videoId, this);
    }
  }

  /** Unsubscribes from every video; no subscription is taken after this. */
  synchronized void close(VideoFanOut fanOut) {
    closed = true;
    videos.forEach(videoId -> fanOut.unsubscribe(videoId, this));
    videos.clear();
  }

  /**
   * Writes a broadcast: its bridge frame, or on a raw WebSocket a duplicate of that frame encoded
   * ({@link BinaryFrame}); or closes the socket once it has not drained for the socket timeout.
   * Called on the socket's event loop only: {@link VideoFanOut} delivers on the loop of the
   * connection's context.
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
      HttpServerRequest request = socket.routingContext().request();
      if (request.canUpgradeToWebSocket() && request.connection() instanceof HttpServerConnection upgraded) {
        upgraded.channelHandlerContext().pipeline().firstContext().close();
      }
    }
  }
}
