package dev.rumbl.web;

import dev.rumbl.otp.Pid;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns what successive snapshots say of each supervisor's own restart count, which starts again
 * from zero when the supervisor itself is restarted, into the restarts made since the last
 * snapshot, so that a total built from them only counts up. A supervisor is known by its label;
 * while its pid stays the same, its new restarts are those above the count last seen; under a new
 * pid (a new incarnation) all its restarts are new. Restarts an incarnation makes after the last
 * snapshot before it ends are not seen (its own restart is, in its parent's count). Not thread-safe:
 * one caller at a time.
 */
final class RestartTotals {

  private record Seen(Pid pid, int restarts) {
  }

  private final Map<String, Seen> seen = new HashMap<>();

  /** The restarts supervisor label has made since the last call for it, now that it is pid with restarts so far. */
  int newRestarts(String label, Pid pid, int restarts) {
    Seen last = seen.put(label, new Seen(pid, restarts));
    boolean sameIncarnation = last != null && last.pid().equals(pid);
    return sameIncarnation ? Math.max(0, restarts - last.restarts()) : restarts;
  }
}
