package dev.rumbl.infosys;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's table: bounded in entries, each expiring clearMs after it was stored, by a clock the test moves. */
class CacheTest {

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  private static Cache.Key key(int i) {
    return new Cache.Key("local", "question " + i, 10);
  }

  private static List<Result> answer(int i) {
    return List.of(new Result("local", 50, "answer " + i, null));
  }

  @Test
  void moreDistinctQuestionsThanTheMaximumLeaveAtMostTheMaximum() {
    Cache.Table table = new Cache.Table(100, 60_000, ticker, Runnable::run);

    for (int i = 0; i < 5_000; i++) {
      table.put(key(i), answer(i));
    }

    assertThat(table.size()).isEqualTo(100);
    long kept = IntStream.range(0, 5_000).filter(i -> table.get(key(i)).isPresent()).count();
    assertThat(kept).isEqualTo(100);
  }

  @Test
  void anEntryExpiresClearMsAfterItWasStored() {
    Cache.Table table = new Cache.Table(100, 1_000, ticker, Runnable::run);
    table.put(key(1), answer(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(table.get(key(1))).contains(answer(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void anEmptyAnswerIsNotStored() {
    Cache.Table table = new Cache.Table(100, 1_000, ticker, Runnable::run);

    table.put(key(1), List.of());

    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isZero();
  }
}
