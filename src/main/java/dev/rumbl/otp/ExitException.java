package dev.rumbl.otp;

/**
 * Fails a Future when the process it waited on could not answer: the call timed out
 * ({@code timeout}), nobody lives at the pid or name ({@code noproc}), or the process exited
 * before replying (its own exit reason). Match on {@link #reason()}.
 */
public final class ExitException extends RuntimeException {

  private final ExitReason reason;

  public ExitException(ExitReason reason) {
    super(reason.toString(), reason instanceof ExitReason.Crash crash ? crash.cause() : null, false, false);
    this.reason = reason;
  }

  public ExitReason reason() {
    return reason;
  }
}
