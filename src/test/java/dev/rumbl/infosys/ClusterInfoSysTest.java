package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.testing.ProcessOutput;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.Eventually;
import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Down;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * InfoSys across nodes clustered on 127.0.0.1: node A runs only the local backend, node B (same
 * JVM) also runs "oracle" and "sleeper", and a node in a JVM of its own, frozen with SIGSTOP
 * mid-compute (dead to the others until their failure detector says so) then killed with SIGKILL,
 * runs only a backend that never answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterInfoSysTest {


  private final String cluster = ClusterNodes.newName();
  private final int basePort = ClusterNodes.randomBasePort();
  private Vertx vertxA;
  private Vertx vertxB;
  private Node a;
  private Node b;
  private TestBackend oracle;
  private TestBackend sleeper;

  @BeforeAll
  void startTwoNodes() {
    vertxA = ClusterNodes.start(cluster, basePort);
    vertxB = ClusterNodes.start(cluster, basePort);
    a = Node.of(vertxA);
    b = Node.of(vertxB);
    oracle = TestBackend.answering(vertxB, "oracle", 90, 10);
    sleeper = TestBackend.answering(vertxB, "sleeper", 99, TestBackend.NEVER);
    startInfoSys(a, InfoSysConfig.defaults().withBackends(List.of("local")), BackendCatalog.standard());
    startInfoSys(b, InfoSysConfig.defaults().withBackends(List.of("local", "oracle", "sleeper")),
      BackendCatalog.standard().with("oracle", oracle.factory()).with("sleeper", sleeper.factory()));
    Eventually.until("A sees the backends of B", 10_000, () -> offered(a).containsKey("oracle"));
  }

  @AfterAll
  void stopNodes() {
    vertxB.close().await();
    vertxA.close().await();
  }

  @Test
  void aComputeOnOneNodeUsesABackendEnabledOnlyOnAnother() {
    int before = oracle.queries.get();

    List<Result> results = InfoSys.compute(a, "who knows", only("oracle")).await();

    assertThat(results).extracting(Result::backend, Result::text).containsExactly(tuple("oracle", "oracle says who knows"));
    assertThat(oracle.queries.get()).isEqualTo(before + 1);
  }

  @Test
  void everyBackendOfTheClusterIsAskedOnceRankedTogetherAndTheLateOneOnTheOtherNodeIsKilled() {
    int sleeperQueries = sleeper.queries.get();

    List<Result> results = InfoSys.compute(a, "1 + 1", ComputeOptions.defaults().withTimeout(2000).withLimit(5)).await();

    assertThat(results).extracting(Result::backend, Result::score).containsExactly(tuple("local", 100), tuple("oracle", 90));
    assertThat(sleeper.queries.get()).isEqualTo(sleeperQueries + 1);
    Eventually.until("the sleeper's worker on B is killed", 5000,
      () -> InfoSys.countWorkers(b).await().active() == 0);
  }

  @Test
  void aWorkerLentToAnotherNodeNeverOutlivesTheDeadlineOfTheComputeThatAskedForIt() {
    ChildCounts idle = InfoSys.countWorkers(b).await();
    int sleeperQueries = sleeper.queries.get();
    Pid lender = b.whereis(Name.local(RemoteWorkers.NAME)).await();
    Pid worker = a.<Pid>call(lender, RemoteWorkers.startRequest("sleeper", 2_000)).await();
    Future<Down> down = b.watch(worker);
    a.call(worker, new Worker.Query("never answered", 1).toJson(), 60_000);
    Eventually.until("the sleeper is asked", 5000, () -> sleeper.queries.get() == sleeperQueries + 1);

    assertThat(down.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(InfoSys.countWorkers(b).await()).isEqualTo(idle);
  }

  @Test
  void aBackendThatNoNodeOffersIsAnInvalidQueryNamingWhatTheOtherNodesOffer() {
    assertThatThrownBy(() -> InfoSys.compute(a, "q", only("nobody")).await())
      .isInstanceOf(InvalidQuery.class)
      .hasMessageContaining("'nobody'")
      .hasMessageContaining("on other nodes")
      .hasMessageContaining("oracle");
  }

  @Test
  void whenTheNodeOfABackendStopsAnsweringMidComputeTheComputeReturnsTheOtherResultsByItsDeadline() throws Exception {
    java.lang.Process far = new ProcessBuilder(
      new File(System.getProperty("java.home"), "bin/java").getPath(),
      "-Dlogback.configurationFile=src/test/resources/logback-node.xml",
      "-cp", System.getProperty("java.class.path"), InfoSysNodeMain.class.getName(), cluster, String.valueOf(basePort))
      .redirectErrorStream(true).start();
    try {
      ProcessOutput output = ProcessOutput.of(far);
      output.awaitLine(InfoSysNodeMain.READY, 60);
      Eventually.until("A sees the backend of the far node", 10_000, () -> offered(a).containsKey(InfoSysNodeMain.BACKEND));
      String farNode = offered(a).get(InfoSysNodeMain.BACKEND).get(0).node();
      ChildCounts idle = InfoSys.countWorkers(a).await();

      Future<List<Result>> computing = InfoSys.compute(a, "1 + 1", only("local", InfoSysNodeMain.BACKEND).withTimeout(3000));
      output.awaitLine(InfoSysNodeMain.QUERIED, 30);
      signal("STOP", far);
      List<Result> results = computing.await(20, TimeUnit.SECONDS);
      boolean stillAMember = a.nodes().contains(farNode);
      far.destroyForcibly();
      assertThat(far.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(results).extracting(Result::backend, Result::text).containsExactly(tuple("local", "2"));
      assertThat(stillAMember).as("the deadline, not the failure detector, ended the compute").isTrue();
      Eventually.until("the dead node is no longer offered", 15_000, () -> !offered(a).containsKey(InfoSysNodeMain.BACKEND));
      assertThat(InfoSys.countWorkers(a).await()).isEqualTo(idle);
      assertThat(InfoSys.compute(a, "1 + 1", ComputeOptions.defaults().withTimeout(2000)).await())
        .extracting(Result::backend).containsOnly("local", "oracle");
    } finally {
      far.destroyForcibly();
    }
  }

  private static void startInfoSys(Node node, InfoSysConfig config, BackendCatalog catalog) {
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, catalog))).await();
  }

  private static void signal(String signal, java.lang.Process process) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
  }

  private static Map<String, List<Pid>> offered(Node node) {
    return BackendDirectory.offers(node).await();
  }

  private static ComputeOptions only(String... backends) {
    return ComputeOptions.defaults().withBackends(List.of(backends));
  }
}
