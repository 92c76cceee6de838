package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one compute borrows a worker from the nodes offering a backend. The lender here is this
 * node's own {@link RemoteWorkers}, asked as another node's would be, and a lender that is gone
 * stands for a node that cannot lend: so the order the nodes are asked in is the test's, not the
 * directory's random one.
 */
@ExtendWith(VertxExtension.class)
class GatheringTest {

  private Node node;
  private TestBackend oracle;
  private Pid lender;
  private Pid gone;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    oracle = TestBackend.answering(vertx, "oracle", 90, 10);
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("oracle"));
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, BackendCatalog.standard().with("oracle", oracle.factory())))).await();
    lender = node.whereis(Name.local(RemoteWorkers.NAME)).await();
    gone = new Pid(node.id(), "rumbl.pid." + node.id() + ".gone");
  }

  private List<Result> gather(String query, List<Pid> lenders) {
    ComputeRequest request = new ComputeRequest(query, ComputeOptions.defaults().withTimeout(2000));
    List<Source> sources = List.of(new Source.There("oracle", lenders));
    return node.detached(() -> new Gathering(node, request, sources, List.of(), InfoSys.WORKER_SUPERVISORS, BackendOutcomes.of(node.vertx())).run()).await();
  }

  @Test
  void aNodeThatCannotLendAWorkerIsPassedOverForTheNextNodeOfferingTheBackend() {
    List<Result> results = gather("who lends", List.of(gone, lender));

    assertThat(results).extracting(Result::text).containsExactly("oracle says who lends");
    assertThat(oracle.queries.get()).isEqualTo(1);
  }

  @Test
  void whenNoNodeCanLendAWorkerTheBackendContributesNothingAndTheComputeStillEnds() {
    List<Result> results = gather("nobody lends", List.of(gone, gone));

    assertThat(results).isEmpty();
    assertThat(oracle.queries.get()).isZero();
    assertThat(InfoSys.countWorkers(node).await().active()).isZero();
  }
}
