package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

/**
 * What a bridge socket's process answers its connection's requests with (the socket process and
 * its viewers live on the socket's node, so these never cross nodes): {@link Joined} a video,
 * {@link Stored} an annotation (as stored and published), {@link Invalid} (refused as malformed or naming
 * no video, nothing done) or {@link Refused} with a status code and a reason the client is told.
 */
public sealed interface ViewerReply {

  String UNAUTHENTICATED = "unauthenticated";
  String FORBIDDEN = "forbidden";
  String RATE_LIMITED = "rate_limited";
  String UNAVAILABLE = "unavailable";
  String TOO_MANY_VIDEOS = "too_many_videos";
  /** The viewer's process crashed while it handled this request: only this request is lost. */
  String CRASHED = "crashed";

  /** The socket has joined the video: its viewer process runs. */
  record Joined() implements ViewerReply {
  }

  /** The annotation as stored and published. */
  record Stored(JsonObject annotation) implements ViewerReply {
  }

  /** The request was malformed; nothing was done. */
  record Invalid(String reason) implements ViewerReply {
  }

  /** The request was refused, with an HTTP-like status code and a reason. */
  record Refused(int code, String reason) implements ViewerReply {
  }
}
