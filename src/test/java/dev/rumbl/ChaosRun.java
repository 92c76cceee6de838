package dev.rumbl;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The whole application under the chaos test's load and chaos, as the chaos test and the soak both
 * run it: what was true before the chaos began (root, declared tree, heap), and the load and chaos
 * that run until {@link #stopChaosAndDrainLoad()}.
 */
record ChaosRun(TestApp app, Pid root, TreeSnapshot declared, long heapBefore, Tally tally, Load load, Chaos chaos, Pid chaosPid) {

  /** The load is one user a protocol writing far faster than a person: rate limits are another test's subject (RateLimitsTest). */
  static final JsonObject UNLIMITED = new JsonObject().put("annotationsPerSecond", 1_000_000).put("annotationsBurst", 1_000_000)
    .put("counterWritesPerMinute", 1_000_000);

  static ChaosRun start(Vertx vertx, long seed) throws InterruptedException {
    TestApp app = TestApp.start(vertx, VideoApiTest.LOCAL_ONLY.copy().put("limits", UNLIMITED)).await();
    Node node = app.node();
    Pid root = node.whereis(RumblTree.ROOT).await();
    TreeSnapshot declared = TreeSnapshot.of(node, RumblTree.ROOT).await();
    long heapBefore = Healing.usedHeapAfterGc();
    Tally tally = new Tally();
    Load load = new Load(app.port(), ChaosTest.SETTINGS, tally, seed);
    vertx.deployVerticle(load).await();
    Chaos chaos = new Chaos(RumblTree.ROOT, ChaosTest.SPARED, ChaosTest.KILL_INTERVAL_MS, seed);
    Pid chaosPid = node.spawn(chaos).await();
    return new ChaosRun(app, root, declared, heapBefore, tally, load, chaos, chaosPid);
  }

  Node node() {
    return app.node();
  }

  /** Stops the chaos, then waits until every request of the load has been answered or declared hung. */
  void stopChaosAndDrainLoad() {
    node().stop(chaosPid, ExitReason.shutdown()).await();
    load.drain().await();
  }
}
