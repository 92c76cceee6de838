package dev.rumbl.otp;

/**
 * When a supervisor restarts a child that exited, as OTP's restart values: {@link #PERMANENT}
 * always; {@link #TEMPORARY} never (and the child is forgotten, also when a sibling's restart
 * stops it); {@link #TRANSIENT} only after an abnormal exit (not normal, not shutdown).
 */
public enum Restart {
  PERMANENT,
  TEMPORARY,
  TRANSIENT;

  public boolean restartsAfter(ExitReason reason) {
    return switch (this) {
      case PERMANENT -> true;
      case TEMPORARY -> false;
      case TRANSIENT -> !reason.isNormal();
    };
  }
}
