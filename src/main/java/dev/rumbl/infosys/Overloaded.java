package dev.rumbl.infosys;

/**
 * A compute refused at once because its node already runs as many computes as
 * {@code infosys.maxConcurrentComputes} allows; asking again later may succeed. Its message is
 * {@value #MESSAGE}.
 */
public final class Overloaded extends RuntimeException {

  public static final String MESSAGE = "overloaded";

  Overloaded() {
    super(MESSAGE, null, false, false);
  }
}
