package dev.rumbl.web;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Outcome;
import io.vertx.core.json.JsonObject;

/**
 * Answers the observers of other nodes about this one (its tree, its load, its processes' info;
 * see {@link ObserverQueries}), as {@code counters.host} answers about counters: on a clustered
 * node it registers as the global name {@link #of(String) observer@NODE} and answers each JSON
 * request with the JSON this node's own routes would show, or {@code {"error": reason}} when it
 * fails (such as {@code noproc}). On a node that is not clustered it registers nothing and nobody
 * calls it. It only reads: the kill route never goes through it.
 */
public final class ObserverHost extends GenServer<ObserverQueries> {

  static final String ID = "observer.host";

  private final Name root;

  public ObserverHost(Name root) {
    this.root = root;
  }

  public static ChildSpec childSpec(Name root) {
    return ChildSpec.worker(ID, () -> new ObserverHost(root));
  }

  /** The global name of the observer host of a node. */
  public static Name of(String nodeId) {
    return Name.global("observer@" + nodeId);
  }

  @Override
  protected Init<ObserverQueries> init() {
    ObserverQueries queries = new ObserverQueries(node(), root);
    if (!node().isClustered()) {
      return Init.ok(queries);
    }
    return Init.async(node().register(of(node().id()), self()).map(registered -> queries));
  }

  @Override
  protected Outcome<ObserverQueries> handleCall(Object request, From from, ObserverQueries queries) {
    if (request instanceof JsonObject json) {
      queries.answer(json).onComplete((answer, failure) -> from.reply(failure == null ? answer
        : new JsonObject().put(ObserverQueries.ERROR, ExitReason.of(failure).toString())));
      return noreply(queries);
    }
    return super.handleCall(request, from, queries);
  }

  @Override
  protected String formatStatus(ObserverQueries queries) {
    return "answering for node " + node().id();
  }
}
