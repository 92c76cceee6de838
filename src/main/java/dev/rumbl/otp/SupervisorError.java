package dev.rumbl.otp;

/**
 * Fails a supervisor operation that does not apply, with OTP's error atoms as {@link Kind}: no such
 * child, the child is running or restarting, the id is already present, the supervisor is full,
 * or the operation does not fit its strategy ({@code WRONG_STRATEGY}, OTP's {@code simple_one_for_one}
 * when the supervisor is one, and Rumbl's when a child spec is given to one).
 */
public final class SupervisorError extends RuntimeException {

  public enum Kind { NOT_FOUND, RUNNING, RESTARTING, ALREADY_PRESENT, MAX_CHILDREN, WRONG_STRATEGY }

  private final Kind kind;

  public SupervisorError(Kind kind, String detail) {
    super(kind.name().toLowerCase() + ": " + detail, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
