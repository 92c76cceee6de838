package dev.rumbl.otp;

import dev.rumbl.testing.ThreeNodes;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code gen_server:multi_call}, {@code abcast} and the {@code {Name, Node}} destination on three
 * clustered nodes in this JVM; cases ported from OTP's gen_server_SUITE (multicall,
 * multicall_down, abcast, call_remote3, call_remote_n3, stop9), each cited where it is used.
 */
class MultiCallTest {

  private static ThreeNodes cluster;
  private static Node a;
  private static Node b;
  private static Node c;

  /** Answers "who" with its label (or never, when silent); "stop" answers ok and stops, as the suite's server. */
  private static final class Labelled extends GenServer<String> {

    private final String label;
    private final boolean silent;

    Labelled(String label, boolean silent) {
      this.label = label;
      this.silent = silent;
    }

    @Override
    protected Init<String> init() {
      return Init.ok(label);
    }

    @Override
    protected Outcome<String> handleCall(Object request, From from, String state) {
      if ("stop".equals(request)) {
        return stop(ExitReason.normal(), "ok", state);
      }
      return silent ? noreply(state) : reply(state, state);
    }
  }

  @BeforeAll
  static void startNodes() {
    cluster = ThreeNodes.start();
    a = cluster.a();
    b = cluster.b();
    c = cluster.c();
  }

  @AfterAll
  static void stopNodes() {
    cluster.close();
  }

  private static Name start(Node node, Name name, String label, boolean silent) {
    node.spawn(new Labelled(label, silent).named(name)).await();
    return name;
  }

  private static Name freshName() {
    return Name.local("server-" + UUID.randomUUID());
  }

  /** gen_server_SUITE:multicall: every node's server answers, this node's first. */
  @Test
  void multiCallGathersTheReplyOfTheNamedServerOnEveryNode() {
    Name name = freshName();
    start(a, name, "on a", false);
    start(b, name, "on b", false);
    start(c, name, "on c", false);

    MultiCallResult<String> result = b.<String>multiCall(name, "who").await();

    assertThat(result.replies()).containsExactlyInAnyOrderEntriesOf(Map.of(a.id(), "on a", b.id(), "on b", c.id(), "on c"));
    assertThat(result.replies().keySet()).first().isEqualTo(b.id());
    assertThat(result.badNodes()).isEmpty();
  }

  /** gen_server_SUITE:multicall: {[{Node, delayed}], Nodes}, the nodes without the server are the bad ones. */
  @Test
  void aNodeWhereNobodyHoldsTheNameIsABadNode() {
    Name name = freshName();
    start(a, name, "on a", false);

    MultiCallResult<String> result = a.<String>multiCall(name, "who").await();

    assertThat(result.replies()).containsExactlyEntriesOf(Map.of(a.id(), "on a"));
    assertThat(result.badNodes()).containsExactlyInAnyOrder(b.id(), c.id());
  }

  /** gen_server_SUITE:multicall_down: a node that is not in the cluster is bad, the others still answer. */
  @Test
  void aNodeOutsideTheClusterIsABadNode() {
    Name name = freshName();
    start(a, name, "on a", false);
    start(c, name, "on c", false);

    MultiCallResult<String> result = a.<String>multiCall(List.of("no-such-node", a.id(), c.id()), name, "who", 3000).await();

    assertThat(result.replies()).containsExactly(Map.entry(a.id(), "on a"), Map.entry(c.id(), "on c"));
    assertThat(result.badNodes()).containsExactly("no-such-node");
  }

  /** A server that does not answer within the timeout makes its node bad; the others' replies are kept. */
  @Test
  void aServerThatDoesNotAnswerInTimeMakesItsNodeBad() {
    Name name = freshName();
    start(a, name, "on a", false);
    start(b, name, "on b", true);
    start(c, name, "on c", true);

    MultiCallResult<String> result = a.<String>multiCall(List.of(a.id(), b.id(), c.id()), name, "who", 300).await();

    assertThat(result.replies()).containsExactlyEntriesOf(Map.of(a.id(), "on a"));
    assertThat(result.badNodes()).containsExactly(b.id(), c.id());
  }

  /** gen_server_SUITE:multicall, "Stop the server": each replies ok before it stops. */
  @Test
  void serversThatReplyAndStopAreAnsweredAndGone() {
    Name name = freshName();
    start(a, name, "on a", false);
    start(b, name, "on b", false);
    start(c, name, "on c", false);

    MultiCallResult<String> result = c.<String>multiCall(name, "stop").await();

    assertThat(result.replies()).containsOnlyKeys(a.id(), b.id(), c.id()).containsValues("ok");
    assertThat(result.badNodes()).isEmpty();
    for (Node node : List.of(a, b, c)) {
      Eventually.until("the server on " + node.id() + " stopped", 5000, () -> node.whereis(name).await() == null);
    }
  }

