package dev.rumbl.testing;

import dev.rumbl.RumblTree;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * The whole application under the chaos test's load and chaos, as the chaos test and the soak both
 * run it: what was true before the chaos began (root, declared tree, heap), and the load and chaos
 * that run until {@link #stopChaosAndDrainLoad()}.
 */
public record ChaosRun(TestApp app, Pid root, TreeSnapshot declared, long heapBefore, OutcomeTally tally, Load load, Chaos chaos, Pid chaosPid) {

  /** A process of the tree is killed every so many milliseconds. */
  public static final long KILL_INTERVAL_MS = 2500;
  /**
   * Well past the application's own timeouts (a call's and the bridge's reply timeout, both
   * {@value Node#DEFAULT_CALL_TIMEOUT_MS} ms), so that a request one of them times out is a clear
   * error, not a hung one.
   */
  static final long HUNG_MS = 3 * Node.DEFAULT_CALL_TIMEOUT_MS;
  /** How long the tree has, once the chaos stops, to serve every bridge socket of the load again. */
  static final long RECOVERY_MS = 20_000;
  static final Load.Settings SETTINGS = new Load.Settings(20, 2, 100, HUNG_MS, 2, 3);
  /** The children of the root the chaos never kills. */
  static final Set<String> SPARED = Set.of(HttpEndpoint.SUPERVISOR);
  /** The kinds the chaos kills first, each once before any is killed twice: a whole run kills every one of them. */
  public static final Set<String> FOCUS = Set.of("video.storage", "infosys", "infosys/infosys.backends", "infosys/infosys.cache",
    "infosys/infosys.workers", "counters", "counters/*", "counter", "videos.channels", "videos.channels/*", "videos.sockets/*", "videos.viewers/*");

  /** The load is one user a protocol writing far faster than a person: rate limits are another test's subject (RateLimitsTest). */
  static final JsonObject UNLIMITED = new JsonObject().put("annotationsPerSecond", 1_000_000).put("annotationsBurst", 1_000_000)
    .put("counterWritesPerMinute", 1_000_000);

  public static ChaosRun start(Vertx vertx, long seed) throws InterruptedException {
    return start(vertx, seed, StoreKind.H2);
  }

  /** A run whose application stores in new, empty storage of the given kind. */
  public static ChaosRun start(Vertx vertx, long seed, StoreKind store) throws InterruptedException {
    TestApp app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy().mergeIn(store.appOverrides()).put("limits", UNLIMITED)).await();
    Node node = app.node();
    Pid root = node.whereis(RumblTree.ROOT).await();
    TreeSnapshot declared = TreeSnapshot.of(node, RumblTree.ROOT).await();
    long heapBefore = Healing.usedHeapAfterGc();
    OutcomeTally tally = new OutcomeTally();
    Load load = new Load(app.port(), SETTINGS, tally, seed);
    vertx.deployVerticle(load).await();
    Chaos chaos = new Chaos(RumblTree.ROOT, SPARED, FOCUS, KILL_INTERVAL_MS, seed);
    Pid chaosPid = node.spawn(chaos).await();
    return new ChaosRun(app, root, declared, heapBefore, tally, load, chaos, chaosPid);
  }

  public Node node() {
    return app.node();
  }

  /** Stops the chaos, then waits until every request of the load has been answered or declared hung. */
  /**
   * Stops the chaos, then waits until every bridge socket of the load is served again (a connection
   * the chaos left broken fails here, within {@value #RECOVERY_MS} ms), then drains the load.
   */
  public void stopChaosAndDrainLoad() {
    node().stop(chaosPid, ExitReason.shutdown()).await();
    load.awaitBridgeServes(RECOVERY_MS).await();
    load.drain().await();
  }
}
