package dev.rumbl.otp;

/**
 * How a supervisor stops a child: {@link BrutalKill} kills it at once (no {@code terminate});
 * {@link Timeout} asks it to shut down and kills it if it has not exited within that many
 * milliseconds; {@link Infinity} asks and waits as long as it takes (the default for child
 * supervisors, whose own children need their time).
 */
public sealed interface ShutdownPolicy {

  /** The default for workers, as in OTP. */
  long DEFAULT_TIMEOUT_MS = 5000;

  record BrutalKill() implements ShutdownPolicy {
    @Override
    public String toString() {
      return "brutal_kill";
    }
  }

  record Timeout(long millis) implements ShutdownPolicy {
    public Timeout {
      if (millis <= 0) {
        throw new IllegalArgumentException("a shutdown timeout must be positive, got " + millis);
      }
    }

    @Override
    public String toString() {
      return String.valueOf(millis);
    }
  }

  record Infinity() implements ShutdownPolicy {
    @Override
    public String toString() {
      return "infinity";
    }
  }

  static ShutdownPolicy brutalKill() {
    return new BrutalKill();
  }

  static ShutdownPolicy timeout(long millis) {
    return new Timeout(millis);
  }

  static ShutdownPolicy infinity() {
    return new Infinity();
  }
}
