package dev.rumbl.web;

import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The observer's reading routes. {@code GET /api/processes/{name-or-pid}}: the process's info (see
 * {@link ProcessInfoJson}) for a registered name or a pid of this node ({@code #PID<address>} or
 * the bare address), 404 {@code {"error":"noproc"}} when none lives there; with the admin token it
 * also carries {@code state}, the process's own summary of its state ({@link Node#processState},
 * asked with a {@value #STATE_TIMEOUT_MS} ms timeout), which can hold user data, so it is never
 * shown to the public. A target longer than {@value #MAX_TARGET} characters is a 400.
 * {@code GET /api/observer/load}: the last five minutes of load samples (see {@link LoadSampler}),
 * {@code {"periodMs", "samples": [...]}}, oldest first.
 */
final class ObserverRoutes {

  static final String INFO = "/api/processes/:target";
  static final String LOAD = "/api/observer/load";
  static final int MAX_TARGET = 256;
  static final long STATE_TIMEOUT_MS = 1000;

  private static final String PID_PREFIX = "#PID<";
  private static final String PID_SUFFIX = ">";

  private final Node node;
  private final AdminToken adminToken;

  ObserverRoutes(Node node, AdminToken adminToken) {
    this.node = node;
    this.adminToken = adminToken;
  }

  void mount(Router router) {
    router.get(INFO).handler(this::info);
    router.get(LOAD).handler(this::load);
  }

  private void info(RoutingContext ctx) {
    String target = ctx.pathParam("target");
    if (target.length() > MAX_TARGET) {
      throw Replies.badRequest("a process is named by at most " + MAX_TARGET + " characters");
    }
    boolean admin = adminToken.permits(ctx);
    Future<JsonObject> info = resolve(target).compose(pid -> {
      JsonObject json = node.processInfo(pid).map(ProcessInfoJson::render).orElse(null);
      if (json == null) {
        return Future.failedFuture(new ExitException(ExitReason.noproc()));
      }
      if (!admin) {
        return Future.succeededFuture(json);
      }
      return node.processState(pid, STATE_TIMEOUT_MS)
        .map(state -> json.put("state", state))
        .otherwise(failure -> json.put("state", null).put("stateError", ExitReason.of(failure).toString()));
    });
    Replies.answer(ctx, info, json -> Replies.json(ctx, 200, json));
  }

  private void load(RoutingContext ctx) {
    Replies.answer(ctx, LoadSampler.samples(node), samples -> Replies.json(ctx, 200, new JsonObject()
      .put("periodMs", LoadSampler.PERIOD_MS)
      .put("samples", samples)));
  }

  /** The pid registered under target, else the pid of this node's live process at the address target names. */
  private Future<Pid> resolve(String target) {
    Future<Pid> named = target.isBlank() ? Future.succeededFuture() : node.whereis(Name.local(target));
    return named.map(pid -> {
      if (pid != null) {
        return pid;
      }
      String address = target.startsWith(PID_PREFIX) && target.endsWith(PID_SUFFIX)
        ? target.substring(PID_PREFIX.length(), target.length() - PID_SUFFIX.length())
        : target;
      Pid found = node.pidAt(address);
      if (found == null) {
        throw new ExitException(ExitReason.noproc());
      }
      return found;
    });
  }
}
