package dev.rumbl.counter;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Dest;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorError;
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
 */
public final class Counters {

  public static final Name SUPERVISOR = Name.local("counters");
  public static final String BOOK_COUNTER = "counter";
  public static final int BOOK_COUNTER_INITIAL = 5;
  public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** What a dynamic counter starts from. */
  public record Args(String name, int initial) {
  }

  private final Node node;
  private final Dest bookCounterParent;

  public Counters(Node node, Dest bookCounterParent) {
    this.node = node;
    this.bookCounterParent = bookCounterParent;
  }

  /** The {@code counters} supervisor as a child of the application's tree. */
  public static ChildSpec supervisorSpec() {
    ChildSpec template = ChildSpec.template("counter", (Args args) -> new Counter(args.initial()).named(args.name()));
    return ChildSpec.supervisor(SUPERVISOR.value(), () -> new Supervisor(SupervisorSpec.simpleOneForOne(template)).named(SUPERVISOR));
  }

  /** The book's counter, started with {@value #BOOK_COUNTER_INITIAL} and registered as {@value #BOOK_COUNTER}. */
  public static ChildSpec bookCounterSpec() {
    return ChildSpec.worker(BOOK_COUNTER, () -> new Counter(BOOK_COUNTER_INITIAL).named(BOOK_COUNTER));
  }

  public static boolean isValidName(String name) {
    return name != null && VALID_NAME.matcher(name).matches();
  }

  /** Starts a counter under the {@code counters} supervisor; fails with AlreadyStarted when the name is held. */
  public Future<Pid> start(String name, int initial) {
    return Supervisor.startDynamicChild(node, SUPERVISOR, new Args(name, initial));
  }

  /** The pid of the counter registered as name; fails with {@code noproc} when there is none. */
  public Future<Pid> lookup(String name) {
    if (!isValidName(name)) {
      return noproc();
    }
    return node.whereis(Name.local(name)).compose(pid -> {
      if (pid == null) {
        return noproc();
      }
      if (name.equals(BOOK_COUNTER)) {
        return Future.succeededFuture(pid);
      }
      return Supervisor.whichChildren(node, SUPERVISOR).compose(children -> children.stream()
        .map(ChildInfo::pid)
        .anyMatch(pid::equals) ? Future.succeededFuture(pid) : noproc());
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

  /** Stops the counter registered as name; its name is free when the Future succeeds. */
  public Future<Void> delete(String name) {
    return lookup(name).compose(pid -> Supervisor.terminateChild(node, SUPERVISOR, pid)
      .recover(error -> error instanceof SupervisorError notDynamic && notDynamic.kind() == SupervisorError.Kind.NOT_FOUND
        ? Supervisor.terminateChild(node, bookCounterParent, pid)
        : Future.failedFuture(error)));
  }

  private static <T> Future<T> noproc() {
    return Future.failedFuture(new ExitException(ExitReason.noproc()));
  }
}
