package dev.rumbl.otp;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Why a process exited, with OTP's meanings:
 * <ul>
 *   <li>{@code normal}: it finished its work;</li>
 *   <li>{@code shutdown}, or {@code shutdown} with a term: it was asked to stop in order;</li>
 *   <li>{@code killed}: it was killed without running {@code terminate};</li>
 *   <li>{@code crash}: an exception escaped one of its handlers, its start failed, or it stopped
 *       with a reason of its own;</li>
 *   <li>{@code noproc}: it was not alive to begin with; {@code noconnection}: its node was lost;
 *       {@code timeout}: it did not answer a call in time (these three are seen by the caller or
 *       monitor, never chosen by a process).</li>
 * </ul>
 * {@code kill} is not a reason a process exits with but the signal that kills it: {@code
 * exit(pid, kill())} makes the process exit with {@code killed}. Every reason converts to and from JSON.
 */
public sealed interface ExitReason {

  record Normal() implements ExitReason {
    @Override
    public String toString() {
      return "normal";
    }
  }

  /** An orderly stop; {@code term} is null for a plain {@code shutdown}. */
  record Shutdown(String term) implements ExitReason {
    @Override
    public String toString() {
      return term == null ? "shutdown" : "{shutdown, " + term + "}";
    }
  }

  record Killed() implements ExitReason {
    @Override
    public String toString() {
      return "killed";
    }
  }

  /** The untrappable kill signal; never the reason a process is seen to exit with. */
  record Kill() implements ExitReason {
    @Override
    public String toString() {
      return "kill";
    }
  }

  /** An abnormal exit: {@code error} describes it; {@code cause} is the exception, where there was one on this node. */
  record Crash(String error, Throwable cause) implements ExitReason {
    public Crash {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public String toString() {
      return error;
    }
  }

  record Noproc() implements ExitReason {
    @Override
    public String toString() {
      return "noproc";
    }
  }

  record Noconnection() implements ExitReason {
    @Override
    public String toString() {
      return "noconnection";
    }
  }

  record Timeout() implements ExitReason {
    @Override
    public String toString() {
      return "timeout";
    }
  }

  static ExitReason normal() {
    return new Normal();
  }

  static ExitReason shutdown() {
    return new Shutdown(null);
  }

  static ExitReason shutdown(String term) {
    return new Shutdown(Objects.requireNonNull(term, "term"));
  }

  static ExitReason killed() {
    return new Killed();
  }

  static ExitReason kill() {
    return new Kill();
  }

  static ExitReason crash(Throwable cause) {
    return new Crash(cause.getClass().getName() + ": " + cause.getMessage(), cause);
  }

  /**
   * The reason a failure stands for: an {@link ExitException}'s own reason, any other throwable a
   * {@code crash} with it as the cause. The one place an error becomes an exit reason.
   */
  static ExitReason of(Throwable error) {
    return error instanceof ExitException exit ? exit.reason() : crash(error);
  }

  /** An abnormal reason chosen by the process itself, such as {@code stop("bad_input")}. */
  static ExitReason crash(String error) {
    return new Crash(error, null);
  }

  static ExitReason noproc() {
    return new Noproc();
  }

  static ExitReason noconnection() {
    return new Noconnection();
  }

  static ExitReason timeout() {
    return new Timeout();
  }

  /**
   * True for the reasons OTP does not treat as a failure: {@code normal} and {@code shutdown} (with
   * or without a term). A transient child exiting with such a reason is not restarted, and no
   * crash report is written.
   */
  default boolean isNormal() {
    return this instanceof Normal || this instanceof Shutdown;
  }

  default JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type());
    if (this instanceof Shutdown shutdown && shutdown.term() != null) {
      json.put("term", shutdown.term());
    } else if (this instanceof Crash crash) {
      json.put("error", crash.error());
    }
    return json;
  }

  private String type() {
    if (this instanceof Normal) {
      return "normal";
    } else if (this instanceof Shutdown) {
      return "shutdown";
    } else if (this instanceof Killed) {
      return "killed";
    } else if (this instanceof Kill) {
      return "kill";
    } else if (this instanceof Crash) {
      return "crash";
    } else if (this instanceof Noproc) {
      return "noproc";
    } else if (this instanceof Noconnection) {
      return "noconnection";
    }
    return "timeout";
  }

  /** Reads a reason written by {@link #toJson()}; fails with IllegalArgumentException on an unknown type. */
  static ExitReason fromJson(JsonObject json) {
    String type = json.getString("type");
    if (type == null) {
      throw new IllegalArgumentException("an exit reason needs a 'type'");
    }
    return switch (type) {
      case "normal" -> normal();
      case "shutdown" -> new Shutdown(json.getString("term"));
      case "killed" -> killed();
      case "kill" -> kill();
      case "crash" -> crash(json.getString("error", "crash"));
      case "noproc" -> noproc();
      case "noconnection" -> noconnection();
      case "timeout" -> timeout();
      default -> throw new IllegalArgumentException("unknown exit reason type '" + type + "'");
    };
  }
}
