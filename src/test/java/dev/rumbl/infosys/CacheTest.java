package dev.rumbl.infosys;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's table: bounded in entries, each expiring clearMs after it was stored, by a clock the test moves. */
class CacheTest {

  private final AtomicLong nanos = new AtomicLong();

  private static Cache.Key key(int i) {
    return new Cache.Key("local", "question " + i, 10);
  }

  private static List<Result> answer(int i) {
    return List.of(new Result("local", 50, "answer " + i, null));
  }

  @Test
  void moreDistinctQuestionsThanTheMaximumLeaveAtMostTheMaximum() {
    Cache.Table table = new Cache.Table(100, 60_000, nanos::get);

    for (int i = 0; i < 5_000; i++) {
      table.put(key(i), answer(i));
    }

    assertThat(table.size()).isEqualTo(100);
    long kept = IntStream.range(0, 5_000).filter(i -> table.get(key(i)).isPresent()).count();
    assertThat(kept).isEqualTo(table.size());
    assertThat(table.get(key(4_999))).contains(answer(4_999));
  }

  /** Past a bound of 64 or more, its oldest 1/64 go at once, and the next writes fill the room left. */
  @Test
  void aFullTableEvictsItsOldestInABatch() {
    Cache.Table table = new Cache.Table(1_000, 60_000, nanos::get);
    for (int i = 0; i < 1_000; i++) {
      table.put(key(i), answer(i));
    }
    assertThat(table.size()).isEqualTo(1_000);

    table.put(key(1_000), answer(1_000));

    assertThat(table.size()).isEqualTo(1_000 - 1_000 / 64);
    assertThat(IntStream.rangeClosed(0, 1_000).filter(i -> table.get(key(i)).isPresent()).min())
      .hasValue(1_000 / 64 + 1);
    for (int i = 1_001; i < 1_001 + 1_000 / 64; i++) {
      table.put(key(i), answer(i));
    }
    assertThat(table.size()).isEqualTo(1_000);
  }

  /** A bound below 64 is kept one entry at a time: the newest answer stays, even in a table of one. */
  @Test
  void aTableOfOneKeepsTheNewestAnswer() {
    Cache.Table table = new Cache.Table(1, 60_000, nanos::get);

    table.put(key(1), answer(1));
    table.put(key(2), answer(2));

    assertThat(table.get(key(2))).contains(answer(2));
    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void anEntryExpiresClearMsAfterItWasStored() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);
    table.put(key(1), answer(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(table.get(key(1))).contains(answer(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void anEntryStoredAgainLivesClearMsFromItsLatestStoreAndCountsOnce() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);
    table.put(key(1), answer(1));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
    table.put(key(1), answer(2));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
    assertThat(table.get(key(1))).contains(answer(2));
    assertThat(table.size()).isEqualTo(1);
    for (int i = 0; i < 1_000; i++) {
      table.put(key(1), answer(i));
    }
    assertThat(table.get(key(1))).contains(answer(999));
    assertThat(table.size()).isEqualTo(1);
  }

  /** Many writers at once, as computes on every event loop are: the bound holds and every lookup answers. */
  @Test
  void manyWritersAtOnceStayWithinTheMaximum() throws Exception {
    Cache.Table table = new Cache.Table(1_000, 60_000, System::nanoTime);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = IntStream.range(0, writers).<Future<?>>mapToObj(w -> pool.submit(() -> {
        for (int i = 0; i < 20_000; i++) {
          table.put(key(w * 1_000_000 + i), answer(i));
          table.get(key(w * 1_000_000 + i / 2));
        }
      })).toList();
      for (Future<?> each : done) {
        each.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(table.size()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
    table.put(key(-1), answer(-1));
    assertThat(table.get(key(-1))).contains(answer(-1));
    assertThat(table.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void anEmptyAnswerIsNotStored() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);

    table.put(key(1), List.of());

    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isZero();
  }
}
