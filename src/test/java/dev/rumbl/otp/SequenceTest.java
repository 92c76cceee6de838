package dev.rumbl.otp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's unique numbers: never one twice, from however many threads at once. */
class SequenceTest {

  @Test
  void oneThreadCountsFromOne() {
    Sequence sequence = new Sequence();

    assertThat(List.of(sequence.next(), sequence.next(), sequence.next())).containsExactly(1L, 2L, 3L);
  }

  @Test
  void oneThreadNeverRepeatsAcrossItsBlocks() {
    Sequence sequence = new Sequence();
    Set<Long> seen = new HashSet<>();

    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(sequence.next())).isTrue();
    }
  }

  @Test
  void manyThreadsAtOnceNeverGetTheSameNumber() throws Exception {
    Sequence sequence = new Sequence();
    int threads = 16;
    int each = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> taken = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        taken.add(pool.submit(() -> {
          long[] numbers = new long[each];
          for (int i = 0; i < each; i++) {
            numbers[i] = sequence.next();
          }
          return numbers;
        }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<long[]> numbers : taken) {
        for (long number : numbers.get(30, TimeUnit.SECONDS)) {
          all.add(number);
        }
      }

      assertThat(all).hasSize(threads * each).allSatisfy(number -> assertThat(number).isPositive());
    } finally {
      pool.shutdownNow();
    }
  }
}
