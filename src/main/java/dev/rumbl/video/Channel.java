package dev.rumbl.video;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel of one video, as a Phoenix channel is a process: registered as the video's id in
 * the namespace {@value Channels#NAMESPACE} (a global name on a clustered node: one channel per
 * video in the cluster, reached from every node; a namespace of its own, so that no name a client
 * chooses elsewhere, a counter's say, is ever taken for a channel), it answers calls carrying an
 * annotation as JSON (from the HTTP API, with the token's user; the bridge's annotations go to each
 * connection's own {@link Viewer}). The annotation is validated, stored, and only once it is committed broadcast to the listeners of {@code videos.<id>}
 * and acknowledged (a reply with the stored annotation). Then, without holding up the viewer or
 * the mailbox, it asks InfoSys for the best answer to the annotation's body (limit
 * {@value Annotator#ANSWER_LIMIT}, {@value Annotator#ANSWER_TIMEOUT_MS} ms) and stores and publishes that answer as
 * an annotation by the backend's user at the same moment, with its url. An invalid annotation is
 * refused (a {@link ChannelReply.Invalid}). It uses whichever storage process runs at the time of
 * each annotation, so that it outlives a restart of storage: while none runs, an annotation is
 * refused as unavailable (a {@link ChannelReply.Unavailable}), nothing is stored and the channel keeps running; any other failure to store crashes the channel,
 * whose supervisor restarts it. Only {@link Channels#join} starts a channel, once the video is found.
 * A channel that has had no annotation for its idle time, and has nothing in flight (an annotation
 * being stored, an InfoSys answer awaited or being stored), exits normally (its supervisor does not
 * restart it), so that a node does not keep a process for every video ever annotated; the next
 * join starts it again.
 */
final class Channel extends GenServer<Annotator> {

  private static final Logger log = LoggerFactory.getLogger(Channel.class);

  /** Looks at whether the channel has been idle for its idle time. */
  private record IdleCheck() {
  }

  private static final IdleCheck IDLE_CHECK = new IdleCheck();

  private final long videoId;
  private final long idleMs;
  private long lastAnnotated;
  private int inFlight;

  Channel(long videoId, long idleMs) {
    this.videoId = videoId;
    this.idleMs = idleMs;
  }

  /** The channel's name: global on a clustered node, so that the cluster has one channel per video, local otherwise. */
  static Name name(Node node, long videoId) {
    String key = Long.toString(videoId);
    return node.isClustered() ? Name.global(Channels.NAMESPACE, key) : Name.local(Channels.NAMESPACE, key);
  }

  @Override
  protected Init<Annotator> init() {
    lastAnnotated = System.nanoTime();
    node().sendAfter(self(), IDLE_CHECK, idleMs);
    return Init.ok(new Annotator(node(), videoId, error -> exit(ExitReason.crash(error))));
  }

  @Override
  protected Outcome<Annotator> handleInfo(Object message, Annotator annotator) {
    if (!(message instanceof IdleCheck)) {
      return super.handleInfo(message, annotator);
    }
    long idleForMs = (System.nanoTime() - lastAnnotated) / 1_000_000;
    if (idleForMs >= idleMs && inFlight == 0) {
      log.debug("video {}: channel idle for {} ms, stopping", videoId, idleForMs);
      return stop(ExitReason.normal(), annotator);
    }
    node().sendAfter(self(), IDLE_CHECK, Math.max(1, idleMs - idleForMs));
    return noreply(annotator);
  }

  /**
   * A call with an annotation as JSON is answered with a {@link ChannelReply} in its wire form (a
   * caller may be on another node): {@code Stored}, {@code Invalid}, or {@code Unavailable} when
   * storage is not running.
   */
  @Override
  protected Outcome<Annotator> handleCall(Object request, From from, Annotator annotator) {
    AnnotationInput input;
    try {
      input = AnnotationInput.fromJson(request);
    } catch (InvalidInput invalid) {
      return reply(new ChannelReply.Invalid(invalid.getMessage()).toJson(), annotator);
    }
    annotate(annotator, input).onComplete((stored, error) -> {
      if (error == null) {
        from.reply(new ChannelReply.Stored(stored).toJson());
      } else if (error instanceof StorageUnavailable unavailable) {
        from.reply(new ChannelReply.Unavailable(unavailable.getMessage()).toJson());
      }
    });
    return noreply(annotator);
  }

  /** Stores and publishes the annotation, then asks InfoSys in the background. */
  private Future<JsonObject> annotate(Annotator annotator, AnnotationInput input) {
    lastAnnotated = System.nanoTime();
    return inFlight(annotator.store(input, null).onSuccess(stored -> inFlight(annotator.askInfoSys(input))));
  }

  /** Counts the work as in flight until it completes: a channel with work in flight does not stop as idle. */
  private <T> Future<T> inFlight(Future<T> work) {
    inFlight++;
    return work.onComplete(done -> inFlight--);
  }
}
