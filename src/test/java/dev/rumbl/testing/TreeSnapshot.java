package dev.rumbl.testing;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ChildType;
import dev.rumbl.otp.Dest;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Strategy;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorReport;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A supervision tree as seen at one moment (every supervisor described, recursively): its shape,
 * which is what its declaration fixes (each static supervisor's strategy and its children's ids,
 * types and statuses, in order; a dynamic supervisor's strategy only, its children come and go),
 * its processes by path ({@code infosys/infosys.cache}; a dynamic supervisor's children all at
 * {@code videos.channels/*}), and its restarts summed over every supervisor.
 */
public record TreeSnapshot(SupervisorReport report, Map<String, TreeSnapshot> below) {

  static Future<TreeSnapshot> of(Node node, Dest supervisor) {
    return Supervisor.describe(node, supervisor).compose(report -> {
      List<ChildInfo> supervisors = report.children().stream()
        .filter(child -> child.type() == ChildType.SUPERVISOR && child.pid() != null)
        .toList();
      List<Future<TreeSnapshot>> snapshots = supervisors.stream().map(child -> of(node, child.pid())).toList();
      return Future.all(snapshots).map(all -> {
        Map<String, TreeSnapshot> below = new LinkedHashMap<>();
        for (int i = 0; i < supervisors.size(); i++) {
          below.put(supervisors.get(i).id(), snapshots.get(i).result());
        }
        return new TreeSnapshot(report, below);
      });
    });
  }

  boolean isDynamic() {
    return report.strategy() == Strategy.SIMPLE_ONE_FOR_ONE;
  }

  public String shape() {
    StringBuilder text = new StringBuilder(report.strategy().name().toLowerCase());
    if (isDynamic()) {
      return text.toString();
    }
    text.append('[');
    for (ChildInfo child : report.children()) {
      text.append(child.id()).append(':').append(child.type().name().toLowerCase()).append(':').append(child.status().name().toLowerCase());
      TreeSnapshot sub = below.get(child.id());
      if (sub != null) {
        text.append(' ').append(sub.shape());
      }
      text.append("; ");
    }
    return text.append(']').toString();
  }

  /** Every process below this supervisor with its path, the child supervisors' own pids included. */
  List<Map.Entry<String, Pid>> processes() {
    List<Map.Entry<String, Pid>> processes = new ArrayList<>();
    collect("", processes);
    return processes;
  }

  private void collect(String prefix, List<Map.Entry<String, Pid>> into) {
    for (ChildInfo child : report.children()) {
      if (child.pid() == null) {
        continue;
      }
      into.add(Map.entry(prefix + (isDynamic() ? "*" : child.id()), child.pid()));
      TreeSnapshot sub = below.get(child.id());
      if (sub != null) {
        sub.collect(prefix + child.id() + "/", into);
      }
    }
  }

  int restarts() {
    return report.restarts() + below.values().stream().mapToInt(TreeSnapshot::restarts).sum();
  }

  int processCount() {
    return processes().size();
  }
}
