package dev.rumbl.counter;

import dev.rumbl.otp.Dest;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;

/**
 * The book's counter, a GenServer holding an integer: {@link #inc} and {@link #dec} are casts
 * (they never wait and never fail), {@link #val} is a call that answers the current value or fails
 * with {@link dev.rumbl.otp.ExitException} ({@code timeout}, {@code noproc}). Its messages are
 * plain strings, so a counter can be reached from any node.
 */
public final class Counter extends GenServer<Integer> {

  private static final String INC = "inc";
  private static final String DEC = "dec";
  private static final String VAL = "val";

  private final int initial;

  public Counter(int initial) {
    this.initial = initial;
  }

  public static Future<Pid> start(Node node, int initial) {
    return node.spawn(new Counter(initial));
  }

  public static void inc(Node node, Dest counter) {
    node.cast(counter, INC);
  }

  public static void dec(Node node, Dest counter) {
    node.cast(counter, DEC);
  }

  public static Future<Integer> val(Node node, Dest counter) {
    return node.call(counter, VAL);
  }

  public static Future<Integer> val(Node node, Dest counter, long timeoutMs) {
    return node.call(counter, VAL, timeoutMs);
  }

  @Override
  protected Init<Integer> init() {
    return Init.ok(initial);
  }

  @Override
  protected Outcome<Integer> handleCast(Object request, Integer value) {
    if (INC.equals(request)) {
      return noreply(value + 1);
    } else if (DEC.equals(request)) {
      return noreply(value - 1);
    }
    return super.handleCast(request, value);
  }

  @Override
  protected Outcome<Integer> handleCall(Object request, From from, Integer value) {
    if (VAL.equals(request)) {
      return reply(value, value);
    }
    return super.handleCall(request, from, value);
  }
}
