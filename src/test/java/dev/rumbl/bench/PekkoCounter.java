package dev.rumbl.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The Pekko counterpart of the book's counter and of {@link RawCounter}: a typed actor counting
 * {@link Inc}s, answering {@link Get} with its count, and throwing on {@link Crash} (so that a
 * supervisor restarts it, from 0). The count is a mutable field, the fastest idiomatic form.
 */
final class PekkoCounter extends AbstractBehavior<PekkoCounter.Command> {

  sealed interface Command permits Inc, Get, Crash {
  }

  enum Inc implements Command { INC }

  record Get(ActorRef<Integer> replyTo) implements Command {
  }

  enum Crash implements Command { CRASH }

  private int count;

  private PekkoCounter(ActorContext<Command> context) {
    super(context);
  }

  static Behavior<Command> create() {
    return Behaviors.setup(PekkoCounter::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
      .onMessageEquals(Inc.INC, this::inc)
      .onMessage(Get.class, this::get)
      .onMessageEquals(Crash.CRASH, this::crash)
      .build();
  }

  private Behavior<Command> inc() {
    count++;
    return this;
  }

  private Behavior<Command> get(Get get) {
    get.replyTo().tell(count);
    return this;
  }

  private Behavior<Command> crash() {
    throw new IllegalStateException("crash asked for");
  }
}
