package dev.rumbl.otp;

/**
 * The message a monitoring process receives, exactly once per monitor, when the monitored process
 * exits: OTP's {@code {:DOWN, ref, :process, pid, reason}}. The reason is {@code noproc} when the
 * process was already dead at the time of {@code monitor}. For a monitor by name
 * ({@link Node#monitor(Name)}, OTP's {@code monitor(process, Name)}, whose Down names
 * {@code {Name, Node}}), {@code name} is that name and {@code pid} the process that held it when
 * the monitor was set, or null when none did (the reason is then {@code noproc}); for a monitor by
 * pid, {@code name} is null.
 */
public record Down(MonitorRef ref, Pid pid, Name name, ExitReason reason) {

  /** The Down of a monitor by pid. */
  public Down(MonitorRef ref, Pid pid, ExitReason reason) {
    this(ref, pid, null, reason);
  }

  /** This Down as the monitor by name receives it. */
  Down named(Name monitored) {
    return new Down(ref, pid, monitored, reason);
  }
}
