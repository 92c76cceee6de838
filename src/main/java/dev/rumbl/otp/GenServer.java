package dev.rumbl.otp;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * A generic server, as Elixir's {@code GenServer}: a process holding a state of type S, changed
 * only by its handlers, which run one message at a time.
 *
 * <ul>
 *   <li>{@link #init()} gives the first state, or stops the start with a reason; with
 *       {@link Init#thenContinue} it has {@link #handleContinue} run next, before any message;</li>
 *   <li>{@link #handleCall} answers {@link Node#call}: reply now, reply later through {@link From},
 *       or stop; a call still unanswered when the server exits (killed too) fails with the server's
 *       reason before its exit is announced;</li>
 *   <li>{@link #handleCast} handles {@link Node#cast}; {@link #handleInfo} every other message
 *       ({@link Down}, timers from {@link Node#sendAfter}, plain sends);</li>
 *   <li>{@link #terminate} runs on every exit but a kill, with the reason; one that throws or fails
 *       its Future makes that error the exit reason, as in OTP;</li>
 *   <li>a reply or noreply with a timeout ({@link #reply(Object, Object, long)},
 *       {@link #noreply(Object, long)}) has {@link #TIMEOUT} reach handleInfo when no message
 *       came in within that time, as OTP's {@code timeout} message; any message cancels it but a
 *       {@link Sys} request, which leaves it running (OTP restarts it);</li>
 *   <li>{@link #formatStatus} says what crash reports and {@link Sys#getStatus} show of the state;
 *       {@link Sys} reads and replaces the state of a running server for debugging.</li>
 * </ul>
 * An exception thrown by a handler crashes the server: terminate runs with the crash reason,
 * then the process exits, and its supervisor decides what comes next. A call or cast the server
 * has no clause for is such a crash, as a missing function clause is in Elixir.
 */
public abstract class GenServer<S> extends Process {

  private static final Logger log = LoggerFactory.getLogger(GenServer.class);

  /** What handleInfo receives when a reply or noreply's timeout passes with no message, as OTP's {@code timeout}. */
  public static final Timeout TIMEOUT = new Timeout();

  /** The type of {@link #TIMEOUT}. */
  public record Timeout() {
    @Override
    public String toString() {
      return "timeout";
    }
  }

  /** The longest text a crash report or {@link Sys#getStatus} shows of a state. */
  public static final int STATE_TEXT_LIMIT = 2000;

  private static final long NO_TIMER = -1;

  private S state;
  private Object continuation;
  private long timeoutTimer = NO_TIMER;

  protected abstract Init<S> init();

  /** Runs right after a start whose init asked for it with {@link Init#thenContinue}, before any message. */
  protected Outcome<S> handleContinue(Object argument, S state) {
    throw new IllegalArgumentException(getClass().getSimpleName() + " has no handleContinue for " + argument);
  }

  protected Outcome<S> handleCall(Object request, From from, S state) {
    throw new IllegalArgumentException(getClass().getSimpleName() + " has no handleCall for " + request);
  }

  protected Outcome<S> handleCast(Object request, S state) {
    throw new IllegalArgumentException(getClass().getSimpleName() + " has no handleCast for " + request);
  }

  /** By default logs the unexpected message and keeps the state, as Elixir's default does. */
  protected Outcome<S> handleInfo(Object message, S state) {
    log.warn("{} received an unexpected message: {}", this, message);
    return noreply(state);
  }

  protected Future<?> terminate(ExitReason reason, S state) {
    return Future.succeededFuture();
  }

  protected static <S> Outcome<S> reply(Object value, S state) {
    return new Outcome.Reply<>(value, state, Outcome.INFINITY);
  }

  /** Answers the call, and has {@link #TIMEOUT} arrive if no message comes in within timeoutMs (0: at once if none is waiting). */
  protected static <S> Outcome<S> reply(Object value, S state, long timeoutMs) {
    return new Outcome.Reply<>(value, state, requireTimeout(timeoutMs));
  }

  protected static <S> Outcome<S> noreply(S state) {
    return new Outcome.NoReply<>(state, Outcome.INFINITY);
  }

  /** Goes on without answering, and has {@link #TIMEOUT} arrive if no message comes in within timeoutMs. */
  protected static <S> Outcome<S> noreply(S state, long timeoutMs) {
    return new Outcome.NoReply<>(state, requireTimeout(timeoutMs));
  }

  private static long requireTimeout(long timeoutMs) {
    if (timeoutMs < 0) {
      throw new IllegalArgumentException("a timeout is 0 or more milliseconds, got " + timeoutMs);
    }
    return timeoutMs;
  }

  protected static <S> Outcome<S> stop(ExitReason reason, S state) {
    return new Outcome.Stop<>(reason, false, null, state);
  }

  protected static <S> Outcome<S> stop(ExitReason reason, Object reply, S state) {
    return new Outcome.Stop<>(reason, true, reply, state);
  }

  @Override
  protected final Future<?> onStart() {
    Init<S> init = init();
    continuation = init.continuation();
    return init.state().onSuccess(first -> state = first);
  }

  /** The continuation init asked for; a handler that throws crashes the server, as anywhere else. */
  @Override
  final void onStarted() {
    Object argument = continuation;
    continuation = null;
    if (argument != null) {
      try {
        apply(handleContinue(argument, state), null);
      } catch (RuntimeException error) {
        exit(ExitReason.crash(error));
      }
    }
  }

  /**
   * Calls and casts first, by their class; a {@link Sys} system message is answered here and reaches
   * no handler. Unlike OTP, where a system message restarts a pending {@link #TIMEOUT} from zero, it
   * leaves the timeout as it was: looking at a server does not change when its timeout comes.
   */
  @Override
  protected final void onMessage(Object body) {
    if (body instanceof Envelope.Call call) {
      cancelTimeout();
      apply(handleCall(call.request(), call.from(), state), call.from());
    } else if (body instanceof Envelope.Cast cast) {
      cancelTimeout();
      apply(handleCast(cast.request(), state), null);
    } else if (body instanceof Envelope.System system) {
      handleSystem(system.request(), system.from());
    } else {
      cancelTimeout();
      apply(handleInfo(body, state), null);
    }
  }

  private void cancelTimeout() {
    if (timeoutTimer != NO_TIMER) {
      vertx.cancelTimer(timeoutTimer);
      timeoutTimer = NO_TIMER;
    }
  }

  /**
   * Answers a {@link Sys} request: get_state, replace_state, or else get_status. A replacing
   * function that throws leaves the state as it was and the server running; its caller gets the
   * error, as OTP's {@code callback_failed}.
   */
  @SuppressWarnings("unchecked")
  private void handleSystem(Object request, From from) {
    if (request instanceof Sys.GetState) {
      from.reply(state);
    } else if (request instanceof Sys.ReplaceState replace) {
      S replaced;
      try {
        replaced = ((UnaryOperator<S>) replace.fn()).apply(state);
      } catch (Exception error) {
        from.fail(ExitReason.crash(error));
        return;
      }
      state = replaced;
      from.reply(replaced);
    } else {
      from.reply(new Sys.Status(self(), name(), "running", parent(), getClass().getName(), describeState()));
    }
  }

  @Override
  protected final Future<?> onExit(ExitReason reason) {
    try {
      return terminate(reason, state);
    } catch (RuntimeException error) {
      return Future.failedFuture(error);
    }
  }

  /** Cancels a pending {@link #TIMEOUT}: a process on a shared context keeps its Vert.x timers past its exit (see {@link #withSharedContext()}). */
  @Override
  void onGone(ExitReason reason) {
    if (timeoutTimer != NO_TIMER) {
      vertx.cancelTimer(timeoutTimer);
      timeoutTimer = NO_TIMER;
    }
  }

  /** Delivers {@link #TIMEOUT} after timeoutMs unless a message comes in first (cancelled in onMessage). */
  private void armTimeout(long timeoutMs) {
    if (timeoutMs == Outcome.INFINITY) {
      return;
    }
    timeoutTimer = vertx.setTimer(Math.max(1, timeoutMs), fired -> {
      timeoutTimer = NO_TIMER;
      receiveNow(TIMEOUT);
    });
  }

  /**
   * What crash reports and {@link Sys#getStatus} show of the state, OTP's {@code format_status/1}:
   * override it to leave out what is large or secret. By default the state's toString. Whatever it
   * answers is cut to {@value #STATE_TEXT_LIMIT} characters where it is shown; if it throws, the
   * state is shown as a note that it failed, never by its toString. Unlike OTP's, it formats the
   * state alone (a crash report's last message is shown as it came).
   */
  protected String formatStatus(S state) {
    return String.valueOf(state);
  }

  /** The state as {@link #formatStatus} shows it, bounded to {@value #STATE_TEXT_LIMIT} characters. */
  @Override
  protected String describeState() {
    String text;
    try {
      text = String.valueOf(formatStatus(state));
    } catch (RuntimeException error) {
      return "(formatStatus failed: " + error.getClass().getName() + ")";
    }
    return text.length() <= STATE_TEXT_LIMIT ? text
      : text.substring(0, STATE_TEXT_LIMIT) + "... (" + (text.length() - STATE_TEXT_LIMIT) + " more characters)";
  }

  /** Takes the new state and does what the outcome says; the common noreply is tested first, by its class. */
  private void apply(Outcome<S> outcome, From from) {
    if (outcome instanceof Outcome.NoReply<S> noReply) {
      state = noReply.state();
      armTimeout(noReply.timeoutMs());
      return;
    }
    state = outcome.state();
    if (outcome instanceof Outcome.Reply<S> reply) {
      if (from == null) {
        throw new IllegalStateException("reply returned from handleCast or handleInfo; use noreply");
      }
      from.reply(reply.value());
      armTimeout(reply.timeoutMs());
    } else if (outcome instanceof Outcome.Stop<S> stop) {
      if (stop.replies() && from != null) {
        from.reply(stop.reply());
      }
      exit(stop.reason());
    }
  }
}
