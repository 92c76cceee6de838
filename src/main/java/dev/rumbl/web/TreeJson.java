package dev.rumbl.web;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.SupervisorReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Renders a {@link SupervisionTree} as the JSON of {@code GET /api/supervisors}: for each
 * supervisor its name, pid, strategy, intensity, restarts so far, child counts and listed
 * children; each child has its id, pid (null when not running), status, type, restart type and
 * how many times it has been restarted ({@code restarted}), and a child supervisor carries its own
 * supervisor fields, recursively ({@code restarts}: the restarts it made).
 */
final class TreeJson {

  private TreeJson() {
  }

  static JsonObject render(SupervisionTree tree) {
    SupervisorReport report = tree.report();
    JsonArray children = new JsonArray();
    for (ChildInfo child : report.children()) {
      JsonObject json = new JsonObject()
        .put("id", child.id())
        .put("pid", child.pid() == null ? null : child.pid().toString())
        .put("status", lower(child.status()))
        .put("type", lower(child.type()))
        .put("restart", lower(child.restart()))
        .put("restarted", child.restarts());
      SupervisionTree below = child.pid() == null ? null : tree.subtrees().get(child.pid());
      if (below != null) {
        json.mergeIn(render(below));
      }
      children.add(json);
    }
    return new JsonObject()
      .put("name", report.name() == null ? null : report.name().toString())
      .put("pid", report.pid().toString())
      .put("strategy", lower(report.strategy()))
      .put("intensity", new JsonObject().put("maxRestarts", report.maxRestarts()).put("maxSeconds", report.maxSeconds()))
      .put("restarts", report.restarts())
      .put("counts", new JsonObject()
        .put("specs", report.counts().specs())
        .put("active", report.counts().active())
        .put("supervisors", report.counts().supervisors())
        .put("workers", report.counts().workers()))
      .put("listed", children.size())
      .put("children", children);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
