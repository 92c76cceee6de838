package dev.rumbl.web;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LoadSampler}: the node's load, one sample per period, kept and published. */
@ExtendWith(VertxExtension.class)
class LoadSamplerTest {

  private static final long PERIOD_MS = 100;

  @Test
  void aCrashShowsInRestartsPerSecondAndEverySampleIsPublishedAndKept(Vertx vertx) {
    Node node = Node.of(vertx);
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(LoadSampler.ADDRESS, message -> published.add(message.body())).completion().await();
    Supervisor.start(node, SupervisorSpec.oneForOne(
      ChildSpec.worker("a", () -> new Counter(0).named("a")),
      ChildSpec.worker("sampler", () -> new LoadSampler(PERIOD_MS).named(LoadSampler.NAME)))).await();
    Eventually.until("two quiet samples", 5000, () -> published.size() >= 2);
    assertThat(published).allSatisfy(sample -> assertThat(sample.getDouble("restartsPerSec")).isZero());

    int before = published.size();
    Pid a = node.whereis(Name.local("a")).await();
    node.exit(a, ExitReason.kill());
    Eventually.until("a sample with the restart", 5000,
      () -> published.stream().skip(before).anyMatch(sample -> sample.getDouble("restartsPerSec") > 0));

    JsonObject restart = published.stream().skip(before).filter(sample -> sample.getDouble("restartsPerSec") > 0).findFirst().orElseThrow();
    assertThat(restart.getDouble("restartsPerSec")).isBetween(1.0, 1000.0 / PERIOD_MS * 1.5);
    assertThat(restart.getInteger("processes")).isGreaterThanOrEqualTo(3);
    assertThat(restart.getLong("heapUsedBytes")).isPositive();
    assertThat(restart.getJsonArray("loops")).hasSize(node.eventLoopCount());
    assertThat(restart.getJsonArray("loops").stream().map(usage -> ((Number) usage).doubleValue()))
      .allSatisfy(usage -> assertThat(usage).isBetween(0.0, 1.0));

    JsonArray kept = LoadSampler.samples(node).await();
    assertThat(kept.size()).isGreaterThanOrEqualTo(published.indexOf(restart) + 1);
    assertThat(kept.getJsonObject(0).getLong("at")).isLessThan(kept.getJsonObject(kept.size() - 1).getLong("at"));
  }
}
