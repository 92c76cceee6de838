package dev.rumbl.otp;

/**
 * The message a monitoring process receives, exactly once per monitor, when the monitored process
 * exits: OTP's {@code {:DOWN, ref, :process, item, reason}}. The reason is {@code noproc} when the
 * process was already dead at the time of {@code monitor}, and {@code noconnection} when its node
 * is not in the cluster or leaves it.
 *
 * <p>For a monitor by pid, {@code name} and {@code node} are null (OTP's item is the pid). For a
 * monitor by name, OTP's item is {@code {Name, Node}}: {@code name} is the name monitored and
 * {@code node} the node it was looked up on (this node for {@link Node#monitor(Name)} with a local
 * name, the given node for {@link Node#monitor(NodeName)}; null for a global name, which no node
 * owns). {@code pid} is then the process that held the name when the monitor was set, or null when
 * none did ({@code noproc}); a {@code noconnection} of a monitor by {@link NodeName} has no pid
 * either, as only the lost node knew the holder.
 */
public record Down(MonitorRef ref, Pid pid, Name name, String node, ExitReason reason) {

  /** The Down of a monitor by pid. */
  public Down(MonitorRef ref, Pid pid, ExitReason reason) {
    this(ref, pid, null, null, reason);
  }

  /** This Down as a monitor of name on node receives it. */
  Down named(Name monitored, String on) {
    return new Down(ref, pid, monitored, on, reason);
  }
}
