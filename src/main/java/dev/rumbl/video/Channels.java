package dev.rumbl.video;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The video channels: one {@link Channel} process per video, started on demand under the
 * simple_one_for_one supervisor {@value #SUPERVISOR} (transient children: a crashed channel is
 * restarted, one that stops normally, as an idle one does, is not), and the event-bus addresses of
 * a video: {@code videos.<id>} the topic its viewers listen to, {@code videos.<id>.annotate}
 * where viewers send new ones, and {@code videos.broadcast.<id>} where its annotations are published
 * (node-internal: no bridge client may reach it; the bridge relays it to the topic's listeners). {@link #join} starts the channel of an existing video or finds the
 * running one; it fails with {@link UnknownVideo} for an unknown video and
 * {@link StorageUnavailable} when storage is not running. {@link #annotate} joins again, once,
 * when the channel it joined stopped as idle before the annotation reached it. On a clustered node
 * the channel's name is global: a join on any node finds the channel wherever it runs, or starts
 * it under this node's supervisor. A name still held by a process of a node that has left the
 * cluster (until the registry frees it, within the time the cluster takes to see the node gone) is
 * waited for, {@value #STALE_HOLDER_RETRY_MS} ms at a time, up to {@value #STALE_HOLDER_RETRIES}
 * times, then the stale holder is answered and calling it fails.
 */
public final class Channels {

  public static final String SUPERVISOR = "videos.channels";
  /** The namespace of the channels' names, keyed by video id. */
  public static final String NAMESPACE = "videos.channels";
  public static final String TOPIC_PREFIX = "videos.";
  public static final String ANNOTATE_SUFFIX = ".annotate";
  static final String BROADCAST_PREFIX = "videos.broadcast.";
  /** The address pattern of a video's topic (group 1: the id). */
  public static final Pattern TOPIC = Pattern.compile("videos\\.([1-9][0-9]{0,17})");
  /** The address pattern where a video's annotations are sent (group 1: the id). */
  public static final Pattern ANNOTATE = Pattern.compile("videos\\.([1-9][0-9]{0,17})\\.annotate");

  /** How long a channel with no annotation keeps running, by default: ten minutes. */
  public static final int DEFAULT_IDLE_MS = 600_000;
  static final long STALE_HOLDER_RETRY_MS = 200;
  static final int STALE_HOLDER_RETRIES = 30;

  private static final Name SUPERVISOR_NAME = Name.local(SUPERVISOR);

  /** What the template makes a channel from: the video and the name it registers. */
  private record Start(long videoId, Name name) {
  }

  private Channels() {
  }

  public static ChildSpec supervisorSpec() {
    return supervisorSpec(DEFAULT_IDLE_MS);
  }

  /** The channels' supervisor, whose channels stop after idleMs without an annotation. */
  public static ChildSpec supervisorSpec(long idleMs) {
    ChildSpec template = ChildSpec.template("channel", (Start start) -> new Channel(start.videoId(), idleMs).named(start.name()))
      .withRestart(Restart.TRANSIENT);
    return ChildSpec.supervisor(SUPERVISOR, () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)).named(SUPERVISOR_NAME));
  }

  public static String topic(long videoId) {
    return TOPIC_PREFIX + videoId;
  }

  /** Where the video's annotations are published, once per node with listeners of its topic; never a client's address. */
  public static String broadcast(long videoId) {
    return BROADCAST_PREFIX + videoId;
  }

  public static String annotateAddress(long videoId) {
    return topic(videoId) + ANNOTATE_SUFFIX;
  }

  /** The video id of an address matching pattern, or -1. */
  public static long videoId(Pattern pattern, String address) {
    Matcher matcher = pattern.matcher(address);
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
  }

  public static Future<Pid> join(Node node, long videoId) {
    VideoStore store = Storage.store(node.vertx());
    if (store == null) {
      return Future.failedFuture(new StorageUnavailable());
    }
    Name name = Channel.name(node, videoId);
    return node.whereis(name).compose(pid -> isReachable(node, pid)
      ? Future.succeededFuture(pid)
      : store.video(videoId).compose(video -> start(node, new Start(videoId, name), STALE_HOLDER_RETRIES)));
  }

  private static Future<Pid> start(Node node, Start start, int retriesLeft) {
    return Supervisor.<Pid>startDynamicChild(node, SUPERVISOR_NAME, start).recover(error -> {
      if (!(error instanceof AlreadyStarted taken)) {
        return Future.failedFuture(error);
      }
      if (isReachable(node, taken.holder()) || retriesLeft == 0) {
        return Future.succeededFuture(taken.holder());
      }
      return node.vertx().timer(STALE_HOLDER_RETRY_MS).compose(tick -> start(node, start, retriesLeft - 1));
    });
  }

  /** A live process of this node, or a process of another node of the cluster (which may have exited: a call then says so). */
  private static boolean isReachable(Node node, Pid pid) {
    return pid != null && (node.isAlive(pid) || !pid.node().equals(node.id()) && node.nodes().contains(pid.node()));
  }

  /**
   * Annotates through the video's channel; succeeds with the stored annotation as published, fails
   * with {@link InvalidInput}, {@link UnknownVideo}, {@link StorageUnavailable}, or the channel's exit.
   */
  public static Future<JsonObject> annotate(Node node, long videoId, AnnotationInput input) {
    return send(node, videoId, input)
      .recover(error -> stoppedAsIdle(error) ? send(node, videoId, input) : Future.failedFuture(error))
      .compose(reply -> ChannelReply.fromJson(reply).outcome());
  }

  private static Future<JsonObject> send(Node node, long videoId, AnnotationInput input) {
    return join(node, videoId).compose(pid -> node.call(pid, input.toJson()));
  }

  /** A call that found its channel gone, or exiting normally: one that stopped as idle between the join and the call. */
  private static boolean stoppedAsIdle(Throwable error) {
    ExitReason reason = ExitReason.of(error);
    return reason instanceof ExitReason.Noproc || reason instanceof ExitReason.Normal;
  }
}
