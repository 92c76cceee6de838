package dev.rumbl.video;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.MonitorRef;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;

import java.util.function.ToLongFunction;

/**
 * The channel process of one bridge socket in one video, as a Phoenix channel: a temporary child of
 * {@value Viewers#VIEWERS}, started by its {@link ViewerSocket} when the connection joins the video
 * and stopped when it leaves, or when the socket process exits (it monitors it, so a killed socket
 * process ends it too). It handles what its viewer sends to {@code videos.<id>.annotate}: the
 * user's annotation rate, validation, storing through storage and the broadcast to {@code videos.<id>},
 * then the InfoSys answer (see {@link Annotator}). A failure to store other than
 * {@link StorageUnavailable} crashes it: the annotation in hand is lost, its caller told so, and no
 * other viewer's process is touched. While it runs its viewer is listed in the video's
 * {@link Presence}.
 */
final class Viewer extends GenServer<Viewer.Watch> {

  /** What starts a viewer: its socket's process, the video, the socket's user (null: anonymous) and the annotation rate. */
  record Start(Pid socket, long videoId, String user, ToLongFunction<String> annotationLimit) {
  }

  /** An annotation from the viewer's client, as the socket's user. */
  record Annotate(Object body, String user) {
  }

  /**
   * The state: the monitor of the socket's process and the viewer's writer, null until its first
   * annotation (most viewers only watch, and a node holds thousands of them).
   */
  record Watch(MonitorRef socket, Annotator annotator) {
  }

  private final Start start;

  Viewer(Start start) {
    this.start = start;
  }

  @Override
  protected Init<Watch> init() {
    MonitorRef socket = node().monitor(start.socket());
    Presence.join(node(), start.videoId(), self(), start.user());
    return Init.ok(new Watch(socket, null));
  }

  @Override
  protected Outcome<Watch> handleCall(Object request, From from, Watch watch) {
    if (!(request instanceof Annotate annotate)) {
      return super.handleCall(request, from, watch);
    }
    if (start.annotationLimit().applyAsLong(annotate.user()) > 0) {
      return reply(new ViewerReply.Refused(429, ViewerReply.RATE_LIMITED), watch);
    }
    AnnotationInput input;
    try {
      input = AnnotationInput.fromClient(annotate.body(), annotate.user());
    } catch (ForeignUser foreign) {
      return reply(new ViewerReply.Refused(403, ViewerReply.FORBIDDEN), watch);
    } catch (InvalidInput invalid) {
      return reply(new ViewerReply.Invalid(invalid.getMessage()), watch);
    }
    Watch writing = watch.annotator() != null ? watch
      : new Watch(watch.socket(), new Annotator(node(), start.videoId(), error -> exit(ExitReason.crash(error))));
    writing.annotator().store(input, null).onComplete((stored, error) -> {
      if (error == null) {
        from.reply(new ViewerReply.Stored(stored));
        writing.annotator().askInfoSys(input);
      } else if (error instanceof StorageUnavailable) {
        from.reply(new ViewerReply.Refused(503, ViewerReply.UNAVAILABLE));
      }
    });
    return noreply(writing);
  }

  /** Its socket's process has exited: the viewer has gone. */
  @Override
  protected Outcome<Watch> handleInfo(Object message, Watch watch) {
    if (message instanceof Down down && down.ref().equals(watch.socket())) {
      return stop(ExitReason.normal(), watch);
    }
    return super.handleInfo(message, watch);
  }

  @Override
  protected String formatStatus(Watch watch) {
    return "video " + start.videoId() + ", " + (start.user() == null ? "anonymous" : start.user());
  }
}
