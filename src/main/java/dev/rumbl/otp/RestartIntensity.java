package dev.rumbl.otp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * OTP's restart intensity: at most {@code maxRestarts} restarts within any window of
 * {@code maxSeconds}. Pure bookkeeping over the times of the restarts, driven by the caller's clock.
 */
final class RestartIntensity {

  private final int maxRestarts;
  private final long windowMillis;
  private final Deque<Long> restarts = new ArrayDeque<>();

  RestartIntensity(int maxRestarts, int maxSeconds) {
    this.maxRestarts = maxRestarts;
    this.windowMillis = maxSeconds * 1000L;
  }

  /** Records a restart at {@code nowMillis}; false when it is one more than the window allows. */
  boolean allow(long nowMillis) {
    restarts.addLast(nowMillis);
    while (nowMillis - restarts.peekFirst() >= windowMillis) {
      restarts.removeFirst();
    }
    return restarts.size() <= maxRestarts;
  }
}
