package dev.rumbl.otp;

import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's scheduled messages ({@code Process.send_after} and {@code cancel_timer}): each is a
 * Vert.x timer, entered in a concurrent table under its ref and, when sent to a local pid, tied to
 * that process so that its exit cancels it. A message is sent at most once: whoever removes the
 * entry from the table (the timer firing or a cancel) decides.
 */
final class Timers {

  private record ScheduledMessage(long vertxTimer, Pid owner) {
  }

  private final Node node;
  private final Vertx vertx;
  private final Sequence sequence;
  private final Map<Long, ScheduledMessage> timers = new ConcurrentHashMap<>();

  Timers(Node node, Sequence sequence) {
    this.node = node;
    this.vertx = node.vertx();
    this.sequence = sequence;
  }

  /** See {@link Node#sendAfter(Dest, Object, long)}. */
  TimerRef sendAfter(Dest dest, Object message, long delayMs) {
    long ref = sequence.next();
    Process owner = dest instanceof Pid pid ? node.local(pid) : null;
    long vertxTimer = vertx.setTimer(Math.max(1, delayMs), fired -> {
      ScheduledMessage scheduled = timers.remove(ref);
      if (scheduled != null) {
        if (owner != null) {
          owner.ties().removeTimer(ref);
        }
        node.send(dest, message);
      }
    });
    timers.put(ref, new ScheduledMessage(vertxTimer, owner == null ? null : owner.self()));
    if (owner != null) {
      owner.ties().addTimer(ref);
    }
    return new TimerRef(ref);
  }

  /** See {@link Node#cancelTimer(TimerRef)}. */
  boolean cancel(TimerRef timer) {
    ScheduledMessage scheduled = timers.remove(timer.id());
    if (scheduled == null) {
      return false;
    }
    vertx.cancelTimer(scheduled.vertxTimer());
    Process owner = scheduled.owner() == null ? null : node.local(scheduled.owner());
    if (owner != null) {
      owner.ties().removeTimer(timer.id());
    }
    return true;
  }

  int count() {
    return timers.size();
  }
}
