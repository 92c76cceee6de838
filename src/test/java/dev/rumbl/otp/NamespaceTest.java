package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names in namespaces, as Elixir's {@code {:via, Registry, {Namespace, key}}}. Ported from the
 * "unique" cases of Elixir's {@code registry_test.exs}: "via callbacks" (start, send, call and
 * already_started by a via name), "has unique registrations across processes" and "select all"
 * (here {@link Node#keys}); monitor and exit by name; then the separation that makes namespaces a
 * safe home for names chosen by clients.
 */
@ExtendWith(VertxExtension.class)
class NamespaceTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void aNamespacedNameIsReachedWhereverANameIsAccepted() throws InterruptedException {
    Name name = Name.local("tallies", "visits");
    Pid pid = node.spawn(new IncCounter(1).named(name)).await();
    Probe probe = Probe.start(node);

    node.cast(name, "inc");
    node.send(name, "hello").await();

    assertThat(node.<Integer>call(name, "get").await()).isEqualTo(2);
    assertThat(node.whereis(name).await()).isEqualTo(pid);
    node.register(Name.local("probes", "first"), probe.self()).await();
    node.send(Name.local("probes", "first"), "to the probe").await();
    assertThat(probe.next(5000)).isEqualTo("to the probe");
    node.stop(name, ExitReason.normal()).await();
    assertThat(node.isAlive(pid)).isFalse();
  }

  /** OTP's monitor(process, Name): the Down names what was monitored, {Name, node()}; noproc at once for a free name. */
  @Test
  void aMonitorByNameGetsADownNamingItAndNoprocForAFreeName() throws InterruptedException {
    Name name = Name.local("tallies", "watched");
    Pid pid = node.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(node);

    MonitorRef free = watcher.run(n -> n.monitor(Name.local("tallies", "nobody")));
    assertThat(watcher.next(Down.class)).isEqualTo(new Down(free, null, Name.local("tallies", "nobody"), node.id(), ExitReason.noproc()));
    MonitorRef ref = watcher.run(n -> n.monitor(name));
    node.exit(name, ExitReason.crash("by name"));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, pid, name, node.id(), ExitReason.crash("by name")));
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void anExitSignalByNameReachesTheHolderAndAFreeNameIsNoError() {
    Name name = Name.local("tallies", "stopped");
    Pid pid = node.spawn(new IncCounter(0).named(name)).await();
    io.vertx.core.Future<Down> down = node.watch(pid);

    node.exit(Name.local("tallies", "nobody"), ExitReason.kill());
    node.exit(name, ExitReason.kill());

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
  }

  @Test
  void aKeyIsHeldOnceInItsNamespaceAndFreedWhenItsHolderExits() {
    Name name = Name.local("tallies", "once");
    Pid first = node.spawn(new IncCounter(0).named(name)).await();

    assertThatThrownBy(() -> node.spawn(new IncCounter(0).named(name)).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, taken -> {
        assertThat(taken.holder()).isEqualTo(first);
        assertThat(taken.name()).isEqualTo(name);
      });
    node.exit(first, ExitReason.kill());

    Pid second = awaitHolderOtherThan(name, first);
    assertThat(node.whereis(name).await()).isEqualTo(second);
  }

  @Test
  void theSameKeyInAnotherNamespaceOrAsAPlainNameIsAnotherName() {
    Pid plain = node.spawn(new IncCounter(1).named(Name.local("shared"))).await();
    Pid tally = node.spawn(new IncCounter(2).named(Name.local("tallies", "shared"))).await();
    Pid other = node.spawn(new IncCounter(3).named(Name.local("others", "shared"))).await();

    assertThat(List.of(plain, tally, other)).doesNotHaveDuplicates();
    assertThat(node.<Integer>call(Name.local("shared"), "get").await()).isEqualTo(1);
    assertThat(node.<Integer>call(Name.local("tallies", "shared"), "get").await()).isEqualTo(2);
    assertThat(node.<Integer>call(Name.local("others", "shared"), "get").await()).isEqualTo(3);
    assertThatThrownBy(() -> node.call(Name.local("nobody", "shared"), "get").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void aKeyThatLooksLikeANamespaceAndAValueJoinedIsNotThatName() {
    node.spawn(new IncCounter(1).named(Name.local("a", "b.c"))).await();

    assertThat(node.whereis(Name.local("a.b", "c")).await()).isNull();
    assertThat(node.whereis(Name.local("a.b.c")).await()).isNull();
    assertThat(node.whereis(Name.local("a", "b.c")).await()).isNotNull();
  }

  @Test
  void keysListsTheKeysOfOneNamespaceOnly() {
    for (int i = 0; i < 5; i++) {
      node.spawn(new IncCounter(i).named(Name.local("listed", "k" + i))).await();
    }
    node.spawn(new IncCounter(0).named(Name.local("k-plain"))).await();

    assertThat(node.keys(Name.Scope.LOCAL, "listed").await()).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4");
    assertThat(node.keys(Name.Scope.LOCAL, null).await()).contains("k-plain").doesNotContain("k0");
    assertThat(node.keys(Name.Scope.LOCAL, "empty").await()).isEmpty();
    assertThatThrownBy(() -> node.keys(Name.Scope.GLOBAL, "listed").await())
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("clustered");
  }

  @Test
  void manyProcessesRacingForTheSameKeysEachKeyGetsExactlyOneHolder() {
    int keys = 50;
    int contenders = 8;
    List<io.vertx.core.Future<Pid>> starts = new ArrayList<>();
    IntStream.range(0, keys * contenders).forEach(i ->
      starts.add(node.spawn(new IncCounter(i).named(Name.local("race", "k" + i % keys)))));
    io.vertx.core.Future.join(starts).otherwiseEmpty().await();

    long started = starts.stream().filter(io.vertx.core.Future::succeeded).count();
    long refused = starts.stream().filter(start -> start.cause() instanceof AlreadyStarted).count();
    assertThat(started).isEqualTo(keys);
    assertThat(refused).isEqualTo((long) keys * (contenders - 1));
    assertThat(node.keys(Name.Scope.LOCAL, "race").await()).hasSize(keys);
  }

  @Test
  void aNameRendersAsViaInItsNamespace() {
    assertThat(Name.local("counters", "visits")).hasToString("{via, counters, visits}");
    assertThat(Name.global("counters", "visits")).hasToString("{global, {via, counters, visits}}");
    assertThat(Name.local("visits")).hasToString("visits");
    assertThatThrownBy(() -> Name.local(" ", "visits")).isInstanceOf(IllegalArgumentException.class);
  }

  private Pid awaitHolderOtherThan(Name name, Pid old) {
    for (int attempt = 0; attempt < 500; attempt++) {
      try {
        return node.spawn(new IncCounter(0).named(name)).await();
      } catch (AlreadyStarted stillHeld) {
        assertThat(stillHeld.holder()).isEqualTo(old);
      }
    }
    throw new AssertionError(name + " was never freed");
  }
}
