package dev.rumbl.counter;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Dest;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;

import java.util.regex.Pattern;

/**
 * The {@code counters} dynamic supervisor: named {@link Counter}s started at run time, each
 * registered under its own name and restarted with its initial value when it crashes (permanent
 * children of a simple_one_for_one supervisor).
 *
 * <ul>
 *   <li>{@link #start} fails with {@link AlreadyStarted} (the holder's pid) when the name is taken,
 *       by a counter or by any other registered process;</li>
 *   <li>{@link #lookup} finds a counter by name and fails with {@code noproc} for a name that is
 *       free or held by a process that is not a counter, so that no counter operation ever
 *       reaches another kind of process;</li>
 *   <li>{@link #delete} stops the counter through its supervisor, which frees the name.</li>
 * </ul>
 * The book's counter, a static child registered as {@value #BOOK_COUNTER}, is reached the same way;
 * deleting it stops it through {@code bookCounterParent}, the supervisor that holds it.
 *
 * <p>On a clustered node a counter may be global: its name is then a {@link Name#global} name,
 * taken cluster-wide, and every operation here finds it from any node (a local counter of the same
 * name on the asking node comes first). A counter of another node is told apart from other
 * processes, and deleted, by that node's {@link CounterHost}. Starting a counter fails with
 * AlreadyStarted also when the name is held in the other scope as seen from this node.
 */
public final class Counters {

  public static final Name SUPERVISOR = Name.local("counters");
  public static final String BOOK_COUNTER = "counter";
  public static final int BOOK_COUNTER_INITIAL = 5;
  public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** What a dynamic counter starts from, and where its name is registered. */
  public record Args(String name, int initial, Name.Scope scope) {
  }

  private final Node node;
  private final Dest bookCounterParent;

  public Counters(Node node, Dest bookCounterParent) {
    this.node = node;
    this.bookCounterParent = bookCounterParent;
  }

  /** The {@code counters} supervisor as a child of the application's tree. */
  public static ChildSpec supervisorSpec() {
    ChildSpec template = ChildSpec.template("counter", (Args args) -> Counter.dynamic(args.initial()).named(new Name(args.scope(), args.name())));
    return ChildSpec.supervisor(SUPERVISOR.value(), () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)).named(SUPERVISOR));
  }

  /** The book's counter, started with {@value #BOOK_COUNTER_INITIAL} and registered as {@value #BOOK_COUNTER}. */
  public static ChildSpec bookCounterSpec() {
    return ChildSpec.worker(BOOK_COUNTER, () -> new Counter(BOOK_COUNTER_INITIAL).named(BOOK_COUNTER));
  }

  /** The process that answers other nodes about this node's counters. */
  public static ChildSpec hostSpec() {
    return ChildSpec.worker(CounterHost.ID, CounterHost::new);
  }

  public static boolean isValidName(String name) {
    return name != null && VALID_NAME.matcher(name).matches();
  }

  /** Starts a local counter under the {@code counters} supervisor; fails with AlreadyStarted when the name is held. */
  public Future<Pid> start(String name, int initial) {
    return start(name, initial, Name.Scope.LOCAL);
  }

  /**
   * Starts a counter under this node's {@code counters} supervisor with its name in the scope;
   * fails with AlreadyStarted when the name is held, and with IllegalStateException for a global
   * counter on a node that is not clustered.
   */
  public Future<Pid> start(String name, int initial, Name.Scope scope) {
    if (scope == Name.Scope.GLOBAL && !node.isClustered()) {
      return Future.failedFuture(new IllegalStateException("a global counter needs a clustered node"));
    }
    Name other = new Name(scope == Name.Scope.LOCAL ? Name.Scope.GLOBAL : Name.Scope.LOCAL, name);
    return holder(other).compose(holder -> holder != null
      ? Future.failedFuture(new AlreadyStarted(other, holder))
      : Supervisor.startDynamicChild(node, SUPERVISOR, new Args(name, initial, scope)));
  }

  /** The pid of the counter registered as name, locally first, then globally; fails with {@code noproc} when there is none. */
  public Future<Pid> lookup(String name) {
    if (!isValidName(name)) {
      return noproc();
    }
    return node.whereis(Name.local(name)).compose(pid -> {
      if (pid != null) {
        return name.equals(BOOK_COUNTER) ? Future.succeededFuture(pid) : counter(pid);
      }
      return holder(Name.global(name)).compose(global -> global == null ? noproc() : counter(global));
    });
  }

  /** Casts inc to the counter registered as name; fails with {@code noproc} only when there is none. */
  public Future<Pid> inc(String name) {
    return lookup(name).onSuccess(pid -> Counter.inc(node, pid));
  }

  public Future<Pid> dec(String name) {
    return lookup(name).onSuccess(pid -> Counter.dec(node, pid));
  }

  public Future<Integer> value(String name) {
    return lookup(name).compose(pid -> Counter.val(node, pid));
  }

  /** Stops the counter registered as name, on whichever node it lives; its name is free when the Future succeeds. */
  public Future<Void> delete(String name) {
    return lookup(name).compose(pid -> pid.node().equals(node.id())
      ? CounterHost.deleteHere(node, pid)
        .compose(dynamic -> dynamic ? Future.succeededFuture() : Supervisor.terminateChild(node, bookCounterParent, pid))
      : node.<Boolean>call(CounterHost.of(pid.node()), CounterHost.delete(pid))
        .compose(deleted -> deleted ? Future.succeededFuture() : noproc()));
  }

  /** True when pid is a running counter of the node's {@code counters} supervisor: one look-up, however many counters run. */
  static boolean isCounterOf(Node node, Pid pid) {
    return CounterDirectory.lists(node, pid);
  }

  /** pid when it is a dynamic counter, asking its node's {@link CounterHost} when it lives elsewhere; noproc otherwise. */
  private Future<Pid> counter(Pid pid) {
    Future<Boolean> owned = pid.node().equals(node.id())
      ? Future.succeededFuture(isCounterOf(node, pid))
      : node.<Boolean>call(CounterHost.of(pid.node()), CounterHost.owns(pid)).recover(unreachable -> Future.succeededFuture(false));
    return owned.compose(counter -> counter ? Future.succeededFuture(pid) : noproc());
  }

  /** The holder of name, or null; a global name has no holder on a node that is not clustered. */
  private Future<Pid> holder(Name name) {
    return name.scope() == Name.Scope.GLOBAL && !node.isClustered() ? Future.succeededFuture(null) : node.whereis(name);
  }

  private static <T> Future<T> noproc() {
    return Future.failedFuture(new ExitException(ExitReason.noproc()));
  }
}
