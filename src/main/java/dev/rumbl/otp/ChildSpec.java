package dev.rumbl.otp;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a supervisor starts and treats one child, as OTP's child spec. {@code start} makes a new
 * process for every start and restart (it receives the argument given to {@code startChild} of a
 * simple_one_for_one supervisor, null otherwise). Defaults, as in OTP: restart {@code permanent},
 * shutdown {@value ShutdownPolicy#DEFAULT_TIMEOUT_MS} ms for a worker and {@code infinity} for a supervisor;
 * and, as Vert.x places deployments, the next event loop in turn ({@link Placement}).
 */
public record ChildSpec(String id, Function<Object, ? extends Process> start, Restart restart,
                        ShutdownPolicy shutdown, ChildType type, Placement placement) {

  public ChildSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a child spec needs a non-blank id");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(placement, "placement");
  }

  public static ChildSpec worker(String id, Supplier<? extends Process> start) {
    return new ChildSpec(id, arg -> start.get(), Restart.PERMANENT, ShutdownPolicy.timeout(ShutdownPolicy.DEFAULT_TIMEOUT_MS), ChildType.WORKER, Placement.anyLoop());
  }

  public static ChildSpec supervisor(String id, Supplier<? extends Process> start) {
    return new ChildSpec(id, arg -> start.get(), Restart.PERMANENT, ShutdownPolicy.infinity(), ChildType.SUPERVISOR, Placement.anyLoop());
  }

  /** The template of a simple_one_for_one supervisor: each child is made from the argument of its startChild. */
  @SuppressWarnings("unchecked")
  public static <A> ChildSpec template(String id, Function<A, ? extends Process> start) {
    return new ChildSpec(id, arg -> start.apply((A) arg), Restart.PERMANENT, ShutdownPolicy.timeout(ShutdownPolicy.DEFAULT_TIMEOUT_MS), ChildType.WORKER, Placement.anyLoop());
  }

  public ChildSpec withId(String id) {
    return new ChildSpec(id, start, restart, shutdown, type, placement);
  }

  public ChildSpec withStart(Function<Object, ? extends Process> start) {
    return new ChildSpec(id, start, restart, shutdown, type, placement);
  }

  public ChildSpec withRestart(Restart restart) {
    return new ChildSpec(id, start, restart, shutdown, type, placement);
  }

  public ChildSpec withShutdown(ShutdownPolicy shutdown) {
    return new ChildSpec(id, start, restart, shutdown, type, placement);
  }

  /** Where the child's process runs; see {@link Placement}. */
  public ChildSpec withPlacement(Placement placement) {
    return new ChildSpec(id, start, restart, shutdown, type, placement);
  }

  /** The reason a stop by this spec's shutdown asks the child to exit with: {@code killed} for a brutal kill, else {@code shutdown}. */
  ExitReason stopReason() {
    return shutdown instanceof ShutdownPolicy.BrutalKill ? ExitReason.killed() : ExitReason.shutdown();
  }

  /**
   * True when a child stopped by its supervisor exited as OTP's {@code supervisor:shutdown/1}
   * expects: with {@link #stopReason()}, or, unless the child is permanent, with {@code normal},
   * {@code shutdown} or {@code {shutdown, term}}. A shutdown that had to kill the child ({@code
   * killed}) is not expected, as in OTP.
   */
  boolean exitedAsAsked(ExitReason actual) {
    return actual.equals(stopReason()) || (restart != Restart.PERMANENT && actual.isNormal());
  }

  /** Changes the type; a supervisor type also gets the infinite shutdown a supervisor needs. */
  public ChildSpec withType(ChildType type) {
    ShutdownPolicy forType = type == ChildType.SUPERVISOR ? ShutdownPolicy.infinity() : shutdown;
    return new ChildSpec(id, start, restart, forType, type, placement);
  }
}
