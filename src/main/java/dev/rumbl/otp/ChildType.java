package dev.rumbl.otp;

/** Whether a child is a worker or a supervisor of its own; supervisors get an infinite shutdown by default. */
public enum ChildType {
  WORKER,
  SUPERVISOR
}
