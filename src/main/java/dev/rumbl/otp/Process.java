package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A process: its own Vert.x event-loop context, whose queue is its mailbox, listening at a unique
 * event-bus address. Its node hands messages between processes of one node straight to that queue;
 * plain Vert.x code may send to the address, and waits in the same queue. Start one with
 * {@link Node#spawn} or {@link Node#spawnLink}; an instance starts once. The context is a
 * deployment's as far as Vert.x can tell (see {@link Vessel}): whatever the process opens on it is
 * closed when it exits, as an undeployed verticle's would be, but without the cost of Vert.x's
 * deployment manager, so that a process is cheap enough to start one per request. A process that
 * opens nothing of Vert.x's may instead run on a duplicate of a context shared per event loop
 * ({@link #withSharedContext()}), cheaper still, with the guarantees below unchanged.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>messages are handled one at a time, each sender's in the order it sent them; messages
 *       that arrive while {@link #onStart()} is still running wait until it has finished;</li>
 *   <li>an exception that escapes any handler run on its context (a message handler, a timer, a
 *       Future callback) crashes it, as an uncaught raise ends an Elixir process; a crash, and any
 *       other abnormal exit, writes one crash report naming the process, the reason and the last
 *       message;</li>
 *   <li>it exits exactly once, with one {@link ExitReason}; {@link #onExit} runs on every exit but a
 *       kill; then its mailbox closes, its name is freed, every monitor receives exactly one
 *       {@link Down} and every linked process an exit signal;</li>
 *   <li>an {@link #onExit} that throws or fails its Future changes the exit reason to that error
 *       (to the reason of an {@link ExitException}), as an OTP process whose terminate raises exits
 *       with what it raised: monitors, links and the supervisor see that reason; a kill that cuts
 *       the onExit short keeps {@code killed};</li>
 *   <li>an exit signal from its parent stops it with that reason; from another linked process it
 *       stops it too, unless the reason is {@code normal} or the process traps exits, in which case
 *       the signal arrives as an {@link Exit} message instead; a {@code normal} exit signal a
 *       process sends itself stops it, as OTP's {@code exit(self(), normal)} does.</li>
 * </ul>
 * A handler that blocks its event loop cannot be interrupted, not even by a kill: Vert.x cannot
 * preempt it. Vert.x's blocked-thread checker reports it.
 *
 * <p>Threads, for those who read on: the settings made before the start ({@code named},
 * {@code quiet}, {@code startTimeout}, the placement) and what the start fixes ({@code node},
 * {@code address}, {@code parent}, {@code pid}, {@code vertx}, {@code context}) are written once
 * and published to other threads by the start and the node's process table. Confined to the
 * process's context: {@code consumer}, {@code lastMessage} and {@code lastEnvelope}, {@code early} (messages held back
 * during the start), {@code startTimedOut} and {@code trapExit}. Shared: {@code exitReason}
 * (volatile; written from other threads under {@code lock}, by a kill or a failing terminate),
 * {@code killSwitch} (under {@code lock}), {@code finished} and {@code halting} (volatile, set
 * once by compare-and-set through their VarHandles rather than an atomic object each), the
 * {@code begun} Future (volatile), the {@code exited} promise (made on first use, under {@code lock}), the name (set again by {@link Node#register} and
 * {@link Node#unregister}), and the {@link Ties} the node keeps for the process under their own lock.
 *
 * <p>What {@link Node#processInfo} reads from other threads without a lock: {@code delivered}
 * (messages handed to the mailbox, counted atomically by the senders), and, written only on the
 * process's context and read as a snapshot, {@code taken} (of those, the ones taken from the
 * queue), {@code handled} (every message handled) and {@code handling} (the message in hand, or
 * null). No allocation: a message handed over costs one atomic add here, one increment of the
 * node's delivered count (a {@code LongAdder}) and three plain writes more.
 */
public abstract class Process {

  private static final Logger log = LoggerFactory.getLogger(Process.class);
  private static final Future<Boolean> BEGUN = Future.succeededFuture(true);
  private static final Future<Boolean> NOT_BEGUN = Future.succeededFuture(false);

  /** The Vert.x instance the process runs in; set when it is started. */
  protected Vertx vertx;
  /** The process's own context: every handler of the process runs on it, one at a time. */
  protected Context context;

  private Node node;
  private Vessel vessel;
  private String address;
  private Pid parent;
  private Name name;
  private boolean trapExit;
  private boolean quiet;
  private boolean withoutBusConsumer;
  private boolean sharedContext;
  private long startTimeoutMs;
  private boolean startTimedOut;
  private Pid pid;
  private MessageConsumer<Object> consumer;
  /** The last message taken, for crash reports; of a call or a system request, only its request. */
  private Object lastMessage;
  /**
   * Which envelope lastMessage was the request of ({@link Envelope#CALL}, {@link Envelope#SYSTEM}),
   * or null when it is the message itself: keeping a call's envelope would keep its caller, and the
   * answer given, for as long as the process idles after it (about 100 bytes a socket process,
   * BENCHMARKS.md, scenario 7). The report writes it as before: {@code {call, request}}.
   */
  private String lastEnvelope;
  private List<Runnable> early = new ArrayList<>();
  private volatile ExitReason exitReason;
  /** Whether the start succeeded, once it is over: a promise during the start, then one of two shared Futures. */
  private volatile Future<Boolean> begun;
  private Promise<Void> killSwitch;
  /** Made when something first waits for the exit (most processes are never waited for); under {@code lock}, as is {@code exitedWith}. */
  private Promise<ExitReason> exited;
  private ExitReason exitedWith;
  private volatile boolean finished;
  private volatile boolean halting;

  private final Ties ties = new Ties(this);
  /** Guards the writes of exitReason from other threads and the kill switch: the ties' lock, which no code holds while taking another. */
  private final Object lock = ties;
  private EventLoop placement;

  private static final VarHandle FINISHED;
  private static final VarHandle HALTING;
  private static final VarHandle DELIVERED;
  private static final VarHandle TAKEN;
  private static final VarHandle HANDLED;
  private static final VarHandle HANDLING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      FINISHED = lookup.findVarHandle(Process.class, "finished", boolean.class);
      HALTING = lookup.findVarHandle(Process.class, "halting", boolean.class);
      DELIVERED = lookup.findVarHandle(Process.class, "delivered", long.class);
      TAKEN = lookup.findVarHandle(Process.class, "taken", long.class);
      HANDLED = lookup.findVarHandle(Process.class, "handled", long.class);
      HANDLING = lookup.findVarHandle(Process.class, "handling", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private long startedAt;
  private volatile long delivered;
  private long taken;
  private long handled;
  private Object handling;

  /** Registers the process under a node-local name when it starts; call before starting it. */
  public Process named(String name) {
    return named(Name.local(name));
  }

  /** Registers the process under the name when it starts; call before starting it. */
  public Process named(Name name) {
    if (node != null) {
      throw new IllegalStateException("name a process before starting it");
    }
    this.name = name;
    return this;
  }

  /**
   * Logs this process's start, normal exit and kill at DEBUG instead of INFO, for short-lived
   * processes started by the thousand (workers of one request, killed when they overrun a
   * deadline); crashes are always logged.
   */
  public Process quiet() {
    quiet = true;
    return this;
  }

  /**
   * Bounds the start, as {@code gen_server:start(..., [{timeout, T}])}: when {@link #onStart()} has
   * not completed within timeoutMs (counted once the process holds its name), the process is
   * killed (no {@link #onExit}, its name freed, gone from the node's table, its linked children
   * signalled) and its start fails with an {@link ExitException} whose reason is {@code timeout};
   * its links and monitors see it exit with {@code killed}. A supervisor starting it sees a failed
   * start. Call before starting it.
   */
  public Process startTimeout(long timeoutMs) {
    if (node != null) {
      throw new IllegalStateException("set a start timeout before starting the process");
    }
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("a start timeout is 1 or more milliseconds, got " + timeoutMs);
    }
    startTimeoutMs = timeoutMs;
    return this;
  }

  /**
   * Registers no event-bus consumer at the process's address: plain Vert.x code sending there finds
   * no handler. Everything the toolkit does still reaches it (send, cast, call, sys, monitors, links,
   * exit signals, also from other nodes, whose messages come through the node's own consumer and are
   * handed to the mailbox directly). For processes started by the thousand that only the toolkit
   * speaks to, such as a viewer per connection and video: Vert.x's consumer (its registration, inbound
   * queue, handler holder and table entry) costs about 550 bytes a process (BENCHMARKS.md, scenario 7).
   * Call before starting it.
   */
  public Process withoutBusConsumer() {
    if (node != null) {
      throw new IllegalStateException("drop a process's bus consumer before starting it");
    }
    withoutBusConsumer = true;
    return this;
  }

  /**
   * Runs the process on a context shared by the processes of its event loop that ask for it,
   * rather than on a context of its own: it gets a duplicate of that context, which costs a few
   * dozen bytes where a context of its own (with its task queue and close future, and the
   * deployment that Vert.x takes it for) costs about 450 (BENCHMARKS.md, scenario 7). For processes
   * started by the thousand that open nothing of Vert.x's, such as a viewer per connection and video.
   * Everything the toolkit gives a process holds as on a context of its own: its messages are
   * handled one at a time in the order each sender sent them, on its context; {@link #self()} and
   * {@link Node#self()} find it in its handlers and in the callbacks of Futures it waits for; an
   * exception that escapes a handler crashes it (and only it); calls, casts, sys requests,
   * monitors, links, exit signals, {@link Node#sendAfter} (cancelled at its exit) and a
   * {@link GenServer}'s timeout work as ever.
   *
   * <p>What it gives up, because Vert.x closes what is opened on a context only with the context,
   * and this one is never closed:
   * <ul>
   *   <li>what it opens on Vert.x (event-bus consumers, timers set with {@code vertx.setTimer},
   *       servers, clients) is not closed at its exit: close it in {@link #onExit}, or use the
   *       toolkit's timers; a Vert.x timer that fires after the exit runs as the exited process,
   *       whose messages are refused;</li>
   *   <li>verticles it deploys are not its children and are not undeployed at its exit;</li>
   *   <li>its context's exception handler, config, context data and ordered
   *       {@code executeBlocking} queue are those of every process sharing the context: setting an
   *       exception handler on it would take crashes away from all of them.</li>
   * </ul>
   * When Vert.x does not know the context local that names such a process ({@link ProcessLocal},
   * registered through Vert.x's service loader before it builds an instance), the process gets a
   * context of its own instead. Call before starting it.
   */
  public Process withSharedContext() {
    if (node != null) {
      throw new IllegalStateException("share a process's context before starting it");
    }
    sharedContext = true;
    return this;
  }

  /** True when the process runs on a context shared with others (see {@link #withSharedContext()}); valid once it is started. */
  final boolean hasSharedContext() {
    return vessel == null;
  }

  boolean isQuiet() {
    return quiet;
  }

  /** Makes exit signals from linked processes (other than the parent) arrive as {@link Exit} messages. */
  protected final void trapExits() {
    trapExit = true;
  }

  /** True when exit signals from linked processes arrive as messages; read it on the process's own context. */
  final boolean trapsExits() {
    return trapExit;
  }

  /** This process's pid; valid from {@link #onStart()} on. */
  public final Pid self() {
    return pid;
  }

  /**
   * True from the process's start until it begins to exit, for any reason, a kill included; safe
   * from any thread. For what a process hands to other threads (a store, a client) that must not be
   * used once the process is on its way out, when whatever it opened on its context is closed.
   */
  public final boolean isRunning() {
    return pid != null && !halting;
  }

  /** The node this process runs on. */
  protected final Node node() {
    return node;
  }

  /** The process that started and supervises this one, or null. */
  protected final Pid parent() {
    return parent;
  }

  /** The registered name, or null. */
  public final Name name() {
    return name;
  }

  /** Runs when the process starts; the start succeeds when the returned Future does. */
  protected abstract Future<?> onStart();

  /** Handles every message that is not a system message: calls, casts, {@link Down}, {@link Exit}, anything sent. */
  protected abstract void onMessage(Object body);

  /** Runs when the process exits, for any reason but a kill; the exit waits for the returned Future. */
  protected abstract Future<?> onExit(ExitReason reason);

  /** Runs once the start has succeeded, on the process's context, before any message is handled. */
  void onStarted() {
  }

  /** Runs on every exit, kills included, once the process has stopped handling messages: for the kinds of process that owe their callers an answer. */
  void onGone(ExitReason reason) {
  }

  /** A short description of the state for crash reports. */
  protected String describeState() {
    return "-";
  }

  /** Exits with the reason: {@link #onExit} runs, then the process is gone. Call it on the process's own context. */
  protected final void exit(ExitReason reason) {
    if (exitReason != null) {
      return;
    }
    exitReason = reason;
    if (!reason.isNormal() && !(reason instanceof ExitReason.Killed)) {
      reportCrash(reason);
    }
    halt();
  }

  /**
   * Starts the process on a new context of the given event loop (a duplicate of the loop's shared
   * one, see {@link #withSharedContext()}); completes with its pid, on the process's context, once
   * {@link #onStart()} has succeeded.
   */
  Future<Pid> begin(Vertx vertx, EventLoop loop) {
    Context own;
    if (sharedContext && node.sharesContexts()) {
      own = VertxInternals.sharedProcessContext(node.sharedContext(loop), this);
    } else {
      vessel = new Vessel(this);
      own = VertxInternals.processContext(vertx, loop, vessel);
      vessel.board(own);
    }
    this.vertx = vertx;
    this.context = own;
    startedAt = System.currentTimeMillis();
    pid = new Pid(node.id(), address);
    Promise<Pid> started = Promise.promise();
    Promise<Boolean> beginning = Promise.promise();
    begun = beginning.future();
    own.runOnContext(ignored -> start().onComplete((ok, error) -> {
      begun = error == null ? BEGUN : NOT_BEGUN;
      beginning.complete(error == null);
      if (error == null) {
        started.complete(pid);
      } else if (error instanceof Ignored) {
        started.complete(null);
      } else {
        started.fail(error);
      }
    }));
    return started.future();
  }

  private Future<?> start() {
    if (vessel != null) {
      context.exceptionHandler(this::crash);
    }
    Future<Void> admitted = node.admit(this);
    Future<Object> started = admitted.succeeded() ? openAndStart() : admitted.compose(ok -> openAndStart());
    return started.transform(outcome -> {
      if (outcome.failed()) {
        return abandonStart(outcome.cause());
      }
      onStarted();
      deliverEarlyMessages();
      return started;
    });
  }

  /** The start, failed with {@code timeout} if it has not completed within the start timeout; the timer runs on the process's context. */
  private Future<Object> withinStartTimeout(Future<Object> start) {
    if (start.isComplete()) {
      return start;
    }
    Promise<Object> bounded = Promise.promise();
    long timer = VertxInternals.setTimer(context, startTimeoutMs, fired -> {
      if (!start.isComplete()) {
        startTimedOut = true;
        bounded.tryFail(new ExitException(ExitReason.timeout()));
      }
    });
    start.onComplete((value, failure) -> {
      vertx.cancelTimer(timer);
      if (failure == null) {
        bounded.tryComplete(value);
      } else {
        bounded.tryFail(failure);
      }
    });
    return bounded.future();
  }

  /** Starts listening at the process's event-bus address (unless it goes without), then runs {@link #onStart()}, within the start timeout if there is one. */
  @SuppressWarnings("unchecked")
  private Future<Object> openAndStart() {
    if (!withoutBusConsumer) {
      listen();
    }
    Future<Object> started = (Future<Object>) startSafely();
    return startTimeoutMs == 0 ? started : withinStartTimeout(started);
  }

  /**
   * Runs the exit on the process's context, once its start is over (an exit during the start waits
   * for it): {@link #onExit} unless killed (a kill cuts a running one short), the mailbox closed,
   * child verticles undeployed, everything opened on the context closed; only then does the node
   * hear of the exit, so that whoever hears of it finds no trace of the process.
   */
  private void halt() {
    if (!HALTING.compareAndSet(this, false, true)) {
      return;
    }
    begun.onSuccess(running -> {
      if (running) {
        context.runOnContext(ignored -> closeDown());
      }
    });
  }

  private void closeDown() {
    ExitReason reason = exitReason;
    Future<?> terminated = reason instanceof ExitReason.Killed ? Future.succeededFuture() : terminate(reason);
    if (terminated.isComplete()) {
      closeMailbox();
    } else {
      Future.any(terminated, killSwitch().future()).onComplete(done -> closeMailbox());
    }
  }

  /** Settles what the process owes ({@link #onGone}), then releases it. */
  private void closeMailbox() {
    onGone(exitReason);
    release();
  }

  /**
   * Stops listening at the address (if it had started), undeploys child verticles, closes the
   * context, then fails the calls still owed and tells the node; completes when the node has been
   * told.
   */
  private Future<Void> release() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.isComplete() ? undeployAndClose() : unregistered.transform(done -> undeployAndClose());
  }

  /**
   * The rest of {@link #release}; each step that is already done (as for most processes: no child
   * verticles, a context closed at once) is followed at once rather than through a listener.
   */
  private Future<Void> undeployAndClose() {
    Future<?> undeployed = vessel == null ? Future.succeededFuture() : vessel.undeployChildren();
    if (!undeployed.isComplete()) {
      return undeployed.transform(done -> closeAndFinish());
    }
    return closeAndFinish();
  }

  private Future<Void> closeAndFinish() {
    Future<Void> closed = VertxInternals.close(context);
    return closed.isComplete() ? finish() : closed.transform(done -> finish());
  }

  @Override
  public String toString() {
    return name == null ? String.valueOf(pid) : name + " " + pid;
  }

  void bind(Node node, String address, Pid parent) {
    if (this.node != null) {
      throw new IllegalStateException(getClass().getSimpleName()
        + " instance already started once: give the supervisor a factory that makes a new one");
    }
    this.node = node;
    this.address = address;
    this.parent = parent;
  }

  String address() {
    return address;
  }

  /** Makes the process start on this event loop rather than the next in turn; call before starting it. */
  void placeOn(EventLoop loop) {
    placement = loop;
  }

  EventLoop placement() {
    return placement;
  }

  Future<ExitReason> exitFuture() {
    synchronized (lock) {
      if (exitedWith != null) {
        return Future.succeededFuture(exitedWith);
      }
      if (exited == null) {
        exited = Promise.promise();
      }
      return exited.future();
    }
  }

  /** Exits with the reason from any thread, on the process's context but ahead of its mailbox. */
  void exitPastMailbox(ExitReason reason) {
    context.runOnContext(ignored -> exit(reason));
  }

  /** Kills the process from any thread: no {@link #onExit}, reason {@code killed}. */
  void kill() {
    if (finished) {
      return;
    }
    synchronized (lock) {
      exitReason = ExitReason.killed();
    }
    killSwitch().tryComplete();
    halt();
  }

  /** Completed by a kill to cut short a terminate in progress; made on first use, as few processes are killed. */
  private Promise<Void> killSwitch() {
    synchronized (lock) {
      if (killSwitch == null) {
        killSwitch = Promise.promise();
      }
      return killSwitch;
    }
  }

  /** What ties this process to others (see {@link Ties}): kept for the node, not for the process author. */
  Ties ties() {
    return ties;
  }

  /** Fails every call not yet answered, in the mailbox or not yet arrived, with the exit reason; none is admitted after. */
  private void failCalls(ExitReason reason) {
    Set<From> unanswered = ties.closeCalls();
    if (unanswered != null) {
      unanswered.forEach(call -> call.fail(reason));
    }
  }

  void setName(Name name) {
    this.name = name;
  }

  private Future<?> startSafely() {
    try {
      return onStart();
    } catch (Throwable error) {
      return Future.failedFuture(error);
    }
  }

  /**
   * Ends a start that failed: the process exits with the start's reason (with {@code killed} after
   * a start timeout, as OTP kills a server whose init overran, so no crash report) and is released.
   */
  private Future<Object> abandonStart(Throwable error) {
    ExitReason reason = startTimedOut ? ExitReason.killed()
      : error instanceof Ignored ? ExitReason.normal()
      : ExitReason.of(error);
    exitReason = reason;
    if (!(error instanceof AlreadyStarted) && !reason.isNormal() && !startTimedOut) {
      reportCrash(reason);
    }
    List<Runnable> waiting = early;
    early = null;
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
    boolean passedOn = error instanceof AlreadyStarted || error instanceof Ignored || startTimedOut;
    return release().transform(done -> Future.failedFuture(passedOn ? error : new ExitException(reason)));
  }

  private void deliverEarlyMessages() {
    List<Runnable> waiting = early;
    early = null;
    waiting.forEach(Runnable::run);
  }

  /**
   * Hands a message of this node to the process from any thread, as a task on its context rather
   * than through the event bus. It waits in the same event-loop queue as a message sent to the
   * mailbox's address, so each sender's messages and signals still arrive in the order sent.
   */
  void deliver(Object message) {
    DELIVERED.getAndAdd(this, 1L);
    node.countDelivered();
    context.runOnContext(ignored -> {
      TAKEN.setOpaque(this, taken + 1);
      receive(message, null);
    });
  }

  /** The messages handed to the mailbox and not yet taken from it; a snapshot, from any thread. */
  final long queueLength() {
    return Math.max(0, (long) DELIVERED.getOpaque(this) - (long) TAKEN.getOpaque(this));
  }

  /** Messages handled so far, system messages and signals included; a snapshot, from any thread. */
  final long messagesHandled() {
    return (long) HANDLED.getOpaque(this);
  }

  /** The message being handled now, or null between messages; a snapshot, from any thread. */
  final Object handling() {
    return HANDLING.getOpaque(this);
  }

  /** When the process started, in milliseconds since the epoch. */
  final long startedAt() {
    return startedAt;
  }

  /** True once the process has begun to exit, for any reason. */
  final boolean isExiting() {
    return halting || exitReason != null;
  }

  /**
   * Registers the mailbox's event-bus consumer from the node's home context of the process's event
   * loop (when the start runs there, as it does but after an asynchronous admission), and has it hand
   * each message to the process's context at once, on the same thread: the order is the one a
   * consumer of the process's own context would give. Registered from the process's context, the
   * consumer would also be a close hook of it, and Vert.x would make the context's table of close
   * hooks (a {@code HashMap} and its node, about 160 bytes a process) only to hold the consumer,
   * which {@link #release} unregisters itself anyway (BENCHMARKS.md, scenario 7).
   */
  private void listen() {
    if (VertxInternals.inThread(context)) {
      node.runAtHome(context, () -> consumer = vertx.eventBus().localConsumer(address, this::receiveFromBus));
    } else {
      consumer = vertx.eventBus().localConsumer(address, this::receive);
    }
  }

  private void receiveFromBus(Message<Object> message) {
    VertxInternals.dispatch(context, () -> receive(message.body(), message));
  }

  private void receive(Message<Object> message) {
    receive(message.body(), message);
  }

  /** Handles a message the process itself produced on its own context, as if it had just come in (see {@link GenServer#TIMEOUT}). */
  final void receiveNow(Object body) {
    receive(body, null);
  }

  /** A message from the mailbox's address, or (with no event-bus message) one handed over directly. */
  private void receive(Object body, Message<Object> message) {
    if (early != null) {
      early.add(() -> receive(body, message));
      return;
    }
    if (exitReason != null) {
      refuse(body, message);
      return;
    }
    if (body instanceof Envelope.Call call) {
      lastMessage = call.request();
      lastEnvelope = Envelope.CALL;
    } else if (body instanceof Envelope.System system) {
      lastMessage = system.request();
      lastEnvelope = Envelope.SYSTEM;
    } else {
      lastMessage = body;
      lastEnvelope = null;
    }
    HANDLED.setOpaque(this, handled + 1);
    HANDLING.setOpaque(this, body);
    try {
      if (body instanceof Envelope.Signal signal) {
        onSignal(signal);
      } else if (body instanceof Envelope.Stop stop) {
        exit(stop.reason());
      } else if (!(body instanceof Down down && ties.isFlushed(down.ref()))) {
        onMessage(body);
      }
    } finally {
      HANDLING.setOpaque(this, null);
    }
  }

  /**
   * An exit signal: from the parent it stops the process; otherwise it arrives as an {@link Exit}
   * message when the process traps exits, and stops it unless it is {@code normal}, or a
   * {@code normal} the process sent itself ({@code exit(self(), normal)} ends the caller, as in OTP).
   */
  private void onSignal(Envelope.Signal signal) {
    ExitReason reason = signal.reason();
    boolean fromParent = parent != null && parent.equals(signal.from());
    if (trapExit && !fromParent) {
      onMessage(new Exit(signal.from(), reason));
    } else if (trapExit || !(reason instanceof ExitReason.Normal) || pid.equals(signal.from())) {
      exit(reason);
    }
  }

  private void refuse(Object body, Message<Object> message) {
    if (body instanceof Envelope.Call call) {
      call.from().fail(exitReason);
    } else if (body instanceof Envelope.System system) {
      system.from().fail(exitReason);
    } else if (message != null && message.replyAddress() != null) {
      message.fail(Wire.EXIT_FAILURE_CODE, exitReason.toJson().encode());
    }
  }

  /** Crashes the process whose context runs the caller with error; logs it when the caller runs in none: the exception handler of a shared context. */
  static void crashCurrent(Throwable error) {
    Process process = VertxInternals.processOf(Vertx.currentContext());
    if (process != null) {
      process.crash(error);
    } else {
      log.error("Unhandled exception on a context shared by processes, outside any of them", error);
    }
  }

  private void crash(Throwable error) {
    if (exitReason != null) {
      log.error("{} raised while exiting with {}", this, exitReason, error);
      return;
    }
    exit(ExitReason.crash(error));
  }

  /**
   * Runs {@link #onExit}; one that throws or fails its Future makes that failure the exit reason
   * (an {@link ExitException} its reason), as OTP's gen_server exits with what its terminate raised.
   */
  private Future<?> terminate(ExitReason reason) {
    Future<?> terminated;
    try {
      terminated = onExit(reason);
    } catch (Throwable error) {
      terminated = Future.failedFuture(error);
    }
    if (terminated.succeeded()) {
      return terminated;
    }
    return terminated.recover(error -> {
      ExitReason failure = ExitReason.of(error);
      log.error("{} failed in terminate while exiting with {}; it exits with {} instead", this, reason, failure, error);
      replaceExitReason(reason, failure);
      return Future.succeededFuture();
    });
  }

  /** Makes replacement the exit reason unless the reason is no longer expected (a kill came first) or the exit is already told. */
  private void replaceExitReason(ExitReason expected, ExitReason replacement) {
    synchronized (lock) {
      if (exitReason == expected && !finished) {
        exitReason = replacement;
      }
    }
  }

  private Future<Void> finish() {
    if (!FINISHED.compareAndSet(this, false, true)) {
      return Future.succeededFuture();
    }
    ExitReason reason = exitReason;
    failCalls(reason);
    Promise<Void> told = Promise.promise();
    node.runAtHome(context, () -> node.exited(this, reason).onComplete(done -> {
      Promise<ExitReason> waiting;
      synchronized (lock) {
        exitedWith = reason;
        waiting = exited;
      }
      if (waiting != null) {
        waiting.complete(reason);
      }
      told.complete();
    }));
    return told.future();
  }

  private void reportCrash(ExitReason reason) {
    Throwable cause = reason instanceof ExitReason.Crash crash ? crash.cause() : null;
    log.error("Process {} terminating\n** (exit) {}\nLast message: {}\nState: {}",
      this, reason, lastEnvelope == null ? lastMessage : Envelope.describe(lastEnvelope, lastMessage), describeState(), cause);
  }
}
