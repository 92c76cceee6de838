package dev.rumbl.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.concurrent.CompletableFuture;

/**
 * The Pekko side of scenario 3: a parent actor that spawns a {@link PekkoCounter} supervised with
 * {@code SupervisorStrategy.restart()} (failure logging off, as Rumbl's bench counter is quiet), and a
 * driver actor that, each cycle, increments the counter and reads 1, then makes it throw and asks
 * it again: the time from the crash to the answer 0 (from the new instance) is one sample. Pekko
 * restarts in place: the same ActorRef, the mailbox kept, so the driver needs no new address, where
 * Rumbl's replacement is a new process the driver must find through its supervisor.
 */
final class PekkoRestartSide implements AutoCloseable {

  private final PekkoSystem pekko = new PekkoSystem("bench-restart");
  private final ActorRef<PekkoCounter.Command> counter;

  PekkoRestartSide() {
    ActorRef<ActorRef<ActorRef<PekkoCounter.Command>>> parent = pekko.spawn(Behaviors.setup(context -> {
      ActorRef<PekkoCounter.Command> child = context.spawn(Behaviors.supervise(PekkoCounter.create())
        .onFailure(IllegalStateException.class, SupervisorStrategy.restart().withLoggingEnabled(false)), "counter");
      return Behaviors.receiveMessage(replyTo -> {
        replyTo.tell(child);
        return Behaviors.same();
      });
    }));
    counter = pekko.<ActorRef<ActorRef<PekkoCounter.Command>>, ActorRef<PekkoCounter.Command>>ask(parent, replyTo -> replyTo)
      .toCompletableFuture().join();
  }

  /** The nanoseconds of each of {@code restarts} crash-to-answer cycles. */
  long[] round(int restarts) {
    CompletableFuture<long[]> done = new CompletableFuture<>();
    pekko.spawn(Behaviors.<Integer>setup(context -> new Driver(context, counter, new long[restarts], done)));
    return done.join();
  }

  @Override
  public void close() {
    pekko.close();
  }

  /** Runs the cycles one after another; fails the round when an answer is not the expected count. */
  private static final class Driver extends AbstractBehavior<Integer> {
    private final ActorRef<PekkoCounter.Command> counter;
    private final long[] samples;
    private final CompletableFuture<long[]> done;
    private int index;
    private boolean crashed;
    private long start;

    Driver(ActorContext<Integer> context, ActorRef<PekkoCounter.Command> counter, long[] samples, CompletableFuture<long[]> done) {
      super(context);
      this.counter = counter;
      this.samples = samples;
      this.done = done;
      incrementAndRead();
    }

    private void incrementAndRead() {
      crashed = false;
      counter.tell(PekkoCounter.Inc.INC);
      counter.tell(new PekkoCounter.Get(getContext().getSelf()));
    }

    @Override
    public Receive<Integer> createReceive() {
      return newReceiveBuilder().onMessage(Integer.class, this::answered).build();
    }

    private Behavior<Integer> answered(Integer value) {
      if (value != (crashed ? 0 : 1)) {
        done.completeExceptionally(new IllegalStateException("pekko: expected " + (crashed ? 0 : 1) + " but the counter said " + value));
        return Behaviors.stopped();
      }
      if (!crashed) {
        crashed = true;
        start = System.nanoTime();
        counter.tell(PekkoCounter.Crash.CRASH);
        counter.tell(new PekkoCounter.Get(getContext().getSelf()));
        return this;
      }
      samples[index++] = System.nanoTime() - start;
      if (index == samples.length) {
        done.complete(samples);
        return Behaviors.stopped();
      }
      incrementAndRead();
      return this;
    }
  }
}
