package dev.rumbl.web;

/** A client went past a rate limit: answered 429 {@code {"error": "rate_limited"}} with {@code Retry-After} in whole seconds. */
final class RateLimited extends RuntimeException {

  static final String ERROR = "rate_limited";

  private final long retryAfterMs;

  RateLimited(long retryAfterMs) {
    super(ERROR, null, false, false);
    this.retryAfterMs = retryAfterMs;
  }

  /** Retry-After's value: the wait rounded up to whole seconds, at least 1. */
  long retryAfterSeconds() {
    return Math.max(1, (retryAfterMs + 999) / 1000);
  }

  /** Fails with RateLimited when wait (a limiter's answer) is not 0. */
  static void check(long wait) {
    if (wait > 0) {
      throw new RateLimited(wait);
    }
  }
}
