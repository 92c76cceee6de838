package dev.rumbl.testing;

import dev.rumbl.RumblTree;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak (not part of the test suite; run by {@code scripts/soak.sh}): the chaos test's load and
 * chaos against the whole application for {@code -Dsoak.minutes} (default {@value #DEFAULT_MINUTES}),
 * printing one summary line a minute (requests and their outcomes, kills, restarts counted by the
 * live supervisors, heap after GC, live processes, monitors, timers, names) so that a slow leak
 * shows as a trend. At the end it stops the chaos, drains the load, checks what the chaos test
 * checks, prints the classes whose live bytes grew most since the end of minute
 * {@value #BASELINE_MINUTE} (what a rising heap is made of), the verdict, and exits 0 when
 * everything held, 1 otherwise.
 */
final class Soak {

  static final long DEFAULT_MINUTES = 240;
  private static final long SUMMARY_MS = 60_000;
  private static final long SEED = 20261126L;
  /** The minute after which the class histogram that growth is measured from is taken: the load is steady by then. */
  static final long BASELINE_MINUTE = 2;
  private static final int GROWING_CLASSES = 12;

  private Soak() {
  }

  public static void main(String[] args) throws InterruptedException {
    long minutes = Long.getLong("soak.minutes", DEFAULT_MINUTES);
    Vertx vertx = Vertx.vertx();
    ChaosRun run = ChaosRun.start(vertx, SEED);
    TestApp app = run.app();
    Node node = run.node();
    long heapBefore = run.heapBefore();
    OutcomeTally tally = run.tally();
    Load load = run.load();
    Chaos chaos = run.chaos();
    System.out.printf("soak: %d minutes on port %d, heap after GC at start %d MB%n", minutes, app.port(), heapBefore >> 20);

    long started = System.currentTimeMillis();
    ClassGrowth baseline = null;
    for (long minute = 1; minute <= minutes; minute++) {
      Thread.sleep(Math.max(0, started + minute * SUMMARY_MS - System.currentTimeMillis()));
      System.out.println(summary(minute, node, tally, chaos, load));
      if (minute == Math.min(BASELINE_MINUTE, minutes)) {
        baseline = ClassGrowth.histogram();
      }
    }
    List<String> growth = ClassGrowth.histogram().topGrowthSince(baseline, GROWING_CLASSES);
    System.out.printf("soak: live bytes grown most from minute %d to minute %d, by class: %s%n", Math.min(BASELINE_MINUTE, minutes), minutes, growth);

    run.stopChaosAndDrainLoad();
    List<String> failures = verdict(app, run.root(), run.declared(), tally, load);
    vertx.undeploy(load.deploymentID()).await();
    long heapAfter = Healing.usedHeapAfterGc();
    System.out.printf("soak: ran %s; %d requests %s; clear errors %s; kills %s; heap after GC %d MB at start, %d MB at the end%n",
      Duration.ofMillis(System.currentTimeMillis() - started), tally.total(), tally.snapshot(), tally.reasons(), chaos.kills(),
      heapBefore >> 20, heapAfter >> 20);
    System.out.println(failures.isEmpty() ? "soak: PASSED" : "soak: FAILED " + failures);
    app.stop().await();
    vertx.close().await();
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static String summary(long minute, Node node, OutcomeTally tally, Chaos chaos, Load load) throws InterruptedException {
    int restarts = TreeSnapshot.of(node, RumblTree.ROOT).map(TreeSnapshot::restarts).otherwise(-1).await();
    return String.format("soak: minute %d: requests %d (ok %d, clear %d, bad %d, hung %d), acknowledged annotations %d, kills %d,"
        + " restarts %d, heap %d MB, processes %d, monitors %d, timers %d, names %d",
      minute, tally.total(), tally.count(OutcomeTally.Outcome.OK), tally.count(OutcomeTally.Outcome.CLEAR), tally.count(OutcomeTally.Outcome.BAD),
      tally.count(OutcomeTally.Outcome.HUNG), load.acknowledged().size(), chaos.killCount(), restarts, Healing.usedHeapAfterGc() >> 20,
      node.processCount(), node.monitorCount(), node.timerCount(), node.localNameCount().await());
  }

  private static List<String> verdict(TestApp app, Pid root, TreeSnapshot declared, OutcomeTally tally, Load load) throws InterruptedException {
    Node node = app.node();
    List<String> failures = new ArrayList<>();
    if (!tally.samples().isEmpty()) {
      failures.add("bad or hung requests: " + tally.samples());
    }
    if (!Healing.awaitShape(node, declared.shape()).shape().equals(declared.shape())) {
      failures.add("the tree is not in its declared shape");
    }
    if (!root.equals(node.whereis(RumblTree.ROOT).await())) {
      failures.add("the root supervisor was replaced");
    }
    int workers = Healing.awaitNoWorkers(node);
    if (workers > 0) {
      failures.add(workers + " InfoSys workers left");
    }
    Healing.Stored stored = Healing.stored(app, load);
    Map<String, Long> acknowledged = load.acknowledged();
    if (stored.copies().values().stream().anyMatch(copies -> copies != 1)) {
      failures.add("an annotation is stored more than once");
    }
    if (!stored.ids().entrySet().containsAll(acknowledged.entrySet())) {
      failures.add("an acknowledged annotation is missing");
    }
    System.out.printf("soak: %d annotations sent, %d acknowledged, %d stored%n", load.sent().size(), acknowledged.size(), stored.copies().size());
    return failures;
  }
}
