package dev.rumbl.infosys;

import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.Shutdown;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The information system: a question goes to several backends at once, the answers are gathered
 * under one deadline, the best by score come back.
 *
 * <p>{@link #childSpec} is the whole subtree for the application's supervisor: a one_for_one
 * supervisor ({@value #SUPERVISOR}) of the backends' owner, the {@link Cache}, the
 * simple_one_for_one supervisor of temporary workers ({@value #WORKERS}) and the event-bus
 * endpoint at {@value #ADDRESS}.
 *
 * <p>{@link #compute} may be called from any thread; its Future completes on the caller's
 * context. Cached answers are used as they are; every other backend gets one worker; one timer
 * bounds the whole compute; stragglers are killed, crashed workers contribute nothing; results
 * are sorted by score, highest first, and cut to the limit. When the Future completes, no worker,
 * timer or monitor of the compute is left. It fails with {@link InvalidQuery} for an invalid
 * request or a backend that is not enabled, and with IllegalStateException when InfoSys is not
 * running on this node.
 */
public final class InfoSys {

  /** The event-bus address of compute; see {@link ComputeEndpoint} for the protocol. */
  public static final String ADDRESS = "infosys.compute";
  public static final String SUPERVISOR = "infosys";
  public static final String WORKERS = "infosys.workers";
  public static final int FAILURE_INVALID = 400;
  public static final int FAILURE_INTERNAL = 500;

  private static final Name WORKERS_NAME = Name.local(WORKERS);

  private InfoSys() {
  }

  /**
   * The InfoSys subtree, configured from the application configuration's {@value
   * InfoSysConfig#SECTION} object; throws IllegalArgumentException naming an invalid key.
   */
  public static ChildSpec childSpec(JsonObject config) {
    Object section = config.getValue(InfoSysConfig.SECTION);
    if (section != null && !(section instanceof JsonObject)) {
      throw new IllegalArgumentException("configuration " + InfoSysConfig.SECTION + " must be an object");
    }
    return childSpec(InfoSysConfig.fromJson((JsonObject) section), BackendCatalog.standard());
  }

  /** The subtree with the given backends; throws IllegalArgumentException when a configured backend is not in the catalog. */
  public static ChildSpec childSpec(InfoSysConfig config, BackendCatalog catalog) {
    config.backends().forEach(catalog::factory);
    ChildSpec workers = ChildSpec.template("worker", (Backend backend) -> new Worker(backend).quiet())
      .withRestart(Restart.TEMPORARY)
      .withShutdown(Shutdown.brutalKill());
    SupervisorSpec tree = SupervisorSpec.oneForOne(
      ChildSpec.worker(Backends.NAME, () -> new Backends(config, catalog).named(Backends.NAME)),
      ChildSpec.worker(Cache.NAME, () -> new Cache(config.cacheClearMs()).named(Cache.NAME)),
      ChildSpec.supervisor(WORKERS, () -> new Supervisor(SupervisorSpec.simpleOneForOne(workers)).named(WORKERS_NAME)),
      ChildSpec.worker(ComputeEndpoint.NAME, () -> new ComputeEndpoint().named(ComputeEndpoint.NAME)));
    return ChildSpec.supervisor(SUPERVISOR, () -> new Supervisor(tree).named(SUPERVISOR));
  }

  public static Future<List<Result>> compute(Node node, String query) {
    return compute(node, query, ComputeOptions.defaults());
  }

  public static Future<List<Result>> compute(Node node, String query, ComputeOptions options) {
    try {
      return compute(node, new ComputeRequest(query, options));
    } catch (InvalidQuery invalid) {
      return Future.failedFuture(invalid);
    }
  }

  /** Computes an already validated request, such as one read by {@link ComputeRequest#fromJson}. */
  public static Future<List<Result>> compute(Node node, ComputeRequest request) {
    Vertx vertx = node.vertx();
    Backends.Enabled enabled = Backends.enabled(vertx);
    if (enabled == null) {
      return Future.failedFuture(new IllegalStateException("InfoSys is not running on this node"));
    }
    List<Backend> backends;
    try {
      backends = enabled.select(request.options().backends());
    } catch (InvalidQuery invalid) {
      return Future.failedFuture(invalid);
    }
    int limit = request.options().limit();
    List<Result> cached = new ArrayList<>();
    List<Backend> uncached = new ArrayList<>();
    for (Backend backend : backends) {
      Cache.fetch(vertx, new Cache.Key(backend.name(), request.query(), limit))
        .ifPresentOrElse(cached::addAll, () -> uncached.add(backend));
    }
    if (uncached.isEmpty()) {
      return Future.succeededFuture(best(cached, limit));
    }
    Context caller = Vertx.currentContext();
    Promise<List<Result>> done = Promise.promise();
    node.spawn(new Gather(request, uncached, cached, WORKERS_NAME, done).quiet()).onFailure(done::tryFail);
    return onContext(caller, done.future());
  }

  /** The results sorted by score, highest first, cut to limit. */
  static List<Result> best(List<Result> results, int limit) {
    return results.stream().sorted(Result.BY_SCORE).limit(limit).toList();
  }

  private static <T> Future<T> onContext(Context context, Future<T> future) {
    if (context == null) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(outcome -> context.runOnContext(ignored -> promise.handle(outcome)));
    return promise.future();
  }
}
