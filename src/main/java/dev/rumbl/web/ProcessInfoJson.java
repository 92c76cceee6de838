package dev.rumbl.web;

import dev.rumbl.otp.Pid;
import dev.rumbl.otp.ProcessInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ProcessInfo} as the JSON of {@code GET /api/processes/{name-or-pid}}: pids as
 * the tree shows them ({@code #PID<address>}), the status in lower case, the start time in ISO-8601,
 * the module as the class's simple name. The state is not here: only an admin sees it, added by the route.
 */
final class ProcessInfoJson {

  private ProcessInfoJson() {
  }

  static JsonObject render(ProcessInfo info) {
    return new JsonObject()
      .put("pid", info.pid().toString())
      .put("name", info.name() == null ? null : info.name().toString())
      .put("status", info.status().name().toLowerCase(Locale.ROOT))
      .put("messageQueueLen", info.messageQueueLen())
      .put("messagesHandled", info.messagesHandled())
      .put("links", pids(info.links()))
      .put("monitors", pids(info.monitors()))
      .put("monitoredBy", pids(info.monitoredBy()))
      .put("supervisor", info.supervisor() == null ? null : info.supervisor().toString())
      .put("currentCall", info.currentCall())
      .put("callsOwed", info.callsOwed())
      .put("startedAt", info.startedAt().toString())
      .put("module", info.module().substring(info.module().lastIndexOf('.') + 1));
  }

  private static JsonArray pids(List<Pid> pids) {
    return new JsonArray(pids.stream().map(pid -> (Object) pid.toString()).toList());
  }
}
