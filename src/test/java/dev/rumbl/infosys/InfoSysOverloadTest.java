package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** At most infosys.maxConcurrentComputes computes in flight on a node: the rest fail at once, and every slot comes back. */
@ExtendWith(VertxExtension.class)
class InfoSysOverloadTest {

  private static final int MAX = 50;
  private static final int ASKED = 400;

  private Vertx vertx;
  private Node node;
  private HeldBackend held;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    node = Node.of(vertx);
    held = new HeldBackend("held");
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("held")).withMaxConcurrentComputes(MAX);
    Supervisor.start(node, SupervisorSpec.oneForOne(
      InfoSys.childSpec(config, BackendCatalog.standard().with("held", held.factory())))).await();
  }

  private List<Future<List<Result>>> askAtOnce(int count, long timeoutMs) {
    List<Future<List<Result>>> computes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      computes.add(InfoSys.compute(node, "question " + i, ComputeOptions.defaults().withTimeout(timeoutMs)));
    }
    return computes;
  }

  @Test
  void pastTheMaximumAComputeFailsAtOnceAndTheSlotsComeBackWhenTheOthersFinish() {
    List<Future<List<Result>>> computes = askAtOnce(ASKED, 60_000);

    List<Future<List<Result>>> refused = computes.stream().filter(Future::failed).toList();
    assertThat(refused).hasSize(ASKED - MAX);
    assertThat(refused).allSatisfy(compute -> assertThat(compute.cause()).isInstanceOf(Overloaded.class).hasMessage("overloaded"));
    assertThat(InfoSys.computesInFlight(vertx)).isEqualTo(MAX);
    Eventually.until("every admitted compute reaches the backend", 10_000, () -> held.waiting() == MAX);

    held.release();
    Future.join(computes).otherwiseEmpty().await();

    List<Future<List<Result>>> answered = computes.stream().filter(Future::succeeded).toList();
    assertThat(answered).hasSize(MAX).allSatisfy(compute -> assertThat(compute.result()).hasSize(1));
    assertThat(InfoSys.computesInFlight(vertx)).isZero();
    Future<List<Result>> next = InfoSys.compute(node, "after", ComputeOptions.defaults());
    assertThat(next.failed()).as("a slot is free again").isFalse();
    Eventually.until("the next compute reaches the backend", 10_000, () -> held.waiting() == 1);
    held.release();
    assertThat(next.await()).hasSize(1);
    assertThat(InfoSys.computesInFlight(vertx)).isZero();
  }

  @Test
  void computesAskedFromSeveralEventLoopsAtOnceAreAdmittedUpToTheMaximumExactly() throws InterruptedException {
    int loops = 4;
    List<Future<List<Result>>> computes = new CopyOnWriteArrayList<>();
    CountDownLatch asked = new CountDownLatch(loops);
    for (int loop = 0; loop < loops; loop++) {
      int offset = loop * ASKED;
      vertx.getOrCreateContext().runOnContext(ignored -> {
        for (int i = 0; i < ASKED; i++) {
          computes.add(InfoSys.compute(node, "question " + (offset + i), ComputeOptions.defaults()));
        }
        asked.countDown();
      });
    }
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(computes).hasSize(loops * ASKED);
    assertThat(computes.stream().filter(Future::failed).toList()).hasSize(loops * ASKED - MAX)
      .allSatisfy(compute -> assertThat(compute.cause()).isInstanceOf(Overloaded.class));
    assertThat(InfoSys.computesInFlight(vertx)).isEqualTo(MAX);
    Eventually.until("every admitted compute reaches the backend", 10_000, () -> held.waiting() == MAX);
    held.release();
    Future.join(computes).otherwiseEmpty().await();
    assertThat(computes.stream().filter(Future::succeeded).toList()).hasSize(MAX);
    assertThat(InfoSys.computesInFlight(vertx)).isZero();
  }

  @Test
  void slotsComeBackWhenComputesRunOutOfTime() {
    List<Future<List<Result>>> computes = askAtOnce(ASKED, 200);

    Future.join(computes).otherwiseEmpty().await();

    assertThat(computes.stream().filter(Future::succeeded).toList()).hasSize(MAX)
      .allSatisfy(compute -> assertThat(compute.result()).as("the held backend never answered").isEmpty());
    assertThat(InfoSys.computesInFlight(vertx)).isZero();
    assertThat(InfoSys.compute(node, "again", ComputeOptions.defaults().withTimeout(50)).await()).as("admitted, then out of time").isEmpty();
  }
}
