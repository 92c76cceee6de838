package dev.rumbl.otp;

/**
 * The options of {@link Task#asyncStream}, as Elixir's {@code Task.async_stream/3}:
 * <ul>
 *   <li>{@code maxConcurrency}: at most this many tasks run at once; 0 (the default) means one per
 *       event loop of the node, as Elixir's default is {@code System.schedulers_online()};</li>
 *   <li>{@code ordered}: results in input order (the default) or in completion order;</li>
 *   <li>{@code timeoutMs}: how long each task may run, from its start ({@value Task#DEFAULT_AWAIT_MS} ms by default);</li>
 *   <li>{@code onTimeout}: what a task that overruns it does to the stream.</li>
 * </ul>
 */
public record AsyncStreamOptions(int maxConcurrency, boolean ordered, long timeoutMs, OnTimeout onTimeout) {

  /** Elixir's {@code :on_timeout}. */
  public enum OnTimeout {
    /** {@code :exit}: the whole stream fails with {@code timeout}; every task still running is killed. */
    EXIT,
    /** {@code :kill_task}: the task is killed, its element gives {@code {:exit, :timeout}} and the stream goes on. */
    KILL_TASK
  }

  /** Checks the options: maxConcurrency not negative, timeoutMs positive, onTimeout given. */
  public AsyncStreamOptions {
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must not be negative (0: one per event loop), got " + maxConcurrency);
    }
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("a task timeout must be positive, got " + timeoutMs);
    }
    if (onTimeout == null) {
      throw new IllegalArgumentException("onTimeout is required");
    }
  }

  /** One task per event loop, ordered, {@value Task#DEFAULT_AWAIT_MS} ms per task, the stream fails on a timeout. */
  public static AsyncStreamOptions defaults() {
    return new AsyncStreamOptions(0, true, Task.DEFAULT_AWAIT_MS, OnTimeout.EXIT);
  }

  /** These options with at most max tasks at once (0: one per event loop). */
  public AsyncStreamOptions withMaxConcurrency(int max) {
    return new AsyncStreamOptions(max, ordered, timeoutMs, onTimeout);
  }

  /** These options with results in input order (true) or in completion order (false). */
  public AsyncStreamOptions withOrdered(boolean inInputOrder) {
    return new AsyncStreamOptions(maxConcurrency, inInputOrder, timeoutMs, onTimeout);
  }

  /** These options with millis as each task's timeout. */
  public AsyncStreamOptions withTimeout(long millis) {
    return new AsyncStreamOptions(maxConcurrency, ordered, millis, onTimeout);
  }

  /** These options with action as what a timeout does. */
  public AsyncStreamOptions withOnTimeout(OnTimeout action) {
    return new AsyncStreamOptions(maxConcurrency, ordered, timeoutMs, action);
  }
}
