package dev.rumbl.video;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who is watching each video, as Phoenix Presence: one process per node, registered as
 * {@value #NAME}, lists the {@link Viewer}s of this node (each joins as it starts; the presence
 * monitors it, so it leaves when it exits, however it exits) and learns the other nodes' lists
 * from the cluster's event bus ({@value #SYNC}: each node publishes its own list of a video when
 * it changes; a node's first viewer of a video asks the others for theirs). A node that leaves the
 * cluster takes its viewers out of the lists within {@value #NODE_CHECK_MS} ms of the cluster
 * seeing it gone. On every change the merged list of a video ({@link #toJson}: its distinct users,
 * at most {@value #MAX_LISTED} of them, the number of viewers and of anonymous ones) is published
 * to the viewers of this node at {@code videos.<id>.presence}, at most once every
 * {@value #INTERVAL_MS} ms for all videos, the last change always published. {@link #who} answers
 * the same list, and {@link #watched} whether this node has a viewer of a video. A restarted presence process starts with an empty list of this node's viewers
 * (they are listed again as they join anew).
 */
public final class Presence extends GenServer<Presence.Lists> {

  public static final String NAME = "videos.presence";
  /** The cluster-wide address where nodes publish their own lists of a video's viewers. */
  public static final String SYNC = "videos.presence.sync";
  public static final String SUFFIX = ".presence";
  /** The address pattern of a video's presence topic (group 1: the id). */
  public static final Pattern TOPIC = Pattern.compile("videos\\.([1-9][0-9]{0,17})\\.presence");
  public static final long INTERVAL_MS = 250;
  public static final long NODE_CHECK_MS = 1000;
  public static final int MAX_LISTED = 100;

  static final Name PROCESS = Name.local(NAME);

  /** A viewer joins. */
  record Joined(long videoId, Pid viewer, String user) {
  }

  /** Asks for a video's merged list. */
  record Who(long videoId) {
  }

  /** Asks whether a viewer of this node watches the video. */
  record Watched(long videoId) {
  }

  /** Another node's list, as it came over the event bus. */
  private record Synced(JsonObject body) {
  }

  private record Flush() {
  }

  private record NodeCheck() {
  }

  /** How many viewers each user has, and how many are anonymous. */
  record Tally(Map<String, Integer> users, int anonymous) {

    static final Tally EMPTY = new Tally(Map.of(), 0);

    int viewers() {
      return anonymous + users.values().stream().mapToInt(Integer::intValue).sum();
    }

    JsonObject toJson() {
      return new JsonObject().put("users", new JsonObject(new HashMap<>(users))).put("anonymous", anonymous);
    }

    static Tally fromJson(JsonObject json) {
      Map<String, Integer> users = new TreeMap<>();
      json.getJsonObject("users", new JsonObject()).forEach(entry -> users.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
      return new Tally(users, json.getInteger("anonymous", 0));
    }
  }

  /** A viewer of this node: its video and its user (null: anonymous). */
  record Listed(long videoId, String user) {
  }

  /** This node's viewers of one video, counted by user: what is published of them, kept up to date as they come and go. */
  static final class Watching {
    private final Map<String, Integer> users = new TreeMap<>();
    private int anonymous;

    void add(String user) {
      if (user == null) {
        anonymous++;
      } else {
        users.merge(user, 1, Integer::sum);
      }
    }

    void remove(String user) {
      if (user == null) {
        anonymous--;
      } else {
        users.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
      }
    }

    boolean isEmpty() {
      return anonymous == 0 && users.isEmpty();
    }

    Tally tally() {
      return new Tally(Collections.unmodifiableMap(users), anonymous);
    }
  }

  /**
   * This node's viewers (each one entry, however many watch the same video: a node holds thousands)
   * and their counts by video, other nodes' tallies of each video, and what waits to be published.
   */
  static final class Lists {
    final Map<Pid, Listed> listed = new HashMap<>();
    final Map<Long, Watching> local = new HashMap<>();
    final Map<Long, Map<String, Tally>> remote = new HashMap<>();
    final Set<Long> toSync = new HashSet<>();
    final Set<Long> toShow = new HashSet<>();
    final Set<Long> toAsk = new HashSet<>();
    MessageConsumer<JsonObject> sync;
    boolean flushScheduled;
    long lastFlush;
  }

  public static ChildSpec childSpec() {
    return ChildSpec.worker(NAME, () -> new Presence().named(PROCESS));
  }

  /** Lists the viewer of the video (user null: anonymous) until it exits; nothing happens when no presence process runs. */
  static void join(Node node, long videoId, Pid viewer, String user) {
    node.cast(PROCESS, new Joined(videoId, viewer, user));
  }

  /** The merged list of the video's viewers across the cluster, as published. */
  public static Future<JsonObject> who(Node node, long videoId) {
    return node.call(PROCESS, new Who(videoId));
  }

  /**
   * Whether a viewer of this node watches the video (so that the video exists: videos are never
   * deleted); false also when no presence process runs.
   */
  static Future<Boolean> watched(Node node, long videoId) {
    return node.<Boolean>call(PROCESS, new Watched(videoId)).otherwise(false);
  }

  public static String topic(long videoId) {
    return Channels.topic(videoId) + SUFFIX;
  }

  @Override
  protected Init<Lists> init() {
    Lists lists = new Lists();
    if (node().isClustered()) {
      lists.sync = vertx.eventBus().consumer(SYNC, message -> node().send(self(), new Synced(message.body())));
      node().sendAfter(self(), new NodeCheck(), NODE_CHECK_MS);
      MessageConsumer<JsonObject> sync = lists.sync;
      return Init.async(sync.completion().map(registered -> lists));
    }
    return Init.ok(lists);
  }

  @Override
  protected Outcome<Lists> handleCast(Object request, Lists lists) {
    if (!(request instanceof Joined joined)) {
      return super.handleCast(request, lists);
    }
    if (lists.listed.containsKey(joined.viewer())) {
      left(joined.viewer(), lists);
    } else {
      node().monitor(joined.viewer());
    }
    Watching watching = lists.local.computeIfAbsent(joined.videoId(), id -> new Watching());
    if (watching.isEmpty()) {
      lists.toAsk.add(joined.videoId());
    }
    watching.add(joined.user());
    lists.listed.put(joined.viewer(), new Listed(joined.videoId(), joined.user()));
    changed(joined.videoId(), lists);
    return noreply(lists);
  }

  @Override
  protected Outcome<Lists> handleCall(Object request, From from, Lists lists) {
    if (request instanceof Who who) {
      return reply(toJson(who.videoId(), lists), lists);
    }
    if (request instanceof Watched watched) {
      return reply(lists.local.containsKey(watched.videoId()), lists);
    }
    return super.handleCall(request, from, lists);
  }

  @Override
  protected Outcome<Lists> handleInfo(Object message, Lists lists) {
    if (message instanceof Down down) {
      left(down.pid(), lists);
    } else if (message instanceof Flush) {
      flush(lists);
    } else if (message instanceof Synced synced) {
      fromOtherNode(synced.body(), lists);
    } else if (message instanceof NodeCheck check) {
      forgetNodesGone(lists);
      node().sendAfter(self(), check, NODE_CHECK_MS);
    } else {
      return super.handleInfo(message, lists);
    }
    return noreply(lists);
  }

  /** Takes the viewers of nodes no longer in the cluster out of the lists. */
  private void forgetNodesGone(Lists lists) {
    Set<String> nodes = node().nodes();
    lists.remote.forEach((videoId, tallies) -> {
      if (tallies.keySet().removeIf(other -> !nodes.contains(other))) {
        lists.toShow.add(videoId);
      }
    });
    lists.remote.values().removeIf(Map::isEmpty);
    scheduleFlush(lists);
  }

  private void left(Pid viewer, Lists lists) {
    Listed gone = lists.listed.remove(viewer);
    if (gone == null) {
      return;
    }
    Watching watching = lists.local.get(gone.videoId());
    watching.remove(gone.user());
    if (watching.isEmpty()) {
      lists.local.remove(gone.videoId());
    }
    changed(gone.videoId(), lists);
  }

  private void changed(long videoId, Lists lists) {
    lists.toSync.add(videoId);
    lists.toShow.add(videoId);
    scheduleFlush(lists);
  }

  /** Flushes now if the last flush is {@value #INTERVAL_MS} ms old, else once it is. */
  private void scheduleFlush(Lists lists) {
    if (lists.flushScheduled || lists.toShow.isEmpty() && lists.toSync.isEmpty()) {
      return;
    }
    lists.flushScheduled = true;
    long sinceMs = (System.nanoTime() - lists.lastFlush) / 1_000_000;
    node().sendAfter(self(), new Flush(), Math.max(0, INTERVAL_MS - sinceMs));
  }

  private void flush(Lists lists) {
    lists.flushScheduled = false;
    lists.lastFlush = System.nanoTime();
    if (lists.sync != null) {
      for (long videoId : lists.toSync) {
        JsonObject message = localTally(videoId, lists).toJson().put("node", node().id()).put("video", videoId)
          .put("ask", lists.toAsk.contains(videoId));
        vertx.eventBus().publish(SYNC, message);
      }
    }
    lists.toSync.clear();
    lists.toAsk.clear();
    DeliveryOptions here = new DeliveryOptions().setLocalOnly(true);
    for (long videoId : lists.toShow) {
      vertx.eventBus().publish(topic(videoId), toJson(videoId, lists), here);
    }
    lists.toShow.clear();
  }

  /** Another node's list of a video's viewers (this node's own are ignored). */
  private void fromOtherNode(JsonObject body, Lists lists) {
    String other = body.getString("node");
    if (other == null || other.equals(node().id())) {
      return;
    }
    long videoId = body.getLong("video");
    Tally tally = Tally.fromJson(body);
    Map<String, Tally> tallies = lists.remote.computeIfAbsent(videoId, id -> new HashMap<>());
    if (tally.viewers() == 0) {
      tallies.remove(other);
      if (tallies.isEmpty()) {
        lists.remote.remove(videoId);
      }
    } else {
      tallies.put(other, tally);
    }
    lists.toShow.add(videoId);
    if (body.getBoolean("ask", false) && lists.local.containsKey(videoId)) {
      lists.toSync.add(videoId);
    }
    scheduleFlush(lists);
  }

  private static Tally localTally(long videoId, Lists lists) {
    Watching watching = lists.local.get(videoId);
    return watching == null ? Tally.EMPTY : watching.tally();
  }

  /**
   * The merged list: {@code {"video", "users": [distinct names, sorted, at most MAX_LISTED],
   * "viewers": every viewer, "anonymous": those without an account}}.
   */
  static JsonObject toJson(long videoId, Lists lists) {
    Tally here = localTally(videoId, lists);
    Map<String, Integer> users = new TreeMap<>(here.users());
    int anonymous = here.anonymous();
    for (Tally tally : lists.remote.getOrDefault(videoId, Map.of()).values()) {
      tally.users().forEach((user, count) -> users.merge(user, count, Integer::sum));
      anonymous += tally.anonymous();
    }
    int viewers = anonymous + users.values().stream().mapToInt(Integer::intValue).sum();
    JsonArray names = new JsonArray();
    users.keySet().stream().limit(MAX_LISTED).forEach(names::add);
    return new JsonObject().put("video", videoId).put("users", names).put("viewers", viewers).put("anonymous", anonymous);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Lists lists) {
    return lists == null || lists.sync == null ? Future.succeededFuture() : lists.sync.unregister();
  }
}
