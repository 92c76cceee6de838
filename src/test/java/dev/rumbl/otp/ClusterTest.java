package dev.rumbl.otp;

import dev.rumbl.testing.ProcessOutput;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two (and, for the kill test, three) clustered nodes on 127.0.0.1, in a cluster of this test's own. */
class ClusterTest {

  private static final String CLUSTER = "rumbl-test-" + UUID.randomUUID();
  private static final int BASE_PORT = ClusterNodes.randomBasePort();
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static Node a;
  private static Node b;

  @BeforeAll
  static void startNodes() {
    vertxA = ClusterNodes.start(CLUSTER, BASE_PORT);
    vertxB = ClusterNodes.start(CLUSTER, BASE_PORT);
    a = Node.of(vertxA);
    b = Node.of(vertxB);
  }

  @AfterAll
  static void stopNodes() {
    vertxB.close().await();
    vertxA.close().await();
  }

  @Test
  void eachNodeIsNamedByItsClusterMember() {
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.nodes()).contains(a.id(), b.id());
    assertThat(a.isClustered()).isTrue();
    assertThat(a.spawn(new IncCounter(0)).await().node()).isEqualTo(a.id());
  }

  @Test
  void aGlobalNameIsHeldOnceInTheClusterAndFreedWhenItsProcessExits() {
    Name name = Name.global("unique-" + UUID.randomUUID());
    Pid onA = a.spawn(new IncCounter(0).named(name)).await();

    assertThatThrownBy(() -> b.spawn(new IncCounter(0).named(name)).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(onA));
    assertThat(b.whereis(name).await()).isEqualTo(onA);

    a.stop(onA, ExitReason.normal()).await();
    Pid onB = b.spawn(new IncCounter(0).named(name)).await();
    assertThat(a.whereis(name).await()).isEqualTo(onB);
  }

  @Test
  void callsAndCastsByGlobalNameReachTheProcessOnItsNodeInTheOrderTheyWereSent() {
    Name name = Name.global("tally-" + UUID.randomUUID());
    Pid onA = a.spawn(new IncCounter(41).named(name)).await();

    for (int i = 0; i < 100; i++) {
      b.cast(name, "inc");
    }

    assertThat(b.<Integer>call(name, "get").await()).isEqualTo(141);
    assertThat(b.<Pid>call(onA, "whoami").await()).isEqualTo(onA);
  }

  @Test
  void aCallToARemoteProcessTimesOutOrFailsWithNoprocLikeALocalOne() {
    Pid onA = a.spawn(new IncCounter(0)).await();
    a.stop(onA, ExitReason.normal()).await();

    assertThatThrownBy(() -> b.call(onA, "get", 2000).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void aJavaObjectCannotBeSentToAnotherNode() {
    Pid onA = a.spawn(new IncCounter(0)).await();

    assertThatThrownBy(() -> b.send(onA, new Object()).await())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot leave this node");
  }

  @Test
  void aMonitorOnARemoteProcessGetsDownWithTheRealReason() throws InterruptedException {
    Probe watcher = Probe.start(b);
    Pid onA = a.spawn(new IncCounter(0)).await();
    MonitorRef ref = watcher.run(n -> n.monitor(onA));

    b.exit(onA, ExitReason.crash("bad"));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, onA, ExitReason.crash("bad")));
    assertThat(b.monitorCount()).isZero();
  }

  @Test
  void killingARemoteProcessWorksAcrossNodes() {
    Pid onA = a.spawn(new IncCounter(0)).await();

    Future<Down> down = b.watch(onA);
    b.exit(onA, ExitReason.kill());

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
  }

  @Test
  void aNamespacedGlobalNameIsHeldOnceInTheClusterApartFromThePlainNameOfTheSameValue() throws InterruptedException {
    String key = "unique-" + UUID.randomUUID();
    Name namespaced = Name.global("tallies", key);
    Pid plain = b.spawn(new IncCounter(1).named(Name.global(key))).await();
    Pid onA = a.spawn(new IncCounter(2).named(namespaced)).await();

    assertThatThrownBy(() -> b.spawn(new IncCounter(0).named(namespaced)).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(onA));
    b.cast(namespaced, "inc");
    assertThat(b.<Integer>call(namespaced, "get").await()).isEqualTo(3);
    assertThat(b.<Integer>call(Name.global(key), "get").await()).isEqualTo(1);
    assertThat(b.keys(Name.Scope.GLOBAL, "tallies").await()).containsExactly(key);
    assertThat(b.keys(Name.Scope.GLOBAL, null).await()).contains(key);

    Probe watcher = Probe.start(b);
    MonitorRef ref = watcher.run(n -> n.monitor(namespaced));
    Eventually.until("b monitors the process on a", 5000, () -> a.monitorCount() == 1);
    b.exit(namespaced, ExitReason.crash("from b"));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, onA, namespaced, null, ExitReason.crash("from b")));
    assertThat(b.whereis(namespaced).await()).isNull();
    assertThat(b.whereis(Name.global(key)).await()).isEqualTo(plain);
    b.stop(plain, ExitReason.normal()).await();
  }

  @Test
  void whenANodeIsKilledItsMonitorsAndCallsWaitingOnItGetNoconnectionAndItsGlobalNamesAreFreed() throws Exception {
    java.lang.Process third = new ProcessBuilder(
      new File(System.getProperty("java.home"), "bin/java").getPath(),
      "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(), CLUSTER, String.valueOf(BASE_PORT))
      .redirectErrorStream(true).start();
    try {
      ProcessOutput.of(third).awaitLine("READY", 60);
      Pid remote = a.whereis(Name.global("remote-counter")).await();
      assertThat(remote).isNotNull();
      assertThat(a.<Integer>call(remote, "get").await()).isEqualTo(7);
      Future<Down> down = a.watch(remote);
      Future<Object> waiting = a.call(remote, "never", 60_000);

      third.destroyForcibly();
      assertThat(third.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(down.await(30, TimeUnit.SECONDS).reason()).isEqualTo(ExitReason.noconnection());
      assertThatThrownBy(() -> waiting.await(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noconnection()));
      assertThatThrownBy(() -> a.call(remote, "get").await())
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noconnection()));
      Eventually.until("the global name of the dead node is freed", 10_000,
        () -> a.whereis(Name.global("remote-counter")).await() == null);
    } finally {
      third.destroyForcibly();
    }
  }
}
