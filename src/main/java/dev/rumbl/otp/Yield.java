package dev.rumbl.otp;

/**
 * What {@link Task#yieldMany}, {@link Task#shutdown} and {@link Task#asyncStream} report for one task, as Elixir's
 * {@code {:ok, value}}, {@code {:exit, reason}} and {@code nil}: it finished with a value, it
 * exited without one, or it has not finished yet.
 */
public sealed interface Yield<T> {

  record Ok<T>(T value) implements Yield<T> {
  }

  record Exited<T>(ExitReason reason) implements Yield<T> {
  }

  record Pending<T>() implements Yield<T> {
  }
}
