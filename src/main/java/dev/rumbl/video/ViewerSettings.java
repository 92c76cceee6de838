package dev.rumbl.video;

/**
 * The bounds of the bridge's viewers: at most {@code maxSockets} bridge connections open on a node
 * at once (one more is closed as it opens), at most {@code maxVideosPerSocket} videos joined by one
 * connection (one more join is refused), and a connection that has sent no SockJS ping for
 * {@code socketTimeoutMs} is closed, its processes with it. Refuses values below 1 when built.
 */
public record ViewerSettings(int maxSockets, int maxVideosPerSocket, long socketTimeoutMs) {

  public static final int DEFAULT_MAX_SOCKETS = 20_000;
  public static final int DEFAULT_MAX_VIDEOS_PER_SOCKET = 10;
  /** SockJS's own default: its client pings every 5 seconds. */
  public static final long DEFAULT_SOCKET_TIMEOUT_MS = 10_000;

  public static final ViewerSettings DEFAULTS =
    new ViewerSettings(DEFAULT_MAX_SOCKETS, DEFAULT_MAX_VIDEOS_PER_SOCKET, DEFAULT_SOCKET_TIMEOUT_MS);

  public ViewerSettings {
    if (maxSockets < 1 || maxVideosPerSocket < 1 || socketTimeoutMs < 1) {
      throw new IllegalArgumentException("viewer bounds must be 1 or more: " + maxSockets + ", " + maxVideosPerSocket + ", " + socketTimeoutMs);
    }
  }
}
