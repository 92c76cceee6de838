package dev.rumbl.limits;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token buckets on a clock the test moves by hand. */
class TokenBucketsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void aNewKeyHasItsBurstThenWaitsForTheRate() {
    TokenBuckets buckets = new TokenBuckets(5, 20, 100, now::get);

    for (int i = 0; i < 20; i++) {
      assertThat(buckets.take("ann")).as("token %d", i).isZero();
    }
    assertThat(buckets.take("ann")).isEqualTo(200);
    advanceMs(199);
    assertThat(buckets.take("ann")).isEqualTo(1);
    advanceMs(1);
    assertThat(buckets.take("ann")).isZero();
    assertThat(buckets.take("ann")).isEqualTo(200);
  }

  @Test
  void aRefusedTakeSpendsNothing() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 100, now::get);
    assertThat(buckets.take("ann")).isZero();

    for (int i = 0; i < 100; i++) {
      assertThat(buckets.take("ann")).isPositive();
      advanceMs(5);
    }
    advanceMs(500);

    assertThat(buckets.take("ann")).isZero();
  }

  @Test
  void oneKeysFloodNeverSlowsAnother() {
    TokenBuckets buckets = new TokenBuckets(5, 20, 100, now::get);
    for (int i = 0; i < 10_000; i++) {
      buckets.take("flood");
    }

    for (int i = 0; i < 20; i++) {
      assertThat(buckets.take("calm")).isZero();
    }
    assertThat(buckets.take("flood")).isPositive();
  }

  @Test
  void theBucketsRefillNoHigherThanTheBurst() {
    TokenBuckets buckets = TokenBuckets.perMinute(10, 100, now::get);
    buckets.take("ann");
    advanceMs(TimeUnit.HOURS.toMillis(5));

    for (int i = 0; i < 10; i++) {
      assertThat(buckets.take("ann")).isZero();
    }
    assertThat(buckets.take("ann")).isEqualTo(6000);
  }

  @Test
  void theStateIsBoundedFullBucketsAreForgottenAndANewKeyWaitsWhileAllAreBusy() {
    TokenBuckets buckets = new TokenBuckets(1, 2, 3, now::get);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c");
    assertThat(buckets.size()).isEqualTo(3);

    assertThat(buckets.take("d")).as("no room, and no bucket is full yet").isEqualTo(1000);
    assertThat(buckets.size()).isEqualTo(3);
    assertThat(buckets.take("a")).as("a key that has a bucket keeps using it").isZero();

    advanceMs(1000);
    assertThat(buckets.take("d")).as("b and c have refilled and are forgotten").isZero();
    assertThat(buckets.size()).isEqualTo(2);
  }

  @Test
  void idleBucketsAreSweptAtLeastOnceAMinute() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 1000, now::get);
    for (int i = 0; i < 500; i++) {
      buckets.take("key-" + i);
    }
    advanceMs(TimeUnit.MINUTES.toMillis(1));

    buckets.take("another");

    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new TokenBuckets(0, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBuckets(1, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBuckets(1, 1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
  }
}
