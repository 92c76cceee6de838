package dev.rumbl.infosys;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The computes in flight on one node, never more than its maximum: {@link #tryAcquire} takes a
 * slot or refuses at once (nothing waits for a slot), {@link #release} gives one back. Safe from
 * any thread.
 */
final class ComputeSlots {

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();

  ComputeSlots(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one compute must be allowed, not " + max);
    }
    this.max = max;
  }

  /** Takes a slot: false, taking none, when max computes are in flight already. */
  boolean tryAcquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= max) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  void release() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }
}
