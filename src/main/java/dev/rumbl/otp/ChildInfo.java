package dev.rumbl.otp;

/**
 * One child as {@code which_children} reports it: its id, its pid when {@link Status#RUNNING}
 * (null otherwise), its type and restart type.
 */
public record ChildInfo(String id, Pid pid, Status status, ChildType type, Restart restart) {

  /** RUNNING: alive; RESTARTING: a restart failed and is being tried again; UNDEFINED: not running. */
  public enum Status { RUNNING, RESTARTING, UNDEFINED }
}
