package dev.rumbl.web;

import dev.rumbl.otp.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The observer's reading routes, each for this node or, with {@code ?node=ID}, for another member
 * of the cluster, asked through its {@link ObserverHost} (a 404 {@code {"error":"no such node"}}
 * for an id that is not a member). {@code GET /api/processes/{name-or-pid}}: the process's info
 * (see {@link ProcessInfoJson}) for a registered name or a pid of that node ({@code #PID<address>}
 * or the bare address), 404 {@code {"error":"noproc"}} when none lives there; with the admin token
 * it also carries {@code state}, the process's own summary of its state ({@code Node.processState},
 * asked with a {@value ObserverQueries#STATE_TIMEOUT_MS} ms timeout), which can hold user data, so
 * it is never shown to the public. A target longer than {@value #MAX_TARGET} characters is a 400.
 * {@code GET /api/observer/load}: the last five minutes of load samples (see {@link LoadSampler}),
 * {@code {"node", "periodMs", "samples": [...]}}, oldest first. {@code GET /api/observer/nodes}:
 * {@code {"self": this node's id, "nodes": [every member's id, sorted]}}.
 */
final class ObserverRoutes {

  static final String INFO = "/api/processes/:target";
  static final String LOAD = "/api/observer/load";
  static final String NODES = "/api/observer/nodes";
  static final String NODE_PARAM = "node";
  static final int MAX_TARGET = 256;

  private final Node node;
  private final ObserverQueries queries;
  private final AdminToken adminToken;

  ObserverRoutes(Node node, ObserverQueries queries, AdminToken adminToken) {
    this.node = node;
    this.queries = queries;
    this.adminToken = adminToken;
  }

  void mount(Router router) {
    router.get(INFO).handler(this::info);
    router.get(LOAD).handler(this::load);
    router.get(NODES).handler(this::nodes);
  }

  /** The node a request asks about: its {@code node} query parameter, or null for this node. */
  static String chosenNode(RoutingContext ctx) {
    List<String> chosen = ctx.queryParam(NODE_PARAM);
    return chosen.isEmpty() || chosen.get(0).isEmpty() ? null : chosen.get(0);
  }

  private void info(RoutingContext ctx) {
    String target = ctx.pathParam("target");
    if (target.length() > MAX_TARGET) {
      throw Replies.badRequest("a process is named by at most " + MAX_TARGET + " characters");
    }
    Replies.answer(ctx, queries.ask(chosenNode(ctx), ObserverQueries.info(target, adminToken.permits(ctx))),
      json -> Replies.json(ctx, 200, json));
  }

  private void load(RoutingContext ctx) {
    Replies.answer(ctx, queries.ask(chosenNode(ctx), ObserverQueries.load()), json -> Replies.json(ctx, 200, json));
  }

  private void nodes(RoutingContext ctx) {
    List<String> members = new ArrayList<>(node.nodes());
    members.sort(null);
    Replies.json(ctx, 200, new JsonObject().put("self", node.id()).put("nodes", new JsonArray(new ArrayList<>(members))));
  }
}
