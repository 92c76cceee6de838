package dev.rumbl.video;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ChildSpec;
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
 * restarted, one that stops normally is not), and the event-bus addresses of a video:
 * {@code videos.<id>} where its annotations are published, {@code videos.<id>.annotate} where
 * viewers send new ones. {@link #join} starts the channel of an existing video or finds the
 * running one; it fails with {@link UnknownVideo} for an unknown video and {@link StorageUnavailable}
 * when storage is not running.
 */
public final class Channels {

  public static final String SUPERVISOR = "videos.channels";
  public static final String TOPIC_PREFIX = "videos.";
  public static final String ANNOTATE_SUFFIX = ".annotate";
  /** The address pattern of a video's topic (group 1: the id). */
  public static final Pattern TOPIC = Pattern.compile("videos\\.([1-9][0-9]{0,17})");
  /** The address pattern where a video's annotations are sent (group 1: the id). */
  public static final Pattern ANNOTATE = Pattern.compile("videos\\.([1-9][0-9]{0,17})\\.annotate");
  static final String ERROR = "error";
  static final String UNAVAILABLE = "unavailable";

  private static final Name SUPERVISOR_NAME = Name.local(SUPERVISOR);

  private Channels() {
  }

  public static ChildSpec supervisorSpec() {
    ChildSpec template = ChildSpec.template("channel", (Long videoId) -> new Channel(videoId).named(Channel.name(videoId)))
      .withRestart(Restart.TRANSIENT);
    return ChildSpec.supervisor(SUPERVISOR, () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)).named(SUPERVISOR_NAME));
  }

  public static String topic(long videoId) {
    return TOPIC_PREFIX + videoId;
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
    return node.whereis(Channel.name(videoId)).compose(pid -> pid != null && node.isAlive(pid)
      ? Future.succeededFuture(pid)
      : store.video(videoId).compose(video -> Supervisor.<Pid>startDynamicChild(node, SUPERVISOR_NAME, videoId))
        .recover(error -> error instanceof AlreadyStarted taken ? Future.succeededFuture(taken.holder()) : Future.failedFuture(error)));
  }

  /**
   * Annotates through the video's channel; succeeds with the stored annotation as published, fails
   * with {@link InvalidInput}, {@link UnknownVideo}, {@link StorageUnavailable}, or the channel's exit.
   */
  public static Future<JsonObject> annotate(Node node, long videoId, AnnotationInput input) {
    return join(node, videoId).compose(pid -> node.<JsonObject>call(pid, input.toJson())).compose(reply -> {
      if (reply.containsKey(ERROR)) {
        return Future.failedFuture(new InvalidInput(reply.getString(ERROR)));
      }
      return reply.containsKey(UNAVAILABLE) ? Future.failedFuture(new StorageUnavailable()) : Future.succeededFuture(reply);
    });
  }
}
