package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Debugging a running {@link GenServer}, as Erlang's {@code sys} module: read its state
 * ({@code sys:get_state}), replace it ({@code sys:replace_state}), and read its status
 * ({@code sys:get_status}). Each is a system request: the server handles it between its other
 * messages, in mailbox order, and it never reaches handleCall. Each fails as {@link Node#call}
 * does, with an {@link ExitException} whose reason is {@code noproc} when no process lives at dest
 * and {@code timeout} when no answer came within the timeout ({@value Node#DEFAULT_CALL_TIMEOUT_MS}
 * ms by default, as OTP's 5,000).
 *
 * <p>Unlike OTP, the requests reach GenServers of the calling node only: a state and a replacing
 * function are Java objects, as an {@link Agent}'s functions are. A dest on another node, or a
 * process that is not a GenServer, fails the request with IllegalArgumentException (OTP's
 * {@code sys} would wait for its timeout on a process that does not speak the protocol).
 */
public final class Sys {

  /**
   * What {@link #getStatus} answers, OTP's {@code {status, Pid, {module, Mod}, [..., SysState,
   * Parent, ..., Misc]}}: the server's pid, its registered name (or null), its status (always
   * {@code running}: servers cannot be suspended here), its parent (or null), its class, and its
   * state as {@link GenServer#formatStatus} shows it, bounded in length.
   */
  public record Status(Pid pid, Name name, String status, Pid parent, String module, String state) {
  }

  record GetState() {
    @Override
    public String toString() {
      return "get_state";
    }
  }

  record ReplaceState(UnaryOperator<?> fn) {
    @Override
    public String toString() {
      return "replace_state";
    }
  }

  record GetStatus() {
    @Override
    public String toString() {
      return "get_status";
    }
  }

  private static final GetState GET_STATE = new GetState();
  private static final GetStatus GET_STATUS = new GetStatus();

  private Sys() {
  }

  /** The server's current state, as {@code sys:get_state/1}. */
  public static <S> Future<S> getState(Node node, Dest dest) {
    return getState(node, dest, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** The server's current state, failing with {@code timeout} after timeoutMs, as {@code sys:get_state/2}. */
  public static <S> Future<S> getState(Node node, Dest dest, long timeoutMs) {
    return node.systemCall(dest, GET_STATE, timeoutMs);
  }

  /**
   * Replaces the server's state with {@code fn(state)}, run inside the server, and answers the new
   * state, as {@code sys:replace_state/2}. When fn throws, the state stays as it was, the server
   * goes on, and the Future fails with an {@link ExitException} whose reason is a crash carrying
   * fn's exception (OTP's caller gets {@code callback_failed}).
   */
  public static <S> Future<S> replaceState(Node node, Dest dest, UnaryOperator<S> fn) {
    return replaceState(node, dest, fn, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** As {@link #replaceState(Node, Dest, UnaryOperator)}, failing with {@code timeout} after timeoutMs (the state may still be replaced), as {@code sys:replace_state/3}. */
  public static <S> Future<S> replaceState(Node node, Dest dest, UnaryOperator<S> fn, long timeoutMs) {
    return node.systemCall(dest, new ReplaceState(Objects.requireNonNull(fn, "fn")), timeoutMs);
  }

  /** The server's status, with its state as {@link GenServer#formatStatus} shows it, as {@code sys:get_status/1}. */
  public static Future<Status> getStatus(Node node, Dest dest) {
    return getStatus(node, dest, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** As {@link #getStatus(Node, Dest)}, failing with {@code timeout} after timeoutMs, as {@code sys:get_status/2}. */
  public static Future<Status> getStatus(Node node, Dest dest, long timeoutMs) {
    return node.systemCall(dest, GET_STATUS, timeoutMs);
  }
}
