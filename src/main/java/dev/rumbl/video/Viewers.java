package dev.rumbl.video;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The bridge's side of the videos, as Phoenix's sockets and channels: one {@link ViewerSocket}
 * process per bridge connection under the dynamic supervisor {@value #SOCKETS} (at most
 * {@link ViewerSettings#maxSockets()} at once: {@link #open} past it fails with the supervisor's
 * {@code max_children}), and one {@link Viewer} process per (connection, video) joined under
 * {@value #VIEWERS}; both temporary, never restarted (a crashed one's connection starts a new one
 * when it next needs it). The bridge reaches them only through these methods, each of which
 * answers a {@link ViewerReply} and never fails but {@link #open}. Neither kind of process listens
 * at its pid's event-bus address ({@link dev.rumbl.otp.Process#withoutBusConsumer}), and both run
 * on a context shared per event loop ({@link dev.rumbl.otp.Process#withSharedContext}): only the
 * toolkit speaks to them, they open nothing of Vert.x's that would need closing at their exit, and a
 * node holds two of them per connection.
 */
public final class Viewers {

  public static final String SOCKETS = "videos.sockets";
  public static final String VIEWERS = "videos.viewers";

  static final Name SOCKETS_NAME = Name.local(SOCKETS);
  static final Name VIEWERS_NAME = Name.local(VIEWERS);

  private Viewers() {
  }

  /** The sockets' supervisor: at most settings' maxSockets sockets, each joining at most its maxVideosPerSocket videos. */
  public static ChildSpec socketsSpec(ViewerSettings settings) {
    ChildSpec template = ChildSpec.template("socket", (ViewerSocket.Start start) -> new ViewerSocket(
        new ViewerSocket.Start(start.token(), start.authenticate(), start.annotationLimit(), settings.maxVideosPerSocket())).quiet().withoutBusConsumer().withSharedContext())
      .withRestart(Restart.TEMPORARY);
    return ChildSpec.supervisor(SOCKETS, () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)
      .withMaxChildren(settings.maxSockets())).named(SOCKETS_NAME));
  }

  /** The viewers' supervisor (bounded by the sockets' bound times the videos each may join). */
  public static ChildSpec viewersSpec() {
    ChildSpec template = ChildSpec.template("viewer", (Viewer.Start start) -> new Viewer(start).quiet().withoutBusConsumer().withSharedContext()).withRestart(Restart.TEMPORARY);
    return ChildSpec.supervisor(VIEWERS, () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)).named(VIEWERS_NAME));
  }

  /**
   * Starts the process of a new connection whose URL carried token (null: none); authenticate
   * checks a token (its user and expiry, null when invalid, failing with {@link StorageUnavailable}) and
   * annotationLimit spends from a user's annotation rate. Fails with the supervisor's error past the
   * bound on sockets.
   */
  public static Future<Pid> open(Node node, String token, Function<String, Future<SignedIn>> authenticate,
                                 ToLongFunction<String> annotationLimit) {
    return Supervisor.startDynamicChild(node, SOCKETS_NAME, new ViewerSocket.Start(token, authenticate, annotationLimit, 0));
  }

  /** Stops the connection's process, and with it its viewers. */
  public static Future<Void> close(Node node, Pid socket) {
    return node.stop(socket, ExitReason.normal()).otherwiseEmpty();
  }

  /** Joins the video: {@link ViewerReply.Joined}, or {@link ViewerReply.Refused} (unknown video, too many videos, no storage). */
  public static Future<ViewerReply> join(Node node, Pid socket, long videoId) {
    return ask(node, socket, new ViewerSocket.Join(videoId));
  }

  /** Leaves the video (nothing happens for one not joined). */
  public static Future<ViewerReply> leave(Node node, Pid socket, long videoId) {
    return ask(node, socket, new ViewerSocket.Leave(videoId));
  }

  /** Annotates the video with body as the socket's user (joining it first if needed). */
  public static Future<ViewerReply> annotate(Node node, Pid socket, long videoId, Object body) {
    return ask(node, socket, new ViewerSocket.Annotate(videoId, body));
  }

  private static Future<ViewerReply> ask(Node node, Pid socket, Object request) {
    return node.<ViewerReply>call(socket, request)
      .otherwise(error -> new ViewerReply.Refused(503, ViewerReply.UNAVAILABLE));
  }
}
