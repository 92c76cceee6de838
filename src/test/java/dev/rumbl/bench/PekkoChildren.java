package dev.rumbl.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.concurrent.CompletableFuture;

/**
 * The Pekko side of scenario 5: a parent actor spawns {@code children} {@link PekkoCounter}s, each
 * telling the parent once it is set up, and the start is done when all have; the heap each holds is
 * measured as the other sides' is; the stop is the parent's own (Pekko stops the children first),
 * done at the parent's {@code PostStop}.
 */
final class PekkoChildren implements AutoCloseable {

  private final PekkoSystem pekko = new PekkoSystem("bench-children");

  sealed interface Command permits SpawnAll, ChildStarted, Count, StopAll {
  }

  record SpawnAll(int count, CompletableFuture<Void> started) implements Command {
  }

  enum ChildStarted implements Command { STARTED }

  record Count(CompletableFuture<Integer> children) implements Command {
  }

  enum StopAll implements Command { STOP }

  ManyChildren.Figures round(int children) throws InterruptedException {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    ActorRef<Command> parent = pekko.spawn(Behaviors.setup(context -> new Parent(context, stopped)));
    long before = ManyChildren.heapAfterGc();
    long start = System.nanoTime();
    CompletableFuture<Void> started = new CompletableFuture<>();
    parent.tell(new SpawnAll(children, started));
    started.join();
    long allStarted = System.nanoTime();
    long after = ManyChildren.heapAfterGc();
    CompletableFuture<Integer> count = new CompletableFuture<>();
    parent.tell(new Count(count));
    ManyChildren.expectCount("pekko", count.join(), children);
    long stopStart = System.nanoTime();
    parent.tell(StopAll.STOP);
    stopped.join();
    long allStopped = System.nanoTime();
    return new ManyChildren.Figures((allStarted - start) / 1e6, (double) (after - before) / children, (allStopped - stopStart) / 1e6);
  }

  @Override
  public void close() {
    pekko.close();
  }

  private static final class Parent extends AbstractBehavior<Command> {
    private final CompletableFuture<Void> stopped;
    private CompletableFuture<Void> started;
    private int expected;
    private int announced;

    Parent(ActorContext<Command> context, CompletableFuture<Void> stopped) {
      super(context);
      this.stopped = stopped;
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
        .onMessage(SpawnAll.class, this::spawnAll)
        .onMessageEquals(ChildStarted.STARTED, this::childStarted)
        .onMessage(Count.class, this::count)
        .onMessageEquals(StopAll.STOP, Behaviors::stopped)
        .onSignal(PostStop.class, signal -> {
          stopped.complete(null);
          return this;
        })
        .build();
    }

    private Behavior<Command> spawnAll(SpawnAll spawn) {
      started = spawn.started();
      expected = spawn.count();
      ActorRef<Command> self = getContext().getSelf();
      for (int i = 0; i < spawn.count(); i++) {
        getContext().spawnAnonymous(Behaviors.<PekkoCounter.Command>setup(child -> {
          self.tell(ChildStarted.STARTED);
          return PekkoCounter.create();
        }));
      }
      return this;
    }

    private Behavior<Command> childStarted() {
      if (++announced == expected) {
        started.complete(null);
      }
      return this;
    }

    private Behavior<Command> count(Count count) {
      count.children().complete(getContext().getChildren().size());
      return this;
    }
  }
}
