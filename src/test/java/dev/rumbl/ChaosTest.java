package dev.rumbl;

import dev.rumbl.config.AppConfig;
import dev.rumbl.config.ConfigLoader;
import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Node;
import dev.rumbl.testing.Chaos;
import dev.rumbl.testing.ChaosRun;
import dev.rumbl.testing.Healing;
import dev.rumbl.testing.Load;
import dev.rumbl.testing.OutcomeTally;
import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TreeSnapshot;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos under load, in CI: for {@value #DEFAULT_SECONDS} s (the system property
 * {@value #SECONDS_PROPERTY} shortens it on a developer's machine) clients compute, count and
 * annotate at a steady rate over HTTP and over the bridge, signed in and anonymous (whose
 * annotations must all be refused), while a chaos process kills a random
 * process of the tree every {@value ChaosRun#KILL_INTERVAL_MS} ms: workers, backends, the cache, counters,
 * channels, storage, whole sub-supervisors; only the root and the HTTP endpoint with its listeners are spared. Then
 * the tree is back in its declared shape under the same root, every request was answered with a
 * success or a clear error, every acknowledged annotation is stored exactly once, no InfoSys worker
 * is left, and the heap is back within a margin of where it started.
 */
@ExtendWith(VertxExtension.class)
class ChaosTest {

  static final String SECONDS_PROPERTY = "rumbl.chaos.seconds";
  static final long DEFAULT_SECONDS = 60;

  private static final Logger log = LoggerFactory.getLogger(ChaosTest.class);
  private static final long SEED = 20261126L;
  private static final long HEAP_MARGIN_BYTES = 64L * 1024 * 1024;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void underRandomKillsEveryRequestIsAnsweredNothingAcknowledgedIsLostAndTheTreeHeals(StoreKind store, Vertx vertx) throws InterruptedException {
    ChaosRun run = ChaosRun.start(vertx, SEED, store);
    TestApp app = run.app();
    Node node = run.node();
    OutcomeTally tally = run.tally();
    Load load = run.load();
    Chaos chaos = run.chaos();

    Thread.sleep(Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) * 1000);
    run.stopChaosAndDrainLoad();
    log.info("chaos: {} kills {}; requests {} {}; clear errors {}; samples {}",
      chaos.killCount(), chaos.kills(), tally.total(), tally.snapshot(), tally.reasons(), tally.samples());

    assertThat(chaos.killCount()).isGreaterThanOrEqualTo(Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) * 1000 / ChaosRun.KILL_INTERVAL_MS / 2);
    if (Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) >= DEFAULT_SECONDS) {
      assertThat(chaos.kills()).containsKeys(ChaosRun.FOCUS.toArray(String[]::new));
    }
    assertThat(tally.samples()).as("bad or hung requests").isEmpty();
    assertThat(tally.reasonCount(Load.VIEWER_CRASHED)).as("annotations lost with their viewer, at most one a viewer killed")
      .isLessThanOrEqualTo(chaos.kills().getOrDefault("videos.viewers/*", 0L));
    for (String operation : List.of("http compute", "http count", "http annotate", "bridge annotate", "bridge compute")) {
      assertThat(tally.count(operation, OutcomeTally.Outcome.OK)).as(operation + " successes").isPositive();
    }
    for (String operation : List.of("http annotate anonymous", "bridge annotate anonymous")) {
      assertThat(tally.count(operation, OutcomeTally.Outcome.OK)).as(operation + " successes").isZero();
      assertThat(tally.count(operation, OutcomeTally.Outcome.CLEAR)).as(operation + " refusals").isPositive();
    }
    TreeSnapshot healed = Healing.awaitShape(node, run.declared().shape());
    assertThat(healed.shape()).isEqualTo(run.declared().shape());
    assertThat(healed.report().children()).extracting(ChildInfo::id).containsExactlyElementsOf(declaredRootChildren());
    assertThat(node.whereis(RumblTree.ROOT).await()).isEqualTo(run.root());
    assertThat(Healing.awaitNoWorkers(node)).as("InfoSys workers left").isZero();
    assertStoredExactlyOnce(app, load);
    vertx.undeploy(load.deploymentID()).await();
    long heapAfter = Healing.usedHeapAfterGc();
    log.info("chaos: heap after GC {} MB before, {} MB after", run.heapBefore() >> 20, heapAfter >> 20);
    assertThat(heapAfter).as("heap after GC").isLessThan(run.heapBefore() + HEAP_MARGIN_BYTES);
    app.stop().await();
  }

  /** The ids of the root's children as {@link RumblTree} declares them. */
  private static List<String> declaredRootChildren() {
    return RumblTree.children(AppConfig.fromJson(ConfigLoader.load(TestApp.LOCAL_ONLY.copy(), Map.of()))).stream()
      .map(ChildSpec::id).toList();
  }

  private static void assertStoredExactlyOnce(TestApp app, Load load) {
    Healing.Stored stored = Healing.stored(app, load);
    Map<String, Long> acknowledged = load.acknowledged();
    log.info("chaos: {} annotations sent, {} acknowledged, {} stored", load.sent().size(), acknowledged.size(), stored.copies().size());
    assertThat(acknowledged).isNotEmpty();
    assertThat(load.sent()).containsAll(stored.copies().keySet());
    assertThat(stored.copies()).as("copies of each stored annotation").allSatisfy((body, count) -> assertThat(count).as(body).isEqualTo(1));
    assertThat(stored.ids()).as("acknowledged annotations as stored").containsAllEntriesOf(acknowledged);
  }
}
