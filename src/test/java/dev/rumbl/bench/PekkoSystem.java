package dev.rumbl.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A Pekko typed ActorSystem for one benchmark side, with Pekko's default settings (its default
 * dispatcher is a fork-join pool that spins briefly before it parks); the benchmark spawns its actors
 * from outside through {@link SpawnProtocol}. Closing it terminates the system and waits for that.
 */
final class PekkoSystem implements AutoCloseable {

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<SpawnProtocol.Command> system;

  PekkoSystem(String name) {
    system = ActorSystem.create(SpawnProtocol.create(), name);
  }

  /** A new anonymous top-level actor, once Pekko has created it. */
  <T> ActorRef<T> spawn(Behavior<T> behavior) {
    return this.<SpawnProtocol.Command, ActorRef<T>>ask(system,
      replyTo -> new SpawnProtocol.Spawn<>(behavior, "", Props.empty(), replyTo)).toCompletableFuture().join();
  }

  /** Pekko's ask from outside any actor: a temporary reply actor and a CompletionStage. */
  <Q, R> CompletionStage<R> ask(ActorRef<Q> to, Function<ActorRef<R>, Q> request) {
    return AskPattern.ask(to, request, ASK_TIMEOUT, system.scheduler());
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
