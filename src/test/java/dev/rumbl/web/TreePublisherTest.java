package dev.rumbl.web;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class TreePublisherTest {

  private static final Name ROOT = Name.local("root");

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    for (int i = 0; i < 1000 && list.size() < size; i++) {
      Thread.sleep(10);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }

  @Test
  void publishesTheTreeOnceThenOnlyWhenItChanges(Vertx vertx) throws InterruptedException {
    Node node = Node.of(vertx);
    List<JsonObject> trees = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TreePublisher.ADDRESS, message -> trees.add(message.body())).completion().await();
    Supervisor.start(node, SupervisorSpec.oneForOne(
      ChildSpec.worker("a", () -> new Counter(0).named("a")),
      TreePublisher.childSpec(ROOT)), ROOT).await();

    awaitSize(trees, 1);
    Thread.sleep(4 * TreePublisher.PERIOD_MS);
    assertThat(trees).hasSize(1);
    Pid before = node.whereis(Name.local("a")).await();
    node.exit(before, ExitReason.kill());

    awaitSize(trees, 2);
    JsonObject changed = trees.get(trees.size() - 1);
    assertThat(changed.getString("name")).isEqualTo(ROOT.toString());
    assertThat(changed.getInteger("restarts")).isEqualTo(1);
    assertThat(changed.getJsonArray("children").getJsonObject(0).getString("pid")).isNotEqualTo(before.toString());
  }
}
