package dev.rumbl.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.concurrent.CompletableFuture;

/**
 * The Pekko side of scenarios 1 and 2: one {@link PekkoCounter} in an ActorSystem of its own. Casts
 * are tells from the benchmark's thread (another thread than the counter's, as Rumbl's sender on
 * another event loop); calls are Pekko's request-response between two actors, a caller actor
 * telling {@link PekkoCounter.Get} with itself as the reply-to and timing each answer.
 */
final class PekkoCounterSide implements AutoCloseable {

  private final PekkoSystem pekko = new PekkoSystem("bench-counter");
  private final ActorRef<PekkoCounter.Command> counter = pekko.spawn(PekkoCounter.create());

  /** One round of scenario 1: tells per second, from the first tell to the answer that counts them all. */
  double castRound(int casts) {
    Loops.settle();
    int before = val();
    long start = System.nanoTime();
    for (int i = 0; i < casts; i++) {
      counter.tell(PekkoCounter.Inc.INC);
    }
    int after = val();
    long elapsed = System.nanoTime() - start;
    if (after - before != casts) {
      throw new IllegalStateException("pekko counted " + (after - before) + " of " + casts + " tells");
    }
    return casts * 1e9 / elapsed;
  }

  /** One round of scenario 2: the nanoseconds of each of {@code calls} sequential round trips. */
  long[] callRound(int calls) {
    Loops.settle();
    CompletableFuture<long[]> done = new CompletableFuture<>();
    pekko.spawn(Behaviors.<Integer>setup(context -> new Caller(context, counter, new long[calls], done)));
    return done.join();
  }

  private int val() {
    return pekko.<PekkoCounter.Command, Integer>ask(counter, PekkoCounter.Get::new).toCompletableFuture().join();
  }

  @Override
  public void close() {
    pekko.close();
  }

  /** Asks again from each answer until every sample is taken, then stops. */
  private static final class Caller extends AbstractBehavior<Integer> {
    private final ActorRef<PekkoCounter.Command> counter;
    private final long[] samples;
    private final CompletableFuture<long[]> done;
    private int index;
    private long start;

    Caller(ActorContext<Integer> context, ActorRef<PekkoCounter.Command> counter, long[] samples, CompletableFuture<long[]> done) {
      super(context);
      this.counter = counter;
      this.samples = samples;
      this.done = done;
      ask();
    }

    private void ask() {
      start = System.nanoTime();
      counter.tell(new PekkoCounter.Get(getContext().getSelf()));
    }

    @Override
    public Receive<Integer> createReceive() {
      return newReceiveBuilder().onMessage(Integer.class, this::answered).build();
    }

    private Behavior<Integer> answered(Integer value) {
      samples[index++] = System.nanoTime() - start;
      if (index == samples.length) {
        done.complete(samples);
        return Behaviors.stopped();
      }
      ask();
      return this;
    }
  }
}
