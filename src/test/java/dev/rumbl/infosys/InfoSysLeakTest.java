package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.testing.EventBusHandlers;
import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of computes over fast, slow (never answering), crashing and mid backends leave nothing
 * behind: no worker under the supervisor, no process, timer, monitor, name or event-bus handler.
 * Event-bus handlers are counted through Vert.x's metrics SPI.
 */
class InfoSysLeakTest {

  private static final Logger log = LoggerFactory.getLogger(InfoSysLeakTest.class);
  private static final int CONCURRENT = 1000;
  private static final int WAVES = 3;

  private EventBusHandlers handlers;
  private Vertx vertx;
  private Node node;

  private record Footprint(int processes, int timers, int monitors, int names, int handlers, ChildCounts workers) {
  }

  @BeforeEach
  void setUp() {
    handlers = new EventBusHandlers();
    vertx = handlers.vertx();
    node = Node.of(vertx);
    BackendCatalog catalog = BackendCatalog.standard()
      .with("fast", TestBackend.answering(vertx, "fast", 95, 0).factory())
      .with("mid", TestBackend.answering(vertx, "mid", 50, 5).factory())
      .with("slow", TestBackend.answering(vertx, "slow", 70, TestBackend.NEVER).factory())
      .with("crashing", TestBackend.crashing(vertx, "crashing").factory());
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("fast", "mid", "slow", "crashing"));
    Supervisor.start(node, SupervisorSpec.oneForOne(InfoSys.childSpec(config, catalog))).await();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private Footprint footprint() {
    return new Footprint(node.processCount(), node.timerCount(), node.monitorCount(), node.localNameCount().await(),
      handlers.count(), InfoSys.countWorkers(node).await());
  }

  @Test
  void thousandsOfConcurrentComputesLeaveNothingBehind() {
    Footprint idle = footprint();
    assertThat(idle.handlers()).as("the metrics SPI counts handlers").isPositive();
    int answered = 0;

    long start = System.nanoTime();
    for (int wave = 0; wave < WAVES; wave++) {
      List<Future<List<Result>>> computes = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        computes.add(InfoSys.compute(node, "question " + wave + "-" + i, ComputeOptions.defaults().withTimeout(1000).withLimit(2)));
      }
      Future.all(computes).await();
      for (Future<List<Result>> compute : computes) {
        assertThat(compute.result()).hasSizeLessThanOrEqualTo(2).allSatisfy(result -> assertThat(result.backend()).isIn("fast", "mid"));
        answered += compute.result().isEmpty() ? 0 : 1;
      }
      assertThat(InfoSys.countWorkers(node).await().active())
        .as("workers left after %d concurrent computes", CONCURRENT).isZero();
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    log.info("{} computes ({} at a time, 4 backends each) took {} ms; {} had results", WAVES * CONCURRENT, CONCURRENT, elapsedMs, answered);
    assertThat(answered).isPositive();
    assertThat(footprint()).isEqualTo(idle);
  }
}
