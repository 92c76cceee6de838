package dev.rumbl.video;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The process of one bridge connection, as Phoenix's socket: a temporary child of
 * {@value Viewers#SOCKETS}, started when the connection opens and stopped when it closes (or goes
 * silent past its timeout, which closes it). It holds the connection's user, from the token in its
 * URL ({@code null}: anonymous; a token that could not be checked because storage was not running
 * is checked again at the next annotation), until that token expires: from then on its annotations
 * are refused as an anonymous socket's ({@value ViewerReply#UNAUTHENTICATED}), and its client signs
 * in again on a new connection. (Phoenix keeps the user of a socket's connect for the socket's
 * life; Rumbl's tokens are the only credential, so their expiry holds on the bridge too.) It holds one {@link Viewer} per video it has joined, at most
 * {@code maxVideos}: a join starts one (for an existing video), a leave stops it, an annotation to a
 * video not joined yet joins it first. An anonymous socket's annotation is refused
 * ({@value ViewerReply#UNAUTHENTICATED}) before any viewer sees it. When a viewer crashes, the
 * request it had in hand is answered {@value ViewerReply#CRASHED} and nothing else changes: the
 * socket keeps running, and its next annotation to that video starts a new viewer. Its exit stops
 * its viewers (each also watches it, in case it is killed).
 */
final class ViewerSocket extends GenServer<SocketViewers> {

  /**
   * What starts a socket process: the token of its URL (null: none), how a token is checked (its
   * user and expiry, null for an invalid token; fails with {@link StorageUnavailable}), the
   * annotation rate (milliseconds to wait, 0 to go ahead) and the most videos it may join.
   */
  record Start(String token, Function<String, Future<SignedIn>> authenticate, ToLongFunction<String> annotationLimit, int maxVideos) {
  }

  /** Join the video. */
  record Join(long videoId) {
  }

  /** Leave the video. */
  record Leave(long videoId) {
  }

  /** An annotation of the video, as its client sent it. */
  record Annotate(long videoId, Object body) {
  }

  private final Start start;
  /** The connection's user; null while unchecked or anonymous. */
  private String user;
  /** When the token's user stops being the socket's. */
  private Instant until = Instant.MAX;
  private boolean checked;

  ViewerSocket(Start start) {
    this.start = start;
  }

  @Override
  protected Init<SocketViewers> init() {
    if (start.token() == null) {
      checked = true;
      return Init.ok(new SocketViewers());
    }
    return Init.async(check().otherwise(unavailable -> null).map(done -> new SocketViewers()));
  }

  /** Checks the token: the user, or null for an invalid one; fails while storage is unavailable. */
  private Future<String> check() {
    return start.authenticate().apply(start.token()).map(signedIn -> {
      user = signedIn == null ? null : signedIn.user();
      until = signedIn == null ? Instant.MAX : signedIn.until();
      checked = true;
      return user;
    });
  }

  /** The user the socket writes as now: none once its token has expired. */
  private String author() {
    return Instant.now().isBefore(until) ? user : null;
  }

  @Override
  protected Outcome<SocketViewers> handleCall(Object request, From from, SocketViewers viewers) {
    if (request instanceof Join join) {
      viewer(join.videoId(), viewers).onComplete((pid, error) -> from.reply(error == null ? new ViewerReply.Joined() : refusal(error)));
    } else if (request instanceof Leave leave) {
      Future<Pid> viewer = viewers.remove(leave.videoId());
      if (viewer != null) {
        viewer.onSuccess(pid -> node().stop(pid, ExitReason.normal()));
      }
      return reply(new ViewerReply.Joined(), viewers);
    } else if (request instanceof Annotate annotate) {
      annotate(annotate, from, viewers);
    } else {
      return super.handleCall(request, from, viewers);
    }
    return noreply(viewers);
  }

  /** Checks the token again if storage was down when it was first checked, then hands the annotation to the video's viewer. */
  private void annotate(Annotate annotate, From from, SocketViewers viewers) {
    (checked ? Future.succeededFuture(author()) : check().map(checkedUser -> author())).onComplete((author, unchecked) -> {
      if (unchecked != null) {
        from.reply(new ViewerReply.Refused(503, ViewerReply.UNAVAILABLE));
      } else if (author == null) {
        from.reply(new ViewerReply.Refused(401, ViewerReply.UNAUTHENTICATED));
      } else {
        viewer(annotate.videoId(), viewers)
          .compose(pid -> node().<ViewerReply>call(pid, new Viewer.Annotate(annotate.body(), author)))
          .onComplete((reply, error) -> from.reply(error == null ? reply : refusal(error)));
      }
    });
  }

  /**
   * The viewer of the video, started if the socket has none yet (within its bound, for an existing
   * video: one that a viewer of this node watches exists, since videos are never deleted; else
   * storage is asked, so that joins of a busy video do not queue on the database).
   */
  private Future<Pid> viewer(long videoId, SocketViewers viewers) {
    Future<Pid> running = viewers.get(videoId);
    if (running != null) {
      return running;
    }
    if (viewers.size() >= start.maxVideos()) {
      return Future.failedFuture(new Refusal(new ViewerReply.Refused(429, ViewerReply.TOO_MANY_VIDEOS)));
    }
    VideoStore store = Storage.store(vertx);
    if (store == null) {
      return Future.failedFuture(new StorageUnavailable());
    }
    Future<Pid> started = Presence.watched(node(), videoId)
      .compose(watched -> watched ? Future.succeededFuture() : store.video(videoId))
      .compose(video -> Supervisor.<Pid>startDynamicChild(node(), Viewers.VIEWERS_NAME,
        new Viewer.Start(self(), videoId, checked ? user : null, start.annotationLimit())))
      .onSuccess(node()::monitor);
    viewers.starting(videoId, started);
    started.onComplete((pid, error) -> {
      if (error == null) {
        viewers.started(videoId, started, pid);
      } else {
        viewers.forget(videoId, started);
      }
    });
    return started;
  }

  /** What a failed join or annotation is answered with. */
  private static ViewerReply refusal(Throwable error) {
    if (error instanceof Refusal refusal) {
      return refusal.reply();
    }
    if (error instanceof UnknownVideo unknown) {
      return new ViewerReply.Invalid(unknown.getMessage());
    }
    if (error instanceof StorageUnavailable) {
      return new ViewerReply.Refused(503, ViewerReply.UNAVAILABLE);
    }
    if (error instanceof ExitException exit && !(exit.reason() instanceof ExitReason.Timeout)) {
      return new ViewerReply.Refused(500, ViewerReply.CRASHED);
    }
    return new ViewerReply.Refused(503, ViewerReply.UNAVAILABLE);
  }

  /** A viewer has exited: the socket forgets it (the next annotation or join starts another). */
  @Override
  protected Outcome<SocketViewers> handleInfo(Object message, SocketViewers viewers) {
    if (message instanceof Down down) {
      viewers.forget(down.pid());
      return noreply(viewers);
    }
    return super.handleInfo(message, viewers);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, SocketViewers viewers) {
    if (viewers != null) {
      viewers.forEach(viewer -> viewer.onSuccess(pid -> node().stop(pid, ExitReason.normal())));
    }
    return Future.succeededFuture();
  }

  @Override
  protected String formatStatus(SocketViewers viewers) {
    return (user == null ? "anonymous" : user) + ", videos " + (viewers == null ? "none" : viewers.videos());
  }

  /** A refusal decided by the socket itself. */
  private static final class Refusal extends RuntimeException {

    private final ViewerReply.Refused reply;

    Refusal(ViewerReply.Refused reply) {
      super(reply.reason(), null, false, false);
      this.reply = reply;
    }

    ViewerReply.Refused reply() {
      return reply;
    }
  }
}