  /** gen_server_SUITE:abcast: cast to the name on every node (or the nodes given); a node without it drops it. */
  @Test
  void abcastReachesTheNamedServerOnEveryNodeThatHasIt() {
    Name name = Name.local("tally-" + UUID.randomUUID());
    a.spawn(new IncCounter(0).named(name)).await();
    b.spawn(new IncCounter(100).named(name)).await();

    for (int i = 0; i < 10; i++) {
      a.abcast(name, "inc");
    }
    a.abcast(List.of(b.id()), name, "inc");

    Map<String, Integer> expected = Map.of(a.id(), 10, b.id(), 111);
    Eventually.until("every cast counted once", 5000, () -> a.<Integer>multiCall(name, "get").await().replies().equals(expected));
    MultiCallResult<Integer> counts = a.<Integer>multiCall(name, "get").await();
    assertThat(counts.replies()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(counts.badNodes()).containsExactly(c.id());
  }

  @Test
  void aGlobalNameOrARequestThatCannotLeaveTheNodeIsRefused() {
    assertThatThrownBy(() -> a.multiCall(Name.global("everywhere"), "who").await())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local name");
    assertThatThrownBy(() -> a.multiCall(freshName(), new Object()).await())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot leave this node");
    assertThatThrownBy(() -> a.abcast(Name.global("everywhere"), "inc"))
      .isInstanceOf(IllegalArgumentException.class);
  }

  /** gen_server_SUITE:call_remote3 and stop9: call, cast, send and stop to {Name, Node}. */
  @Test
  void aLocalNameOnAnotherNodeIsADestination() throws InterruptedException {
    Name name = Name.local("piller-" + UUID.randomUUID());
    Pid onB = b.spawn(new IncCounter(1).named(name)).await();
    NodeName there = new NodeName(name, b.id());

    a.cast(there, "inc");
    Eventually.until("the cast arrived", 5000, () -> a.<Integer>call(there, "get").await() == 2);
    assertThat(a.<Pid>call(there, "whoami").await()).isEqualTo(onB);

    Probe probe = Probe.start(b);
    Name probeName = Name.local("probe-" + UUID.randomUUID());
    b.register(probeName, probe.self()).await();
    a.send(new NodeName(probeName, b.id()), "hello").await();
    assertThat(probe.next(5000)).isEqualTo("hello");

    a.stop(there, ExitReason.normal()).await();
    assertThat(b.isAlive(onB)).isFalse();
    assertThatThrownBy(() -> a.call(there, "get").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    assertThatThrownBy(() -> a.stop(there, ExitReason.normal()).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  /** gen_server_SUITE:call_remote_n3 ({nodedown, Node} in OTP; the toolkit's reason for a lost node is noconnection). */
  @Test
  void aNameOnANodeOutsideTheClusterAnswersNoconnection() {
    NodeName nowhere = new NodeName(Name.local("piller"), "no-such-node");

    assertThatThrownBy(() -> a.call(nowhere, "get").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noconnection()));
    assertThat(a.send(nowhere, "dropped").succeeded()).isTrue();
  }

  /** stop5: {Name, node()} is the local name on this node. */
  @Test
  void theNameOnThisNodeIsTheLocalName() {
    Name name = Name.local("to-stop-" + UUID.randomUUID());
    Pid pid = a.spawn(new IncCounter(5).named(name)).await();
    NodeName here = new NodeName(name, a.id());

    assertThat(a.<Integer>call(here, "get").await()).isEqualTo(5);
    a.stop(here, ExitReason.normal()).await();
    assertThat(a.isAlive(pid)).isFalse();
    assertThatThrownBy(() -> a.stop(here, ExitReason.normal()).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void aNodeOutsideAnyClusterAsksItselfAndReachesNoOtherNode() {
    Vertx alone = Vertx.vertx();
    try {
      Node node = Node.of(alone);
      Name name = freshName();
      start(node, name, "alone", false);

      MultiCallResult<String> result = node.<String>multiCall(name, "who").await();

      assertThat(result.replies()).containsExactlyEntriesOf(Map.of(node.id(), "alone"));
      assertThat(result.badNodes()).isEmpty();
      assertThat(node.<String>multiCall(List.of(node.id(), b.id()), name, "who", 1000).await().badNodes()).containsExactly(b.id());
    } finally {
      alone.close().await();
    }
  }

  @Test
  void aNodeNameTakesALocalNameAndANode() {
    assertThatThrownBy(() -> new NodeName(Name.global("g"), "n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeName(Name.local("l"), " ")).isInstanceOf(IllegalArgumentException.class);
  }
}
