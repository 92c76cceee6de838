package dev.rumbl.otp;

/**
 * Which Vert.x event loop a supervisor starts a child on. A process never moves: its loop is chosen
 * when it starts, and every handler of it runs there. Processes on one loop hand messages to each
 * other without waking another thread, so keeping the processes of one request together is the
 * cheapest placement; spreading long-lived processes over the loops uses every core.
 */
public sealed interface Placement {

  /** The next event loop in turn, as Vert.x places deployments: the default. */
  static Placement anyLoop() {
    return AnyLoop.INSTANCE;
  }

  /** The supervisor's own event loop: for short-lived children started by the thousand. */
  static Placement supervisorLoop() {
    return SupervisorLoop.INSTANCE;
  }

  /** The node's event loop at this index, counted modulo the number of loops. */
  static Placement loop(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("an event loop index is 0 or more, got " + index);
    }
    return new Loop(index);
  }

  enum AnyLoop implements Placement {
    INSTANCE
  }

  enum SupervisorLoop implements Placement {
    INSTANCE
  }

  record Loop(int index) implements Placement {
  }
}
