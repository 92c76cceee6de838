package dev.rumbl.web;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Outcome;
import io.vertx.core.json.JsonObject;

/**
 * The observer's feed, a process registered as {@code observer}: every {@value #PERIOD_MS} ms it
 * takes a snapshot of the application's supervision tree and, when it differs from the last one
 * published, publishes it to {@value #ADDRESS} in the shape of {@code GET /api/supervisors}, with
 * {@code node} naming this node (on a cluster, every node's feed reaches every bridge socket). So a
 * change reaches viewers within about {@value #PERIOD_MS} ms, and they get at most one tree per
 * period. The next snapshot is only taken once the previous one is done; a failed snapshot (a
 * supervisor exiting in the middle) is simply retried at the next tick.
 */
public final class TreePublisher extends GenServer<JsonObject> {

  public static final String ADDRESS = "observer.tree";
  public static final Name NAME = Name.local("observer");
  public static final long PERIOD_MS = 250;

  private static final String TICK = "tick";
  private static final String PUBLISHED = "published";

  private final Name root;

  public TreePublisher(Name root) {
    this.root = root;
  }

  public static ChildSpec childSpec(Name root) {
    return ChildSpec.worker(NAME.value(), () -> new TreePublisher(root).named(NAME));
  }

  @Override
  protected Init<JsonObject> init() {
    node().sendAfter(self(), TICK, PERIOD_MS);
    return Init.ok(new JsonObject());
  }

  @Override
  protected Outcome<JsonObject> handleInfo(Object message, JsonObject last) {
    if (TICK.equals(message)) {
      SupervisionTree.of(node(), root).map(tree -> TreeJson.render(tree).put("node", node().id())).onComplete(snapshot -> {
        if (snapshot.succeeded() && !snapshot.result().equals(last)) {
          vertx.eventBus().publish(ADDRESS, snapshot.result());
          node().send(self(), new JsonObject().put(PUBLISHED, snapshot.result()));
        }
        node().sendAfter(self(), TICK, PERIOD_MS);
      });
      return noreply(last);
    }
    if (message instanceof JsonObject published && published.containsKey(PUBLISHED)) {
      return noreply(published.getJsonObject(PUBLISHED));
    }
    return super.handleInfo(message, last);
  }
}
