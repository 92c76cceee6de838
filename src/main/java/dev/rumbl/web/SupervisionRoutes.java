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

import java.util.Map;

/**
 * The observer's routes: {@code GET /api/supervisors} shows the whole tree from the root (with
 * {@code ?node=ID}, another cluster member's, see {@link ObserverRoutes}; {@code node} names the
 * node whose tree it is), and
 * {@code POST /api/processes/{name-or-pid}/exit} sends an exit signal to a process, as killing a
 * process from Erlang's observer does (admin token required). The target is a registered name or
 * a pid as the tree shows it ({@code #PID<address>}, or the bare address); a pid must belong to a
 * process of the tree. The signal comes from no process, so OTP's rules apply: {@code kill} always
 * kills, {@code normal} is ignored by a process that does not trap exits, and a supervisor (which
 * traps exits) ignores every signal but {@code kill}. The signal is sent once the 202 has been
 * written, so that even the HTTP endpoint itself can be killed through this route.
 */
final class SupervisionRoutes {

  static final String TREE = "/api/supervisors";
  static final String EXIT = "/api/processes/:target/exit";

  private static final String PID_PREFIX = "#PID<";
  private static final String PID_SUFFIX = ">";
  private static final Map<String, ExitReason> REASONS = Map.of(
    "kill", ExitReason.kill(),
    "crash", ExitReason.crash("crash requested by the operator"),
    "normal", ExitReason.normal(),
    "shutdown", ExitReason.shutdown());

  private final Node node;
  private final Name root;
  private final ObserverQueries queries;
  private final AdminToken adminToken;

  SupervisionRoutes(Node node, Name root, ObserverQueries queries, AdminToken adminToken) {
    this.node = node;
    this.root = root;
    this.queries = queries;
    this.adminToken = adminToken;
  }

  void mount(Router router) {
    router.get(TREE).handler(this::tree);
    router.post(EXIT).handler(adminToken::check).handler(this::exit);
  }

  private void tree(RoutingContext ctx) {
    Replies.answer(ctx, queries.ask(ObserverRoutes.chosenNode(ctx), ObserverQueries.tree()), tree -> Replies.json(ctx, 200, tree));
  }

  private void exit(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String reasonName = JsonBodies.string(body, "reason");
    ExitReason reason = REASONS.get(reasonName);
    if (reason == null) {
      throw Replies.badRequest("'reason' must be one of kill, crash, normal, shutdown");
    }
    String target = ctx.pathParam("target");
    Replies.answer(ctx, resolve(target), pid -> Replies.json(ctx, 202, new JsonObject()
        .put("target", target).put("pid", pid.toString()).put("reason", reasonName))
      .onComplete(written -> node.exit(pid, reason)));
  }

  private Future<Pid> resolve(String target) {
    return node.whereis(Name.local(target)).compose(pid -> pid != null ? Future.succeededFuture(pid) : byAddress(target));
  }

  private Future<Pid> byAddress(String target) {
    String address = target.startsWith(PID_PREFIX) && target.endsWith(PID_SUFFIX)
      ? target.substring(PID_PREFIX.length(), target.length() - PID_SUFFIX.length())
      : target;
    return SupervisionTree.of(node, root).compose(tree -> tree.findByAddress(address)
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(new ExitException(ExitReason.noproc()))));
  }
}
