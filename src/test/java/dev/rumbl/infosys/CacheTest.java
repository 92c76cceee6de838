package dev.rumbl.infosys;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's table: bounded in questions, each question's answers expiring clearMs after its first
 * were stored, by a clock the test moves.
 */
class CacheTest {

  private final AtomicLong nanos = new AtomicLong();

  private static Cache.Question key(int i) {
    return new Cache.Question("question " + i, 10);
  }

  private static List<Result> answer(int i) {
    return answer("local", i);
  }

  private static List<Result> answer(String backend, int i) {
    return List.of(new Result(backend, 50, "answer " + i, null));
  }

  /** The answer of backend "local" alone, as a compute that asked only it stores it. */
  private static Map<String, List<Result>> local(int i) {
    return Map.of("local", answer(i));
  }

  /** Stores backend "local"'s answer to each question from {@code from} up to (not including) {@code to}. */
  private static void fill(Cache.Table table, int from, int to) {
    for (int i = from; i < to; i++) {
      table.put(key(i), local(i));
    }
  }

  @Test
  void moreDistinctQuestionsThanTheMaximumLeaveAtMostTheMaximum() {
    Cache.Table table = new Cache.Table(100, 60_000, nanos::get);

    fill(table, 0, 5_000);

    assertThat(table.size()).isEqualTo(100);
    long kept = IntStream.range(0, 5_000).filter(i -> !table.get(key(i)).isEmpty()).count();
    assertThat(kept).isEqualTo(table.size());
    assertThat(table.get(key(4_999))).isEqualTo(local(4_999));
  }

  /** Past a bound of 64 or more, its oldest 1/64 go at once, and the next writes fill the room left. */
  @Test
  void aFullTableEvictsItsOldestInABatch() {
    Cache.Table table = new Cache.Table(1_000, 60_000, nanos::get);
    fill(table, 0, 1_000);
    assertThat(table.size()).isEqualTo(1_000);

    table.put(key(1_000), local(1_000));

    assertThat(table.size()).isEqualTo(1_000 - 1_000 / 64);
    assertThat(IntStream.rangeClosed(0, 1_000).filter(i -> !table.get(key(i)).isEmpty()).min())
      .hasValue(1_000 / 64 + 1);
    fill(table, 1_001, 1_001 + 1_000 / 64);
    assertThat(table.size()).isEqualTo(1_000);
  }

  /** A bound below 64 is kept one entry at a time: the newest answer stays, even in a table of one. */
  @Test
  void aTableOfOneKeepsTheNewestAnswer() {
    Cache.Table table = new Cache.Table(1, 60_000, nanos::get);

    table.put(key(1), local(1));
    table.put(key(2), local(2));

    assertThat(table.get(key(2))).isEqualTo(local(2));
    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void anAnswerExpiresClearMsAfterItWasStored() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);
    table.put(key(1), local(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(table.get(key(1))).isEqualTo(local(1));

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.size()).isZero();
  }

  /** A compute that asked other backends adds their answers to the question: one lookup finds them all. */
  @Test
  void theAnswersOfEveryBackendToAQuestionComeBackTogether() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);

    table.put(key(1), Map.of("one", answer("one", 1), "two", answer("two", 1)));
    table.put(key(1), Map.of("three", answer("three", 1)));
    table.put(key(2), Map.of("one", answer("one", 2)));

    assertThat(table.get(key(1)))
      .isEqualTo(Map.of("one", answer("one", 1), "two", answer("two", 1), "three", answer("three", 1)));
    assertThat(table.get(key(2))).isEqualTo(Map.of("one", answer("one", 2)));
    assertThat(table.get(new Cache.Question("question 1", 5))).as("another limit is another question").isEmpty();
    assertThat(table.size()).isEqualTo(2);
  }

  /**
   * An answer added to a question already held expires with the question's first answers, so that
   * none is served older than clearMs; once they have expired, the question is stored anew.
   */
  @Test
  void anAnswerAddedToAHeldQuestionExpiresWithItsFirstAnswers() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);
    table.put(key(1), Map.of("one", answer("one", 1)));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
    table.put(key(1), Map.of("two", answer("two", 1)));
    assertThat(table.get(key(1))).containsOnlyKeys("one", "two");

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
    assertThat(table.get(key(1))).isEmpty();

    table.put(key(1), Map.of("two", answer("two", 2)));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(table.get(key(1))).isEqualTo(Map.of("two", answer("two", 2)));
    assertThat(table.size()).isEqualTo(1);
  }

  /** Storing the same question again and again counts it once, and its places in the order stay bounded. */
  @Test
  void aQuestionStoredAgainAndAgainCountsOnce() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);
    for (int i = 0; i < 1_000; i++) {
      table.put(key(1), local(i));
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(i % 2 == 0 ? 1 : 1_000));
    }
    table.put(key(1), local(1_000));

    assertThat(table.get(key(1))).isEqualTo(local(1_000));
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
          table.put(key(w * 1_000_000 + i), local(i));
          table.get(key(w * 1_000_000 + i / 2));
          table.put(key(w * 1_000_000 + i / 2), Map.of("other", answer("other", i)));
        }
      })).toList();
      for (Future<?> each : done) {
        each.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(table.size()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
    table.put(key(-1), local(-1));
    assertThat(table.get(key(-1))).isEqualTo(local(-1));
    assertThat(table.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void anEmptyAnswerIsNotStored() {
    Cache.Table table = new Cache.Table(100, 1_000, nanos::get);

    table.put(key(1), Map.of("local", List.of()));
    table.put(key(2), Map.of("local", List.of(), "other", answer("other", 2)));

    assertThat(table.get(key(1))).isEmpty();
    assertThat(table.get(key(2))).isEqualTo(Map.of("other", answer("other", 2)));
    assertThat(table.size()).isEqualTo(1);
  }
}
