package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rumbl.testing.Eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a process opens on its context lives as long as the process, as a verticle's lives as long as its deployment. */
@ExtendWith(VertxExtension.class)
class ProcessResourcesTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void consumersAndTimersAProcessOpenedAreClosedWhenItIsKilled(Vertx vertx) throws InterruptedException {
    Probe probe = Probe.start(node);
    AtomicInteger ticks = new AtomicInteger();
    probe.run(n -> n.vertx().eventBus().consumer("resources.echo", message -> message.reply(message.body())));
    probe.run(n -> n.vertx().setPeriodic(5, tick -> ticks.incrementAndGet()));
    assertThat(vertx.eventBus().request("resources.echo", "hi").await().body()).isEqualTo("hi");
    Eventually.until("the timer ticks", 5000, () -> ticks.get() > 0);

    node.stop(probe.self(), ExitReason.kill()).await();

    assertThatThrownBy(() -> vertx.eventBus().request("resources.echo", "hi").await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    int afterExit = ticks.get();
    Thread.sleep(50);
    assertThat(ticks.get()).isEqualTo(afterExit);
  }

  @Test
  void aVerticleDeployedFromAProcessIsUndeployedWhenItExits(Vertx vertx) {
    Probe probe = Probe.start(node);
    String child = probe.runAsync(n -> n.vertx().deployVerticle(new VerticleBase() { }));
    assertThat(vertx.deploymentIDs()).containsExactly(child);

    node.stop(probe.self(), ExitReason.shutdown()).await();

    assertThat(vertx.deploymentIDs()).isEmpty();
  }

  @Test
  void processesAreNotVertxDeployments(Vertx vertx) {
    for (int i = 0; i < 100; i++) {
      node.spawn(new Agent<>(() -> 0)).await();
    }

    assertThat(node.processCount()).isEqualTo(100);
    assertThat(vertx.deploymentIDs()).isEmpty();
  }

  @Test
  void closingVertxStopsEveryTreeInReverseStartOrderThenEveryOtherProcess() {
    Vertx own = Vertx.vertx();
    Node ownNode = Node.of(own);
    List<String> stopped = new CopyOnWriteArrayList<>();
    Supervisor.start(ownNode, SupervisorSpec.oneForOne(
      ChildSpec.worker("first", () -> new Recorder("first", stopped)),
      ChildSpec.worker("second", () -> new Recorder("second", stopped)))).await();
    ownNode.spawn(new Recorder("alone", stopped).named("alone")).await();

    own.close().await();

    assertThat(stopped).containsSubsequence("second", "first").contains("alone").hasSize(3);
    assertThat(ownNode.processCount()).isZero();
    assertThat(ownNode.localNameCount().await()).isZero();
  }

  /** Records its orderly exit. */
  private static final class Recorder extends GenServer<Void> {

    private final String label;
    private final List<String> stopped;

    Recorder(String label, List<String> stopped) {
      this.label = label;
      this.stopped = stopped;
    }

    @Override
    protected Init<Void> init() {
      return Init.ok(null);
    }

    @Override
    protected Future<?> terminate(ExitReason reason, Void state) {
      stopped.add(label);
      return Future.succeededFuture();
    }
  }
}
