package dev.rumbl.otp;

/**
 * One child as {@code which_children} reports it: its id, its pid when {@link Status#RUNNING}
 * (null otherwise), its type and restart type, and (beyond OTP, for observers) how many times the
 * supervisor has restarted it after its own exit (a sibling's restart under one_for_all or
 * rest_for_one does not count).
 */
public record ChildInfo(String id, Pid pid, Status status, ChildType type, Restart restart, int restarts) {

  /** A child not yet restarted. */
  public ChildInfo(String id, Pid pid, Status status, ChildType type, Restart restart) {
    this(id, pid, status, type, restart, 0);
  }

  /** RUNNING: alive; RESTARTING: a restart failed and is being tried again; UNDEFINED: not running. */
  public enum Status { RUNNING, RESTARTING, UNDEFINED }
}
