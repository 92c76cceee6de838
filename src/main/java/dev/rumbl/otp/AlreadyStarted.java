package dev.rumbl.otp;

/**
 * Fails a start or a registration because the name is held by another live process; carries
 * that process's pid, as OTP's {@code {:error, {:already_started, pid}}} does.
 */
public final class AlreadyStarted extends RuntimeException {

  private final Name name;
  private final Pid holder;

  public AlreadyStarted(Name name, Pid holder) {
    super("already_started: " + name + " is held by " + holder, null, false, false);
    this.name = name;
    this.holder = holder;
  }

  public Name name() {
    return name;
  }

  public Pid holder() {
    return holder;
  }
}
