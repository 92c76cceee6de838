package dev.rumbl.counter;

import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.shareddata.LocalMap;

/**
 * The dynamic counters running on a node, by pid: a counter enters itself as it starts and leaves
 * when it exits for any reason, a kill included (it watches its own exit), so telling a counter from
 * any other registered process is one map look-up, however many counters run. A pid listed here is
 * also checked to be alive, so a counter that has just exited is never taken for a running one.
 */
final class CounterDirectory {

  private static final String MAP = "rumbl.counters";

  private CounterDirectory() {
  }

  /** Lists counter, a process of node, until it exits. */
  static void enter(Node node, Pid counter) {
    entries(node).put(counter.address(), Boolean.TRUE);
    node.watch(counter).onComplete(down -> entries(node).remove(counter.address()));
  }

  /** True when pid is a running dynamic counter of node. */
  static boolean lists(Node node, Pid pid) {
    return pid.node().equals(node.id()) && entries(node).containsKey(pid.address()) && node.isAlive(pid);
  }

  /** How many counters are listed: the running ones, and for a moment those on their way out. */
  static int size(Node node) {
    return entries(node).size();
  }

  private static LocalMap<String, Boolean> entries(Node node) {
    return node.vertx().sharedData().getLocalMap(MAP);
  }
}
