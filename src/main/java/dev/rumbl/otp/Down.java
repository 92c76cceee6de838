package dev.rumbl.otp;

/**
 * The message a monitoring process receives, exactly once per monitor, when the monitored process
 * exits: OTP's {@code {:DOWN, ref, :process, pid, reason}}. The reason is {@code noproc} when the
 * process was already dead at the time of {@code monitor}.
 */
public record Down(MonitorRef ref, Pid pid, ExitReason reason) {
}
