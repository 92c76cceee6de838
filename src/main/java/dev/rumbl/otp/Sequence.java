package dev.rumbl.otp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's source of unique numbers (in pids' addresses, monitor and timer refs): every number it
 * gives is given once, but numbers given on different threads are not in the order they were
 * asked for, as OTP does not promise for references either. Each thread takes a block of numbers
 * from one shared counter and hands them out alone, so event loops starting processes at once do
 * not all write to the counter's cache line: with InfoSys computes spread over the loops, the
 * increments of one counter (a pid and a monitor ref for each of a compute's three workers) took
 * about 2 % of the loops' time in a profile (BENCHMARKS.md, scenario 4, session 9). Safe from any
 * thread.
 */
final class Sequence {

  private static final int BLOCK = 1_024;

  private final AtomicLong blocks = new AtomicLong();
  private final ThreadLocal<long[]> ranges = ThreadLocal.withInitial(() -> new long[2]);

  /** A number no other call of this sequence gives; the first ones are 1, 2, 3... on one thread. */
  long next() {
    long[] range = ranges.get();
    if (range[0] == range[1]) {
      range[0] = blocks.getAndAdd(BLOCK) + 1;
      range[1] = range[0] + BLOCK;
    }
    return range[0]++;
  }
}
