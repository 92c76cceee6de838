package dev.rumbl.web;

import dev.rumbl.video.Channels;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery of a video's annotations to the bridge sockets of one node that listen to its topic
 * {@code videos.<id>}, as Phoenix's PubSub "fastlane" delivers a broadcast: one event-bus consumer
 * per video and event loop with listeners there, at {@link Channels#broadcast}, on that loop, which
 * encodes each annotation once into the bridge's {@code rec} frame, and once into a WebSocket
 * frame, and writes those same bytes to the loop's listening sockets (the bridge alone would run a consumer, a permission check, an
 * envelope and an encoding per socket; one consumer per node would hand half the writes to the
 * other loop, one task each). The clustered event bus still sends one message per node. A consumer
 * is registered with its video's first listener on its loop and removed with the last. A connection that stopped reading is closed (see
 * {@link BridgeConnection#write}); its client reconnects and reads what it missed from the
 * annotations route. Thread-safe: connections of every event loop subscribe and unsubscribe at once.
 */
final class VideoFanOut {

  private final Vertx vertx;
  private final Map<FeedKey, Feed> feeds = new ConcurrentHashMap<>();
  /** A context of each event loop for its consumers, of no listener's: a restarted listener finds its loop's feeds working. */
  private final Map<EventLoop, ContextInternal> loops = new ConcurrentHashMap<>();

  VideoFanOut(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Writes the video's annotations to connection from now on. */
  void subscribe(long videoId, BridgeConnection connection) {
    EventLoop loop = connection.loop();
    feeds.compute(new FeedKey(videoId, loop), (key, feed) -> {
      Feed joined = feed == null ? new Feed(videoId, loops.computeIfAbsent(loop, this::contextOn)) : feed;
      joined.connections.add(connection);
      return joined;
    });
  }

  /** Stops writing the video's annotations to connection (nothing happens if it was not subscribed). */
  void unsubscribe(long videoId, BridgeConnection connection) {
    feeds.computeIfPresent(new FeedKey(videoId, connection.loop()), (key, feed) -> {
      feed.connections.remove(connection);
      if (feed.connections.isEmpty()) {
        feed.consumer.unregister();
        return null;
      }
      return feed;
    });
  }

  private ContextInternal contextOn(EventLoop loop) {
    return ((VertxInternal) vertx).contextBuilder().withEventLoop(loop).build();
  }

  /** A video and an event loop. */
  private record FeedKey(long videoId, EventLoop loop) {
  }

  /** One video's listening connections on one event loop and the consumer of its broadcasts there. */
  private final class Feed {

    private final String topic;
    private final Set<BridgeConnection> connections = ConcurrentHashMap.newKeySet();
    private MessageConsumer<Object> consumer;

    /** Registers the consumer on context, its loop's, whichever thread subscribes. */
    Feed(long videoId, ContextInternal context) {
      this.topic = Channels.topic(videoId);
      context.dispatch(() -> consumer = vertx.eventBus().consumer(Channels.broadcast(videoId), this::deliver));
    }

    private void deliver(Message<Object> message) {
      Buffer frame = new JsonObject().put("type", "rec").put("address", topic).put("body", message.body()).toBuffer();
      ByteBuf encoded = BinaryFrame.encode(frame);
      long now = System.currentTimeMillis();
      try {
        for (BridgeConnection connection : connections) {
          connection.write(frame, encoded, now);
        }
      } finally {
        encoded.release();
      }
    }
  }
}
