package dev.rumbl.web;

import dev.rumbl.counter.Counter;
import dev.rumbl.counter.Counters;
import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * The counters API: create a named counter under the {@code counters} supervisor, increment and
 * decrement it (casts, answered 202 at once), read it, delete it. An unknown name, or the name of
 * a process that is not a counter, is 404 {@code noproc}. On a clustered node {@code "global": true}
 * registers the counter's name cluster-wide, and every route reaches it from every node; on a
 * node that is not clustered it is a 400. Every write (create, inc, dec, delete) is anonymous and
 * rate-limited per client address (429 with Retry-After); reads are not.
 */
final class CounterRoutes {

  static final String COLLECTION = "/api/counters";
  static final String ONE = COLLECTION + "/:name";

  private static final String NAME = "name";
  private static final String INITIAL = "initial";
  private static final String GLOBAL = "global";

  private final Node node;
  private final Counters counters;
  private final RateLimits limits;

  CounterRoutes(Node node, Counters counters, RateLimits limits) {
    this.node = node;
    this.counters = counters;
    this.limits = limits;
  }

  void mount(Router router) {
    router.post(COLLECTION).handler(this::limit).handler(this::create);
    router.get(ONE).handler(this::show);
    router.delete(ONE).handler(this::limit).handler(this::delete);
    router.post(ONE + "/inc").handler(this::limit).handler(ctx -> change(ctx, counters::inc, "inc"));
    router.post(ONE + "/dec").handler(this::limit).handler(ctx -> change(ctx, counters::dec, "dec"));
  }

  private void limit(RoutingContext ctx) {
    RateLimited.check(limits.counterWrite(Authentication.address(ctx)));
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String name = JsonBodies.string(body, NAME);
    if (!Counters.isValidName(name)) {
      throw Replies.badRequest("'name' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    int initial = JsonBodies.integer(body, INITIAL, 0);
    boolean global = JsonBodies.bool(body, GLOBAL, false);
    if (global && !node.isClustered()) {
      throw Replies.badRequest("'global' counters need a clustered node (start it with -cluster)");
    }
    Future<JsonObject> created = counters.start(name, initial, global ? Name.Scope.GLOBAL : Name.Scope.LOCAL)
      .compose(pid -> Counter.val(node, pid).map(value -> new JsonObject()
        .put(NAME, name).put("pid", pid.toString()).put("value", value).put(GLOBAL, global)));
    Replies.answer(ctx, created, json -> Replies.json(ctx, 201, json));
  }

  private void show(RoutingContext ctx) {
    String name = ctx.pathParam(NAME);
    Replies.answer(ctx, counters.value(name), value -> Replies.json(ctx, 200, new JsonObject().put(NAME, name).put("value", value)));
  }

  private void change(RoutingContext ctx, Function<String, Future<Pid>> operation, String op) {
    String name = ctx.pathParam(NAME);
    Replies.answer(ctx, operation.apply(name), pid -> Replies.json(ctx, 202, new JsonObject().put(NAME, name).put("accepted", op)));
  }

  private void delete(RoutingContext ctx) {
    Replies.answer(ctx, counters.delete(ctx.pathParam(NAME)), done -> Replies.noContent(ctx));
  }
}
