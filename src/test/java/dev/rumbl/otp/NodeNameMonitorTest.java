package dev.rumbl.otp;

import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.ThreeNodes;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code erlang:monitor(process, {RegName, Node})} on three clustered nodes in this JVM (a fourth
 * joins and is cut off where a node must be lost). Cases ported from OTP's erts
 * {@code monitor_SUITE}: mon_1 and mon_2 (their named-process parts), demon_3, list_cleanup,
 * named_down and mixer, each cited where it is used.
 */
class NodeNameMonitorTest {

  private static ThreeNodes cluster;
  private static Node a;
  private static Node b;
  private static Node c;

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

  private static Name jeeves() {
    return Name.local("jeeves-" + UUID.randomUUID());
  }

  private static void noMonitorsLeft() {
    Eventually.until("no node holds a monitor", 5000,
      () -> a.monitorCount() == 0 && b.monitorCount() == 0 && c.monitorCount() == 0);
  }

  /** monitor_SUITE:mon_2, "Normal case (named process)": the Down names {jeeves, N2}. */
  @Test
  void aNameOnAnotherNodeIsMonitoredAndItsDownNamesTheNameAndTheNode() throws InterruptedException {
    Name name = jeeves();
    Pid onB = b.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(a);
    NodeName there = new NodeName(name, b.id());

    MonitorRef ref = watcher.run(n -> n.monitor(there));
    Eventually.until("b holds the monitor on its process", 5000, () -> b.monitorCount() == 1);
    a.stop(there, ExitReason.normal()).await();

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, onB, name, b.id(), ExitReason.normal()));
    assertThat(watcher.next(300)).isNull();
    noMonitorsLeft();
  }

  /** monitor_SUITE:mon_2, "'DOWN' with other reason (named process)". */
  @Test
  void theDownOfARemoteNameCarriesTheExitReason() throws InterruptedException {
    Name name = jeeves();
    Pid onC = c.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(a);

    MonitorRef ref = watcher.run(n -> n.monitor(new NodeName(name, c.id())));
    Eventually.until("c holds the monitor on its process", 5000, () -> c.monitorCount() == 1);
    a.exit(onC, ExitReason.crash("frop"));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, onC, name, c.id(), ExitReason.crash("frop")));
    noMonitorsLeft();
  }

  /** monitor_SUITE:mon_2, "Monitor (named process) fails because process is dead": noproc, no pid. */
  @Test
  void aNameNobodyHoldsOnTheOtherNodeAnswersNoproc() throws InterruptedException {
    Name name = jeeves();
    Probe watcher = Probe.start(a);

    MonitorRef ref = watcher.run(n -> n.monitor(new NodeName(name, b.id())));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, null, name, b.id(), ExitReason.noproc()));
    noMonitorsLeft();
  }

  /**
   * monitor_SUITE:mon_2, "Other node goes down (named process)" and "Monitor (named process) fails
   * because other node is dead": noconnection; and demon_3, the distributed demonitor: a Down that
   * came before demonitor stays, a demonitor before the node is lost leaves no Down.
   */
  @Test
  void aNodeThatLeavesOrIsNotInTheClusterGivesNoconnection() throws InterruptedException {
    Vertx vertxD = cluster.join();
    Node d = Node.of(vertxD);
    String gone = d.id();
    Name name = jeeves();
    Probe watcher = Probe.start(a);
    try {
      Eventually.until("a sees d", 10_000, () -> a.nodes().contains(gone));
      d.spawn(new IncCounter(0).named(name)).await();
      NodeName onD = new NodeName(name, gone);
      MonitorRef kept = watcher.run(n -> n.monitor(onD));
      MonitorRef dropped = watcher.run(n -> n.monitor(onD));
      Eventually.until("d holds both monitors", 5000, () -> d.monitorCount() == 2);
      watcher.run(n -> {
        n.demonitor(dropped, false);
        return null;
      });
      Eventually.until("d holds one monitor", 5000, () -> d.monitorCount() == 1);

      ClusterNodes.cutOff(gone);

      assertThat(watcher.next(15_000)).isEqualTo(new Down(kept, null, name, gone, ExitReason.noconnection()));
      watcher.run(n -> {
        n.demonitor(kept, false);
        return null;
      });
      assertThat(watcher.next(300)).isNull();

      MonitorRef late = watcher.run(n -> n.monitor(onD));
      assertThat(watcher.next(Down.class)).isEqualTo(new Down(late, null, name, gone, ExitReason.noconnection()));
      MonitorRef unknown = watcher.run(n -> n.monitor(new NodeName(name, "no-such-node")));
      assertThat(watcher.next(Down.class)).isEqualTo(new Down(unknown, null, name, "no-such-node", ExitReason.noconnection()));
      assertThat(a.monitorCount()).isZero();
    } finally {
      vertxD.close().await();
    }
  }

  /** monitor_SUITE:mon_1, "node explicit activation": {jeeves, node()} is the local name, with this node in its Down. */
  @Test
  void theNameOnThisNodeIsMonitoredAsALocalName() throws InterruptedException {
    Name name = jeeves();
    Pid pid = a.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(a);
    NodeName here = new NodeName(name, a.id());

    MonitorRef ref = watcher.run(n -> n.monitor(here));
    assertThat(a.monitorCount()).isEqualTo(1);
    a.exit(pid, ExitReason.crash("frop"));
    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, pid, name, a.id(), ExitReason.crash("frop")));

    MonitorRef again = watcher.run(n -> n.monitor(here));
    assertThat(watcher.next(Down.class)).isEqualTo(new Down(again, null, name, a.id(), ExitReason.noproc()));
    MonitorRef byName = watcher.<MonitorRef>run(n -> n.monitor(name));
    assertThat(watcher.next(Down.class)).isEqualTo(new Down(byName, null, name, a.id(), ExitReason.noproc()));
  }

  @Test
  void aNodeOutsideAnyClusterReachesNoOtherNode() throws InterruptedException {
    Vertx alone = Vertx.vertx();
    try {
      Probe watcher = Probe.start(Node.of(alone));
      Name name = jeeves();

      MonitorRef ref = watcher.run(n -> n.monitor(new NodeName(name, b.id())));

      assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, null, name, b.id(), ExitReason.noconnection()));
    } finally {
      alone.close().await();
    }
  }

  /**
   * monitor_SUITE:list_cleanup, "Remonitor named and try again": a demonitor removes the monitor
   * from the other node, and no Down comes; the monitor follows the holder at the time of the
   * monitor, not a later holder of the name.
   */
  @Test
  void demonitorRemovesTheMonitorOnTheOtherNodeAndNoDownComes() throws InterruptedException {
    Name name = jeeves();
    Pid first = b.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(a);
    NodeName there = new NodeName(name, b.id());

    MonitorRef ref = watcher.run(n -> n.monitor(there));
    Eventually.until("b holds the monitor", 5000, () -> b.monitorCount() == 1);
    watcher.run(n -> {
      n.demonitor(ref, false);
      return null;
    });
    noMonitorsLeft();
    a.stop(there, ExitReason.normal()).await();
    assertThat(watcher.next(300)).isNull();

    Pid second = b.spawn(new IncCounter(0).named(name)).await();
    MonitorRef onSecond = watcher.run(n -> n.monitor(there));
    Eventually.until("b holds the monitor", 5000, () -> b.monitorCount() == 1);
    b.unregister(name).await();
    b.spawn(new IncCounter(0).named(name)).await();
    b.exit(second, ExitReason.crash("the one monitored"));
    assertThat(watcher.next(Down.class)).isEqualTo(new Down(onSecond, second, name, b.id(), ExitReason.crash("the one monitored")));
    a.stop(there, ExitReason.normal()).await();
    assertThat(watcher.next(300)).isNull();
    assertThat(first).isNotEqualTo(second);
    noMonitorsLeft();
  }

  /** monitor_SUITE:demonitor_flush over {Name, Node}: a noproc already on its way is dropped by a flush. */
  @Test
  void demonitorWithFlushRightAfterTheMonitorLeavesNoDown() throws InterruptedException {
    Name name = jeeves();
    Probe watcher = Probe.start(a);

    watcher.run(n -> {
      n.demonitor(n.monitor(new NodeName(name, b.id())), true);
      return null;
    });

    assertThat(watcher.next(500)).isNull();
    noMonitorsLeft();
  }

  /** monitor_SUITE:list_cleanup, "the monitoring process crashes": the other node forgets the monitor. */
  @Test
  void aWatcherThatExitsLeavesNoMonitorOnTheOtherNode() {
    Name name = jeeves();
    b.spawn(new IncCounter(0).named(name)).await();
    Probe watcher = Probe.start(a);

    watcher.run(n -> n.monitor(new NodeName(name, b.id())));
    Eventually.until("b holds the monitor", 5000, () -> b.monitorCount() == 1);
    a.exit(watcher.self(), ExitReason.crash("frop"));

    noMonitorsLeft();
    a.stop(new NodeName(name, b.id()), ExitReason.normal()).await();
  }

  /**
   * monitor_SUITE:named_down: the Down of a monitor by name is not delivered until the name is
   * free, so that whoever hears of it can take the name at once (each round's spawn takes it
   * again); here across nodes, many times.
   */
  @Test
  void whenTheDownArrivesTheNameIsFreeOnItsNode() throws InterruptedException {
    Name name = jeeves();
    Probe watcher = Probe.start(a);
    NodeName there = new NodeName(name, b.id());
    for (int round = 0; round < 50; round++) {
      Pid holder = b.spawn(new IncCounter(0).named(name)).await();
      MonitorRef ref = watcher.run(n -> n.monitor(there));
      Eventually.until("b holds the monitor", 5000, () -> b.monitorCount() == 1);
      b.exit(holder, ExitReason.kill());

      assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, holder, name, b.id(), ExitReason.killed()));
      assertThat(b.whereis(name).await()).isNull();
    }
    Pid last = b.spawn(new IncCounter(0).named(name)).await();
    b.stop(last, ExitReason.normal()).await();
    noMonitorsLeft();
  }

  /** Many watchers on every node monitor one name on b: each gets exactly one Down. */
  @Test
  void everyWatcherOfANameGetsExactlyOneDown() throws InterruptedException {
    Name name = jeeves();
    Pid holder = b.spawn(new IncCounter(0).named(name)).await();
    NodeName there = new NodeName(name, b.id());
    Map<Probe, MonitorRef> watchers = new HashMap<>();
    for (Node node : List.of(a, b, c)) {
      for (int i = 0; i < 40; i++) {
        Probe watcher = Probe.start(node);
        watchers.put(watcher, watcher.run(n -> n.monitor(there)));
      }
    }
    Eventually.until("b holds every monitor", 5000, () -> b.monitorCount() == 120);

    a.exit(holder, ExitReason.shutdown("all at once"));

    for (Map.Entry<Probe, MonitorRef> watcher : watchers.entrySet()) {
      assertThat(watcher.getKey().next(Down.class))
        .isEqualTo(new Down(watcher.getValue(), holder, name, b.id(), ExitReason.shutdown("all at once")));
    }
    for (Probe watcher : watchers.keySet()) {
      assertThat(watcher.next(0)).isNull();
    }
    noMonitorsLeft();
  }

  /** A Down sent on to a process of another node keeps its name and node, and a missing pid. */
  @Test
  void aDownSentToAnotherNodeKeepsItsNameAndNode() throws InterruptedException {
    Probe onB = Probe.start(b);
    Name name = jeeves();
    Down named = new Down(new MonitorRef(a.id(), 1), null, name, c.id(), ExitReason.noconnection());
    Down byPid = new Down(new MonitorRef(a.id(), 2), onB.self(), ExitReason.crash("frop"));

    a.send(onB.self(), named).await();
    a.send(onB.self(), byPid).await();

    assertThat(onB.next(Down.class)).isEqualTo(named);
    assertThat(onB.next(Down.class)).isEqualTo(byPid);
  }

  /** A monitor one watcher holds: by {Name, Node} or by pid, on target. */
  private record Held(Probe watcher, Node watcherNode, MonitorRef ref, int target, boolean byName) {
  }

  /**
   * monitor_SUITE:mixer: internal and external monitors mixed. Butlers on a (twice), b and c,
   * each twice over; watchers on every node monitor each one both by {Name, Node} and by pid;
   * each node counts exactly the monitors on its processes and those its watchers hold elsewhere;
   * after half are demonitored and every butler exits, exactly the others' Downs come.
   */
  @Test
  void localAndRemoteMonitorsByNameAndByPidMix() throws InterruptedException {
    List<Node> placement = List.of(a, a, b, c, a, a, b, c);
    List<Name> names = new ArrayList<>();
    List<Pid> butlers = new ArrayList<>();
    for (Node node : placement) {
      Name name = jeeves();
      names.add(name);
      butlers.add(node.spawn(new IncCounter(0).named(name)).await());
    }
    List<Held> held = new ArrayList<>();
    for (Node node : List.of(a, b, c)) {
      Probe watcher = Probe.start(node);
      for (int i = 0; i < butlers.size(); i++) {
        NodeName target = new NodeName(names.get(i), placement.get(i).id());
        Pid pid = butlers.get(i);
        held.add(new Held(watcher, node, watcher.run(n -> n.monitor(target)), i, true));
        held.add(new Held(watcher, node, watcher.run(n -> n.monitor(pid)), i, false));
      }
    }
    expectCounts(held, placement);

    List<Held> kept = new ArrayList<>();
    for (int i = 0; i < held.size(); i++) {
      Held monitor = held.get(i);
      if (i % 3 == 0) {
        monitor.watcher().run(n -> {
          n.demonitor(monitor.ref(), false);
          return null;
        });
      } else {
        kept.add(monitor);
      }
    }
    expectCounts(kept, placement);

    for (int i = 0; i < butlers.size(); i++) {
      c.exit(butlers.get(i), ExitReason.crash("flaff " + i));
    }
    Map<MonitorRef, Down> downs = new HashMap<>();
    for (Held monitor : kept) {
      Down down = monitor.watcher().next(Down.class);
      downs.put(down.ref(), down);
    }
    for (Held monitor : kept) {
      int i = monitor.target();
      Down expected = monitor.byName()
        ? new Down(monitor.ref(), butlers.get(i), names.get(i), placement.get(i).id(), ExitReason.crash("flaff " + i))
        : new Down(monitor.ref(), butlers.get(i), ExitReason.crash("flaff " + i));
      assertThat(downs.get(monitor.ref())).isEqualTo(expected);
    }
    for (Held monitor : held) {
      assertThat(monitor.watcher().next(0)).isNull();
    }
    noMonitorsLeft();
  }

  /**
   * What each node's monitor count must come to: a monitor counts once on the node of its target,
   * and once more on the watcher's node when that is another.
   */
  private static void expectCounts(List<Held> live, List<Node> placement) {
    Map<Node, Integer> expected = new HashMap<>(Map.of(a, 0, b, 0, c, 0));
    for (Held monitor : live) {
      Node targetNode = placement.get(monitor.target());
      expected.merge(targetNode, 1, Integer::sum);
      if (targetNode != monitor.watcherNode()) {
        expected.merge(monitor.watcherNode(), 1, Integer::sum);
      }
    }
    Eventually.until("each node counts " + expected.values(), 5000,
      () -> a.monitorCount() == expected.get(a) && b.monitorCount() == expected.get(b) && c.monitorCount() == expected.get(c));
  }
}
