package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.testing.Eventually;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class InfoSysTest {

  private static final Logger log = LoggerFactory.getLogger(InfoSysTest.class);

  private Vertx vertx;
  private Node node;
  private TestBackend fast;
  private TestBackend mid;
  private TestBackend slow;
  private TestBackend crashing;
  private Pid root;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    node = Node.of(vertx);
    fast = TestBackend.answering(vertx, "fast", 95, 10);
    mid = TestBackend.answering(vertx, "mid", 50, 50);
    slow = TestBackend.answering(vertx, "slow", 70, 10_000);
    crashing = TestBackend.crashing(vertx, "crashing");
  }

  private void startInfoSys(long cacheClearMs) {
    BackendCatalog catalog = BackendCatalog.standard()
      .with("fast", fast.factory()).with("mid", mid.factory()).with("slow", slow.factory()).with("crashing", crashing.factory());
    InfoSysConfig config = InfoSysConfig.defaults()
      .withBackends(List.of("local", "fast", "mid", "slow", "crashing", "wolfram"))
      .withCacheClearMs(cacheClearMs);
    root = Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, catalog))).await();
  }

  private List<Result> compute(String query, ComputeOptions options) {
    return InfoSys.compute(node, query, options).await();
  }

  private static ComputeOptions only(String... backends) {
    return ComputeOptions.defaults().withBackends(List.of(backends));
  }

  @Test
  void returnsTheBestResultsInTimeAndLeavesNoWorkerBehind() {
    startInfoSys(60_000);
    int processesBefore = node.processCount();
    int timersBefore = node.timerCount();
    int monitorsBefore = node.monitorCount();
    ChildCounts idle = InfoSys.countWorkers(node).await();

    long start = System.nanoTime();
    List<Result> results = compute("what is rumbl", only("fast", "mid", "slow", "crashing").withTimeout(500).withLimit(2));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    ChildCounts workers = InfoSys.countWorkers(node).await();

    log.info("fast/mid/slow/crashing compute with a 500 ms deadline took {} ms", elapsedMs);
    assertThat(results).extracting(Result::backend, Result::score).containsExactly(
      org.assertj.core.groups.Tuple.tuple("fast", 95), org.assertj.core.groups.Tuple.tuple("mid", 50));
    assertThat(elapsedMs).as("waited for the deadline, since slow never answered in time").isGreaterThanOrEqualTo(500);
    assertThat(workers.active()).isZero();
    assertThat(workers).isEqualTo(idle);
    assertThat(node.processCount()).isEqualTo(processesBefore);
    assertThat(node.timerCount()).isEqualTo(timersBefore);
    assertThat(node.monitorCount()).isEqualTo(monitorsBefore);
    assertThat(slow.queries).hasValue(1);
  }

  @Test
  void completesAsSoonAsEveryWorkerHasAnsweredOrCrashed() throws Exception {
    startInfoSys(60_000);

    List<Result> results = InfoSys.compute(node, "q", only("fast", "crashing", "mid").withTimeout(60_000))
      .await(20, TimeUnit.SECONDS);

    assertThat(results).extracting(Result::backend).containsExactly("fast", "mid");
  }

  @Test
  void eachWorkersEndingIsCountedForItsBackend() {
    startInfoSys(60_000);
    BackendOutcomes outcomes = BackendOutcomes.of(vertx);

    compute("how fast is rumbl", only("fast", "slow", "crashing").withTimeout(200));

    assertThat(outcomes.count("fast", BackendOutcomes.Kind.ANSWERED)).isEqualTo(1);
    assertThat(outcomes.count("slow", BackendOutcomes.Kind.TIMEOUT)).isEqualTo(1);
    assertThat(outcomes.count("crashing", BackendOutcomes.Kind.CRASHED)).isEqualTo(1);
    assertThat(outcomes.count("fast", BackendOutcomes.Kind.CRASHED)).isZero();
    assertThat(outcomes.backends()).containsExactly("crashing", "fast", "slow");
  }

  @Test
  void sortsByScoreAndCutsToTheLimit() {
    startInfoSys(60_000);

    List<Result> results = compute("1 + 1", only("mid", "local", "fast").withLimit(2));

    assertThat(results).containsExactly(new Result("local", 100, "2", null), new Result("fast", 95, "fast says 1 + 1", null));
  }

  @Test
  void byDefaultAsksEveryEnabledBackend() {
    fast = TestBackend.answering(vertx, "fast", 95, 0);
    slow = TestBackend.answering(vertx, "slow", 70, 0);
    startInfoSys(60_000);

    List<Result> results = compute("1 + 1", ComputeOptions.defaults());

    assertThat(results).extracting(Result::backend).containsExactly("local", "fast", "slow", "mid");
  }

  @Test
  void aRepeatedQuestionIsAnsweredFromTheCache() {
    startInfoSys(60_000);

    List<Result> first = compute("capital of rumbl", only("fast", "mid"));
    List<Result> second = compute("capital of rumbl", only("fast", "mid"));
    compute("capital of rumbl", only("fast").withLimit(3));

    assertThat(second).isEqualTo(first);
    assertThat(fast.queries).as("a different limit is another question").hasValue(2);
    assertThat(mid.queries).hasValue(1);
  }

  /** A question asked again of more backends asks only the new ones; then all its answers are cached together. */
  @Test
  void aQuestionAskedOfOtherBackendsAddsTheirAnswersToTheCachedOnes() {
    startInfoSys(60_000);

    compute("who wrote rumbl", only("fast"));
    List<Result> both = compute("who wrote rumbl", only("fast", "mid"));
    List<Result> again = compute("who wrote rumbl", only("mid", "fast"));

    assertThat(both).extracting(Result::backend).containsExactly("fast", "mid");
    assertThat(again).isEqualTo(both);
    assertThat(fast.queries).hasValue(1);
    assertThat(mid.queries).hasValue(1);
  }

  /** Answers come out of the cache only for the backends asked: another compute's answers are not mixed in. */
  @Test
  void aCachedQuestionGivesOnlyTheAnswersOfTheBackendsAsked() {
    startInfoSys(60_000);

    compute("rumbl", only("fast", "mid"));
    List<Result> midOnly = compute("rumbl", only("mid"));

    assertThat(midOnly).extracting(Result::backend).containsExactly("mid");
    assertThat(mid.queries).hasValue(1);
  }

  @Test
  void anAnswerLeavesTheCacheCacheClearMsAfterItWasStored() throws InterruptedException {
    startInfoSys(100);

    compute("q", only("fast"));
    Thread.sleep(350);
    compute("q", only("fast"));

    assertThat(fast.queries).hasValue(2);
  }

  @Test
  void aCrashOfTheCacheLosesOnlyItsEntries() throws InterruptedException {
    startInfoSys(60_000);
    compute("q", only("fast"));
    Pid cache = node.whereis(Name.local(Cache.NAME)).await();

    node.exit(cache, ExitReason.crash("boom"));
    List<Result> during = compute("q", only("fast", "mid"));
    Pid restarted = awaitRestart(Name.local(Cache.NAME), cache);
    List<Result> after = compute("q", only("fast"));

    assertThat(restarted).isNotEqualTo(cache);
    assertThat(during).extracting(Result::backend).containsExactly("fast", "mid");
    assertThat(after).extracting(Result::backend).containsExactly("fast");
    assertThat(fast.queries).as("the restarted cache starts empty").hasValueGreaterThanOrEqualTo(2);
  }

  private Pid awaitRestart(Name name, Pid old) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Pid pid = node.whereis(name).await();
      if (pid != null && !pid.equals(old) && Cache.table(vertx) != null) {
        return pid;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(name + " was not restarted");
  }

  @Test
  void aBackendThatIsUnknownOrDisabledIsRefusedNamingIt() {
    startInfoSys(60_000);

    assertThatThrownBy(() -> compute("q", only("oracle"))).isInstanceOf(InvalidQuery.class).hasMessageContaining("'oracle'");
    assertThatThrownBy(() -> compute("q", only("wolfram"))).isInstanceOf(InvalidQuery.class).hasMessageContaining("'wolfram'");
  }

  @Test
  void anInvalidRequestIsRefusedWithoutStartingAnything() {
    startInfoSys(60_000);
    int processesBefore = node.processCount();

    assertThatThrownBy(() -> compute(" ", ComputeOptions.defaults())).isInstanceOf(InvalidQuery.class);
    assertThatThrownBy(() -> compute("q", ComputeOptions.defaults().withLimit(0))).isInstanceOf(InvalidQuery.class);
    assertThat(node.processCount()).isEqualTo(processesBefore);
  }

  @Test
  void computeFailsWhenInfoSysIsNotRunning() {
    assertThatThrownBy(() -> compute("q", ComputeOptions.defaults())).isInstanceOf(IllegalStateException.class);

    startInfoSys(60_000);
    node.stop(root, ExitReason.shutdown()).await();

    assertThatThrownBy(() -> compute("q", ComputeOptions.defaults())).isInstanceOf(IllegalStateException.class);
    assertThat(node.processCount()).isZero();
  }

  @Test
  void aComputeOutlivesTheProcessThatStartedItAndStillKillsItsStragglersAtItsDeadline() {
    startInfoSys(60_000);
    ChildCounts idle = InfoSys.countWorkers(node).await();
    Pid caller = node.spawn(new GenServer<Void>() {
      @Override
      protected Init<Void> init() {
        InfoSys.compute(node(), "who waits", only("slow").withTimeout(300));
        return Init.ok(null);
      }
    }).await();
    Eventually.until("the slow backend is asked", 5000, () -> slow.queries.get() == 1);

    node.exit(caller, ExitReason.kill());

    Eventually.until("the straggler is killed at the deadline, long before its backend answers", 3000,
      () -> InfoSys.countWorkers(node).await().equals(idle));
  }

  @Test
  void everyAnswerCountsAlsoFromAWorkerGoneBeforeItsStartIsConfirmed() {
    TestBackend one = TestBackend.answering(vertx, "one", 90, 0);
    TestBackend two = TestBackend.answering(vertx, "two", 60, 0);
    TestBackend three = TestBackend.answering(vertx, "three", 30, 0);
    BackendCatalog catalog = BackendCatalog.standard().with("one", one.factory()).with("two", two.factory()).with("three", three.factory());
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(
      InfoSysConfig.defaults().withBackends(List.of("one", "two", "three")).withCacheClearMs(60_000).withMaxConcurrentComputes(3000), catalog))).await();

    List<Future<List<Result>>> computes = new java.util.concurrent.CopyOnWriteArrayList<>();
    Future.<Void>future(launched -> vertx.getOrCreateContext().runOnContext(ignored -> {
      for (int i = 0; i < 3000; i++) {
        computes.add(InfoSys.compute(node, "instant " + i, only("one", "two", "three")));
      }
      launched.complete();
    })).await();

    for (Future<List<Result>> compute : computes) {
      assertThat(compute.await()).extracting(Result::backend).containsExactly("one", "two", "three");
    }
  }

  @Test
  void computeCompletesOnTheCallersContext() {
    startInfoSys(60_000);
    var context = vertx.getOrCreateContext();

    Boolean onCaller = Future.<Boolean>future(promise -> context.runOnContext(ignored ->
      InfoSys.compute(node, "q", only("fast")).onComplete(done -> promise.complete(Vertx.currentContext() == context)))).await();

    assertThat(onCaller).isTrue();
  }

  @Test
  void theEventBusEndpointAnswersWithTheQueryAndItsResults() {
    startInfoSys(60_000);

    JsonObject reply = vertx.eventBus().<JsonObject>request(InfoSys.ADDRESS, new JsonObject()
      .put("query", "1 + 1").put("limit", 1).put("timeoutMs", 2000).put("backends", new JsonArray().add("local").add("fast")))
      .await().body();

    assertThat(reply).isEqualTo(new JsonObject().put("query", "1 + 1").put("results", new JsonArray()
      .add(new JsonObject().put("backend", "local").put("score", 100).put("text", "2").putNull("url"))));
  }

  @Test
  void theEventBusEndpointRefusesAnInvalidRequestNamingTheProblem() {
    startInfoSys(60_000);

    assertThat(refusal(new JsonObject().put("query", "q").put("limit", 500))).hasMessageContaining("limit");
    assertThat(refusal(new JsonObject().put("query", "q").put("timeoutMs", 60_001))).hasMessageContaining("timeoutMs");
    assertThat(refusal(new JsonObject().put("query", "x".repeat(1001)))).hasMessageContaining("1000 characters");
    assertThat(refusal(new JsonObject())).hasMessageContaining("query");
    assertThat(refusal(new JsonObject().put("query", "q").put("backends", new JsonArray().add("oracle")))).hasMessageContaining("oracle");
  }

  private ReplyException refusal(JsonObject request) {
    Throwable error = vertx.eventBus().request(InfoSys.ADDRESS, request).map(message -> (Throwable) null)
      .otherwise(failure -> failure).await();
    assertThat(error).isInstanceOf(ReplyException.class);
    ReplyException refused = (ReplyException) error;
    assertThat(refused.failureCode()).isEqualTo(InfoSys.FAILURE_INVALID);
    return refused;
  }
}
