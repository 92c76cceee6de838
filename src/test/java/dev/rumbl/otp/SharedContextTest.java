package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Processes on a context shared per event loop ({@link Process#withSharedContext()}), many of them
 * on one loop: each is still a process of its own to the toolkit (its self, its mailbox order, its
 * crashes, its monitors, links, exit signals and timers), and none of them sees another's.
 */
@ExtendWith(VertxExtension.class)
class SharedContextTest {

  private static final int MANY = 200;

  private Node node;
  private EventLoop loop;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    loop = node.eventLoop(0);
  }

  /** A probe on the shared context of the test's event loop. */
  private Probe shared(boolean trapExits) {
    Probe probe = new Probe(trapExits);
    probe.withSharedContext();
    probe.placeOn(loop);
    node.spawn(probe).await();
    return probe;
  }

  private Probe shared() {
    return shared(false);
  }

  @Test
  void theProcessesOfALoopShareOneContextEachThroughADuplicateOfItsOwn() {
    Probe one = shared();
    Probe two = shared();

    assertThat(node.sharesContexts()).isTrue();
    assertThat(one.hasSharedContext()).isTrue();
    assertThat(Probe.start(node).hasSharedContext()).isFalse();
    assertThat(node.contextOf(one.self())).isNotSameAs(node.contextOf(two.self()));
    assertThat(VertxInternals.loopOf(node.contextOf(one.self()))).isSameAs(loop);
    assertThat(VertxInternals.processOf(node.sharedContext(loop))).isNull();
  }

  @Test
  void eachFindsItsOwnSelfInItsHandlersAndInTheCallbacksItWaitsFor() {
    List<Probe> probes = new ArrayList<>();
    for (int n = 0; n < MANY; n++) {
      probes.add(shared());
    }
    Probe server = shared();

    for (Probe probe : probes) {
      assertThat(probe.<Pid>run(Node::self)).isEqualTo(probe.self());
      Pid afterCall = probe.runAsync(n -> n.call(server.self(), new Probe.Echo("ping")).map(echoed -> n.self()));
      assertThat(afterCall).isEqualTo(probe.self());
    }
  }

  /**
   * A spawn's outcome completes on the context of the process it starts; the caller, on the same
   * shared context, must still get it on its own: running on a duplicate of the same context is not
   * running as the same process.
   */
  @Test
  void aSpawnOnTheSameLoopCompletesAsTheProcessThatAskedForIt() {
    Probe parent = shared();

    Pid seenBy = parent.runAsync(n -> {
      Probe child = new Probe();
      child.withSharedContext();
      child.placeOn(loop);
      return n.spawnLink(child).map(started -> n.self());
    });

    assertThat(seenBy).isEqualTo(parent.self());
  }

  @Test
  void eachSendersMessagesArriveInOrder() throws InterruptedException {
    Probe receiver = shared();
    Probe sender = shared();

    sender.run(n -> {
      for (int i = 0; i < 1000; i++) {
        n.send(receiver.self(), i);
      }
      return null;
    });

    for (int i = 0; i < 1000; i++) {
      assertThat(receiver.next(5000)).isEqualTo(i);
    }
  }

  @Test
  void aCrashEndsOnlyTheProcessThatRaisedEvenInACallbackAndIsReportedToItsMonitors() throws InterruptedException {
    Probe watcher = shared();
    Probe crasher = shared();
    Probe bystander = shared();
    MonitorRef ref = watcher.run(n -> n.monitor(crasher.self()));

    crasher.run(n -> n.vertx().setTimer(1, fired -> {
      throw new IllegalStateException("raised in a callback");
    }));

    Down down = watcher.next(Down.class);
    assertThat(down.ref()).isEqualTo(ref);
    assertThat(down.pid()).isEqualTo(crasher.self());
    assertThat(down.reason()).isInstanceOf(ExitReason.Crash.class);
    assertThat(down.reason().toString()).contains("raised in a callback");
    assertThat(node.isAlive(bystander.self())).isTrue();
    assertThat(bystander.<Pid>run(Node::self)).isEqualTo(bystander.self());

    Probe second = shared();
    Future<Down> secondDown = node.watch(second.self());
    assertThatThrownBy(() -> second.run(n -> {
      throw new IllegalArgumentException("raised in a handler");
    })).isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Crash.class));
    assertThat(secondDown.await().reason()).isInstanceOf(ExitReason.Crash.class);
    assertThat(node.isAlive(second.self())).isFalse();
    assertThat(bystander.<Pid>run(Node::self)).isEqualTo(bystander.self());
  }

  @Test
  void linksCarryExitSignalsBothWays() throws InterruptedException {
    Probe trapping = shared(true);
    Pid child = trapping.runAsync(n -> {
      Probe linked = new Probe();
      linked.withSharedContext();
      linked.placeOn(loop);
      return n.spawnLink(linked);
    });

    node.exit(child, ExitReason.crash("child died"));
    assertThat(trapping.next(Exit.class)).isEqualTo(new Exit(child, ExitReason.crash("child died")));

    Probe parent = shared();
    Pid doomed = parent.runAsync(n -> {
      Probe linked = new Probe();
      linked.withSharedContext();
      return n.spawnLink(linked);
    });
    Future<Down> parentDown = node.watch(parent.self());
    Future<Down> childDown = node.watch(doomed);
    node.exit(parent.self(), ExitReason.crash("parent died"));
    assertThat(parentDown.await().reason()).isEqualTo(ExitReason.crash("parent died"));
    assertThat(childDown.await().reason()).isEqualTo(ExitReason.crash("parent died"));
  }

  @Test
  void callsAreAnsweredAndAStoppedProcessFailsTheCallsItOwes() {
    Probe server = shared();
    Probe client = shared();

    assertThat(client.<Object>runAsync(n -> n.call(server.self(), new Probe.Echo("hello")))).isEqualTo("hello");
    node.stop(server.self(), ExitReason.shutdown()).await();
    assertThatThrownBy(() -> client.runAsync(n -> n.call(server.self(), new Probe.Echo("again"))))
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void timersFireIntoTheMailboxAndAreCancelledAtTheExit() throws InterruptedException {
    Probe probe = shared();
    probe.run(n -> n.sendAfter(n.self(), "tick", 20));
    assertThat(probe.next(5000)).isEqualTo("tick");

    probe.run(n -> n.sendAfter(n.self(), "never", 60_000));
    assertThat(node.timerCount()).isEqualTo(1);
    node.stop(probe.self(), ExitReason.normal()).await();
    assertThat(node.timerCount()).isZero();
  }

  @Test
  void aGenServerTimeoutArrivesAsOnAContextOfItsOwn() throws InterruptedException {
    Sleeper sleeper = new Sleeper();
    sleeper.withSharedContext();
    sleeper.placeOn(loop);
    Pid pid = node.spawn(sleeper).await();

    node.cast(pid, 30L);
    assertThat(sleeper.infos.poll(5, TimeUnit.SECONDS)).isSameAs(GenServer.TIMEOUT);
  }

  @Test
  void manyStartAndStopAndLeaveNothingBehind() {
    int before = node.processCount();
    List<Future<Pid>> started = new ArrayList<>();
    for (int n = 0; n < MANY; n++) {
      Probe probe = new Probe();
      probe.withSharedContext();
      started.add(node.spawn(probe));
    }
    List<Pid> pids = Future.all(started).await().list();
    assertThat(node.processCount()).isEqualTo(before + MANY);

    Future.all(pids.stream().map(pid -> node.stop(pid, ExitReason.normal())).toList()).await();
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void aProcessSharesItsContextOnlyIfAskedBeforeItStarts() {
    Probe probe = Probe.start(node);

    assertThatThrownBy(probe::withSharedContext).isInstanceOf(IllegalStateException.class);
  }

  /** A GenServer that goes idle for the milliseconds cast to it and reports every info. */
  private static final class Sleeper extends GenServer<Void> {

    private final BlockingQueue<Object> infos = new LinkedBlockingQueue<>();

    @Override
    protected Init<Void> init() {
      return Init.ok(null);
    }

    @Override
    protected Outcome<Void> handleCast(Object request, Void state) {
      return noreply(state, (Long) request);
    }

    @Override
    protected Outcome<Void> handleInfo(Object message, Void state) {
      infos.add(message);
      return noreply(state);
    }
  }
}
