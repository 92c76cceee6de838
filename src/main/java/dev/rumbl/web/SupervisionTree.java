package dev.rumbl.web;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ChildType;
import dev.rumbl.otp.Dest;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorReport;
import io.vertx.core.Future;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A snapshot of a supervision tree: one supervisor's report and the snapshots of its running
 * child supervisors, taken recursively with {@link Supervisor#describe}. A child supervisor that
 * exits while the snapshot is taken is simply left without a subtree. Each supervisor lists at
 * most its first {@value SupervisorReport#MAX_LISTED} children; its counts cover them all.
 */
record SupervisionTree(SupervisorReport report, Map<Pid, SupervisionTree> subtrees) {

  static Future<SupervisionTree> of(Node node, Dest supervisor) {
    return Supervisor.describe(node, supervisor).compose(report -> {
      List<Pid> supervisors = report.children().stream()
        .filter(child -> child.type() == ChildType.SUPERVISOR && child.pid() != null)
        .map(ChildInfo::pid)
        .toList();
      List<Future<Optional<SupervisionTree>>> below = supervisors.stream()
        .map(pid -> of(node, pid).map(Optional::of).otherwise(Optional.empty()))
        .toList();
      return Future.all(below).map(all -> {
        Map<Pid, SupervisionTree> subtrees = new LinkedHashMap<>();
        for (int i = 0; i < supervisors.size(); i++) {
          Pid pid = supervisors.get(i);
          below.get(i).result().ifPresent(tree -> subtrees.put(pid, tree));
        }
        return new SupervisionTree(report, subtrees);
      });
    });
  }

  /** This supervisor and every supervisor below it, depth first. */
  Stream<SupervisionTree> supervisors() {
    return Stream.concat(Stream.of(this), subtrees.values().stream().flatMap(SupervisionTree::supervisors));
  }

  /** The pid of a process in the tree whose mailbox address is address, the supervisors' own included. */
  Optional<Pid> findByAddress(String address) {
    return supervisors()
      .flatMap(tree -> Stream.concat(Stream.of(tree.report().pid()), tree.report().children().stream().map(ChildInfo::pid)))
      .filter(pid -> pid != null && pid.address().equals(address))
      .findFirst();
  }
}
