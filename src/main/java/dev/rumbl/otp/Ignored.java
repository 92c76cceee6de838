package dev.rumbl.otp;

/**
 * How an {@link Init#ignore()} travels through a start: not an error, so it has no stack trace;
 * the start completes with no pid, as OTP's {@code ignore} (see {@link Node#spawn}).
 */
final class Ignored extends RuntimeException {

  static final Ignored INSTANCE = new Ignored();

  private Ignored() {
    super("ignore", null, false, false);
  }
}
