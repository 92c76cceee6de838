package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Futures;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.PartitionSupervisor;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Placement;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.ShutdownPolicy;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The information system: a question goes to several backends at once, the answers are gathered
 * under one deadline, the best by score come back.
 *
 * <p>{@link #childSpec} is the whole subtree for the application's supervisor: a one_for_one
 * supervisor ({@value #SUPERVISOR}) of the backends' owner, the {@link Cache}, the partition
 * supervisor ({@value #WORKERS}) of one simple_one_for_one supervisor of temporary workers per event
 * loop ({@value #WORKERS}.0, .1, ...), the {@link RemoteWorkers}
 * that lend this node's backends to other nodes of a cluster, and the event-bus endpoint at
 * {@value #ADDRESS}.
 *
 * <p>{@link #compute} may be called from any thread; its Future completes on the caller's
 * context. Cached answers are used as they are; every other backend gets one worker; one timer
 * bounds the whole compute; stragglers are killed, crashed workers contribute nothing; results
 * are sorted by score, highest first, and cut to the limit. When the Future completes, no worker,
 * timer or monitor of the compute is left. It fails with {@link InvalidQuery} for an invalid
 * request or a backend that is not enabled, with IllegalStateException when InfoSys is not
 * running on this node, and at once with {@link Overloaded} when {@code infosys.maxConcurrentComputes}
 * computes are in flight on this node already: nothing queues for a slot.
 *
 * <p>On a clustered node, a backend that is not enabled here but is on other nodes (as the
 * {@link BackendDirectory} tells) is asked there, under the same deadline, kill and ranking rules;
 * with no backend names given, every backend of the cluster is asked once, here when it can be.
 * A worker on another node is not waited for past the deadline: when its node dies, the compute
 * still completes by its deadline with the other backends' results.
 */
public final class InfoSys {

  /** The event-bus address of compute; see {@link ComputeEndpoint} for the protocol. */
  public static final String ADDRESS = "infosys.compute";
  public static final String SUPERVISOR = "infosys";
  public static final String WORKERS = "infosys.workers";
  public static final int FAILURE_INVALID = 400;
  public static final int FAILURE_INTERNAL = 500;
  public static final int FAILURE_OVERLOADED = 503;

  /**
   * The workers' supervisors: one simple_one_for_one supervisor of temporary workers per event
   * loop, each starting its workers on its own loop, so that a compute's workers run on its
   * caller's loop and its starts and exits do not queue behind one supervisor's mailbox. Workers
   * are started by the thousand and open nothing of Vert.x's own (a backend's HTTP client belongs
   * to {@link Backends}), so they run on their loop's shared context with no event-bus consumer of
   * their own ({@link dev.rumbl.otp.Process#withSharedContext()},
   * {@link dev.rumbl.otp.Process#withoutBusConsumer()}): a compute then starts and ends three
   * processes without creating and closing three contexts and consumers.
   */
  static final PartitionSupervisor WORKER_SUPERVISORS = PartitionSupervisor.of(Name.local(WORKERS),
    ChildSpec.supervisor("workers", () -> new Supervisor(SupervisorSpec.simpleOneForOne(
      ChildSpec.template("worker", (Worker.Assignment assignment) ->
          new Worker(assignment).quiet().withoutBusConsumer().withSharedContext())
        .withRestart(Restart.TEMPORARY)
        .withShutdown(ShutdownPolicy.brutalKill())
        .withPlacement(Placement.supervisorLoop())))));
  private static final Logger log = LoggerFactory.getLogger(InfoSys.class);

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
    SupervisorSpec tree = SupervisorSpec.oneForOne(
      ChildSpec.worker(Backends.NAME, () -> new Backends(config, catalog).named(Backends.NAME)),
      ChildSpec.worker(Cache.NAME, () -> new Cache(config.cacheMaxEntries(), config.cacheClearMs()).named(Cache.NAME)),
      WORKER_SUPERVISORS.childSpec(),
      ChildSpec.worker(RemoteWorkers.NAME, () -> new RemoteWorkers(WORKER_SUPERVISORS).named(RemoteWorkers.NAME)),
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
    Backends.Enabled enabled = Backends.enabled(node.vertx());
    if (enabled == null) {
      return Future.failedFuture(new IllegalStateException("InfoSys is not running on this node"));
    }
    ComputeSlots slots = enabled.slots();
    if (!slots.tryAcquire()) {
      return Future.failedFuture(new Overloaded());
    }
    long started = System.nanoTime();
    ComputeTimes times = enabled.times();
    try {
      return computeWithin(node, request, enabled).andThen(done -> {
        slots.release();
        times.record(System.nanoTime() - started);
      });
    } catch (RuntimeException bug) {
      slots.release();
      throw bug;
    }
  }

  /**
   * The computes in flight on this node, each counted from its start until its Future completes
   * (0 when InfoSys is not running).
   */
  public static int computesInFlight(Vertx vertx) {
    Backends.Enabled enabled = Backends.enabled(vertx);
    return enabled == null ? 0 : enabled.slots().inFlight();
  }

  private static Future<List<Result>> computeWithin(Node node, ComputeRequest request, Backends.Enabled enabled) {
    Context caller = Vertx.currentContext();
    if (!node.isClustered()) {
      return run(node, request, enabled, Map.of());
    }
    return Futures.on(caller, BackendDirectory.offers(node)
      .recover(unreadable -> {
        log.warn("the backend directory could not be read, computing with this node's backends: {}", unreadable.toString());
        return Future.succeededFuture(Map.of());
      })
      .compose(offers -> run(node, request, enabled, offers)));
  }

  /** The compute, its results on the calling context ({@link Node#detached} brings them back there). */
  private static Future<List<Result>> run(Node node, ComputeRequest request, Backends.Enabled enabled,
                                          Map<String, List<Pid>> offers) {
    List<Source> sources;
    try {
      sources = BackendDirectory.select(enabled, offers, request.options().backends());
    } catch (InvalidQuery invalid) {
      return Future.failedFuture(invalid);
    }
    Map<String, List<Result>> held = Cache.fetch(node.vertx(), request.question());
    List<Result> cached = new ArrayList<>();
    List<Source> uncached = new ArrayList<>();
    for (Source source : sources) {
      List<Result> answer = held.get(source.backend());
      if (answer != null) {
        cached.addAll(answer);
      } else {
        uncached.add(source);
      }
    }
    if (uncached.isEmpty()) {
      return Future.succeededFuture(best(cached, request.options().limit()));
    }
    return node.detached(() -> new Gathering(node, request, uncached, cached, WORKER_SUPERVISORS, enabled.outcomes()).run());
  }

  /** The workers running on this node, counted over every worker supervisor. */
  public static Future<ChildCounts> countWorkers(Node node) {
    return WORKER_SUPERVISORS.countPartitionChildren(node);
  }

  /** The results sorted by score, highest first, cut to limit. */
  static List<Result> best(List<Result> results, int limit) {
    List<Result> sorted = new ArrayList<>(results);
    sorted.sort(Result.BY_SCORE);
    return List.copyOf(sorted.size() > limit ? sorted.subList(0, limit) : sorted);
  }
}
