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
 * registered under its own name in the namespace {@value #NAMESPACE} and restarted with its initial
 * value when it crashes (permanent children of a simple_one_for_one supervisor, at most
 * {@code maxChildren} of them).
 *
 * <p>A counter's name is chosen by a client, so it lives in its own namespace: a counter may be
 * called {@code videos.1.channel}, {@code http} or {@code rumbl} and is still only a counter,
 * which no system process can see under that name, and whatever is found in the namespace is a
 * counter, so the operations here never reach another kind of process.
 * <ul>
 *   <li>{@link #start} fails with {@link AlreadyStarted} (the holder's pid) when the name is taken,
 *       and with {@link dev.rumbl.otp.SupervisorError} {@code MAX_CHILDREN} past the limit;</li>
 *   <li>{@link #lookup} finds a counter by name and fails with {@code noproc} for a free name;</li>
 *   <li>{@link #delete} stops the counter through its supervisor, which frees the name.</li>
 * </ul>
 * The book's counter is a static child of the application's tree, registered under the plain name
 * {@value #BOOK_COUNTER}; the name {@value #BOOK_COUNTER} here always means it, and no dynamic
 * counter can take it. Deleting it stops it through {@code bookCounterParent}, the supervisor that
 * holds it.
 *
 * <p>On a clustered node a counter may be global: its name is then a global name of the namespace,
 * taken cluster-wide, and every operation here finds it from any node (a local counter of the same
 * name on the asking node comes first). A counter of another node is deleted by that node's
 * {@link CounterHost}. Starting a counter fails with AlreadyStarted also when the name is held in
 * the other scope as seen from this node.
 */
public final class Counters {

  public static final Name SUPERVISOR = Name.local("counters");
  /** The namespace of the counters' names. */
  public static final String NAMESPACE = "counters";
  public static final String BOOK_COUNTER = "counter";
  public static final int BOOK_COUNTER_INITIAL = 5;
  /** How many dynamic counters may run at once on a node, by default. */
  public static final int DEFAULT_MAX = 10_000;
  public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Name BOOK_COUNTER_NAME = Name.local(BOOK_COUNTER);

  /** What a dynamic counter starts from, and where its name is registered. */
  public record Args(String name, int initial, Name.Scope scope) {
  }

  private final Node node;
  private final Dest bookCounterParent;

  public Counters(Node node, Dest bookCounterParent) {
    this.node = node;
    this.bookCounterParent = bookCounterParent;
  }

  /** The name of a counter in the counters' namespace. */
  public static Name name(Name.Scope scope, String counter) {
    return new Name(scope, NAMESPACE, counter);
  }

  /** The {@code counters} supervisor as a child of the application's tree, with at most {@value #DEFAULT_MAX} counters. */
  public static ChildSpec supervisorSpec() {
    return supervisorSpec(DEFAULT_MAX);
  }

  /** The {@code counters} supervisor, with at most max counters running at once. */
  public static ChildSpec supervisorSpec(int max) {
    ChildSpec template = ChildSpec.template("counter", (Args args) -> new Counter(args.initial()).named(name(args.scope(), args.name())));
    return ChildSpec.supervisor(SUPERVISOR.value(),
      () -> new Supervisor(SupervisorSpec.simpleOneForOne(template).withMaxChildren(max)).named(SUPERVISOR));
  }

  /** The book's counter, started with {@value #BOOK_COUNTER_INITIAL} and registered as {@value #BOOK_COUNTER}. */
  public static ChildSpec bookCounterSpec() {
    return ChildSpec.worker(BOOK_COUNTER, () -> new Counter(BOOK_COUNTER_INITIAL).named(BOOK_COUNTER_NAME));
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
   * fails with AlreadyStarted when the name is held (or is {@value #BOOK_COUNTER}), and with
   * IllegalStateException for a global counter on a node that is not clustered.
   */
  public Future<Pid> start(String name, int initial, Name.Scope scope) {
    if (scope == Name.Scope.GLOBAL && !node.isClustered()) {
      return Future.failedFuture(new IllegalStateException("a global counter needs a clustered node"));
    }
    Name other = name(scope == Name.Scope.LOCAL ? Name.Scope.GLOBAL : Name.Scope.LOCAL, name);
    Name held = BOOK_COUNTER.equals(name) ? BOOK_COUNTER_NAME : other;
    return holder(held).compose(holder -> holder != null || held == BOOK_COUNTER_NAME
      ? Future.failedFuture(new AlreadyStarted(held, holder))
      : Supervisor.startDynamicChild(node, SUPERVISOR, new Args(name, initial, scope)));
  }

  /** The pid of the counter registered as name, locally first, then globally; fails with {@code noproc} when there is none. */
  public Future<Pid> lookup(String name) {
    if (!isValidName(name)) {
      return noproc();
    }
    if (BOOK_COUNTER.equals(name)) {
      return found(holder(BOOK_COUNTER_NAME));
    }
    return holder(name(Name.Scope.LOCAL, name)).compose(local -> local != null
      ? Future.succeededFuture(local)
      : found(holder(name(Name.Scope.GLOBAL, name))));
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
        .compose(dynamic -> dynamic ? Future.succeededFuture() : Supervisor.terminateChild(node, bookCounterParent, BOOK_COUNTER))
      : node.<Boolean>call(CounterHost.of(pid.node()), CounterHost.delete(pid))
        .compose(deleted -> deleted ? Future.succeededFuture() : noproc()));
  }

  private static Future<Pid> found(Future<Pid> holder) {
    return holder.compose(pid -> pid == null ? noproc() : Future.succeededFuture(pid));
  }

  /** The holder of name, or null; a global name has no holder on a node that is not clustered. */
  private Future<Pid> holder(Name name) {
    return name.scope() == Name.Scope.GLOBAL && !node.isClustered() ? Future.succeededFuture(null) : node.whereis(name);
  }

  private static <T> Future<T> noproc() {
    return Future.failedFuture(new ExitException(ExitReason.noproc()));
  }
}
