package dev.rumbl.limits;

/**
 * The configured rate limits ({@code limits.*}): annotations per user (a rate a second and a
 * burst), videos created per user (a minute), account creations, sign-ins and anonymous counter
 * writes per client address (a minute each), and the most keys each limiter keeps.
 */
public record LimitSettings(int annotationsPerSecond, int annotationsBurst, int videosPerMinute, int signUpsPerMinute,
                            int signInsPerMinute, int counterWritesPerMinute, int maxKeys) {

  /** The shipped defaults: 5 annotations a second with a burst of 20, 30 videos a minute, 10 sign-ups and 10 sign-ins a minute, 600 counter writes a minute, 100,000 keys. */
  public static LimitSettings defaults() {
    return new LimitSettings(5, 20, 30, 10, 10, 600, 100_000);
  }
}
