package dev.rumbl.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition that an asynchronous system reaches, failing with a description when it does not. */
public final class Eventually {

  private Eventually() {
  }

  public static void until(String description, long timeoutMs, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + timeoutMs + " ms: " + description);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + description);
      }
    }
  }
}
