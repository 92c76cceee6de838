package dev.rumbl.limits;

import java.util.function.LongSupplier;

/**
 * The application's rate limits, one {@link TokenBuckets} per kind of action: annotations keyed by
 * user (HTTP and the bridge spend from the same bucket), video creations keyed by user, account creations, sign-ins and counter
 * writes keyed by client address. Each method spends a token and answers 0 when the action may go
 * ahead, else the milliseconds to wait. Safe to share between event loops.
 */
public final class RateLimits {

  private final TokenBuckets annotations;
  private final TokenBuckets videos;
  private final TokenBuckets signUps;
  private final TokenBuckets signIns;
  private final TokenBuckets counterWrites;

  public RateLimits(LimitSettings settings, LongSupplier clock) {
    this.annotations = new TokenBuckets(settings.annotationsPerSecond(), settings.annotationsBurst(), settings.maxKeys(), clock);
    this.videos = TokenBuckets.perMinute(settings.videosPerMinute(), settings.maxKeys(), clock);
    this.signUps = TokenBuckets.perMinute(settings.signUpsPerMinute(), settings.maxKeys(), clock);
    this.signIns = TokenBuckets.perMinute(settings.signInsPerMinute(), settings.maxKeys(), clock);
    this.counterWrites = TokenBuckets.perMinute(settings.counterWritesPerMinute(), settings.maxKeys(), clock);
  }

  public RateLimits(LimitSettings settings) {
    this(settings, System::nanoTime);
  }

  public long annotation(String user) {
    return annotations.take(user);
  }

  public long videoCreation(String user) {
    return videos.take(user);
  }

  public long signUp(String address) {
    return signUps.take(address);
  }

  public long signIn(String address) {
    return signIns.take(address);
  }

  public long counterWrite(String address) {
    return counterWrites.take(address);
  }
}
