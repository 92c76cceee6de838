package dev.rumbl.web;

import dev.rumbl.video.Channels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery of a video's annotations to the bridge sockets of one node that listen to its topic
 * {@code videos.<id>}, as Phoenix's PubSub "fastlane" delivers a broadcast: one event-bus consumer
 * per video with listeners on this node, at {@link Channels#broadcast}, which encodes each
 * annotation once into the bridge's {@code rec} frame and writes that same buffer to every
 * listening socket (the bridge alone would run a consumer, a permission check, an envelope and an
 * encoding per socket). The consumer is registered with the video's first listener on the node
 * and removed with its last. A connection that stopped reading is closed (see
 * {@link BridgeConnection#write}); its client reconnects and reads what it missed from the
 * annotations route. Thread-safe: connections of every event loop subscribe and unsubscribe at once.
 */
final class VideoFanOut {

  private final Vertx vertx;
  private final Map<Long, Feed> feeds = new ConcurrentHashMap<>();

  VideoFanOut(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Writes the video's annotations to connection from now on. */
  void subscribe(long videoId, BridgeConnection connection) {
    feeds.compute(videoId, (id, feed) -> {
      Feed joined = feed == null ? new Feed(id) : feed;
      joined.connections.add(connection);
      return joined;
    });
  }

  /** Stops writing the video's annotations to connection (nothing happens if it was not subscribed). */
  void unsubscribe(long videoId, BridgeConnection connection) {
    feeds.computeIfPresent(videoId, (id, feed) -> {
      feed.connections.remove(connection);
      if (feed.connections.isEmpty()) {
        feed.consumer.unregister();
        return null;
      }
      return feed;
    });
  }

  /** How many videos have listeners on this node. */
  int videoCount() {
    return feeds.size();
  }

  /** One video's listening connections on this node and the consumer of its broadcasts. */
  private final class Feed {

    private final String topic;
    private final Set<BridgeConnection> connections = ConcurrentHashMap.newKeySet();
    private final MessageConsumer<Object> consumer;

    Feed(long videoId) {
      this.topic = Channels.topic(videoId);
      this.consumer = vertx.eventBus().consumer(Channels.broadcast(videoId), this::deliver);
    }

    private void deliver(Message<Object> message) {
      Buffer frame = new JsonObject().put("type", "rec").put("address", topic).put("body", message.body()).toBuffer();
      long now = System.currentTimeMillis();
      for (BridgeConnection connection : connections) {
        connection.write(frame, now);
      }
    }
  }
}
