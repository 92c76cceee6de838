package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class AgentTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void updateThenGetSeesTheNewState() {
    Pid agent = Agent.start(node, () -> 5).await();

    Agent.<Integer>update(node, agent, n -> n + 1).await();

    assertThat(Agent.<Integer, Integer>get(node, agent, n -> n).await()).isEqualTo(6);
  }

  /** Elixir's Agent.get/3, update/3 and get_and_update/3 take a timeout: a busy agent fails the caller with timeout. */
  @Test
  void getUpdateAndGetAndUpdateFailWithTimeoutWhenTheAgentTakesLongerThanTheTimeout() {
    Pid agent = Agent.start(node, () -> 1).await();
    Agent.<Integer>cast(node, agent, n -> {
      sleep(2_000);
      return n + 1;
    });

    assertTimeout(Agent.<Integer, Integer>get(node, agent, n -> n, 20));
    assertTimeout(Agent.<Integer>update(node, agent, n -> n * 10, 20));
    assertTimeout(Agent.<Integer, Integer>getAndUpdate(node, agent, n -> Map.entry(n, n), 20));
    assertThat(Agent.<Integer, Integer>get(node, agent, n -> n, 5000).await()).as("the late update still happened").isEqualTo(20);
  }

  private static void assertTimeout(io.vertx.core.Future<?> call) {
    assertThatThrownBy(call::await).isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.timeout()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void getAndUpdateAnswersTheValueAndKeepsTheNewState() {
    Pid agent = Agent.start(node, () -> 10).await();

    Integer previous = Agent.<Integer, Integer>getAndUpdate(node, agent, n -> Map.entry(n, n * 2)).await();

    assertThat(previous).isEqualTo(10);
    assertThat(Agent.<Integer, Integer>get(node, agent, n -> n).await()).isEqualTo(20);
  }

  @Test
  void castsApplyInOrderInsideTheAgent() {
    Pid agent = Agent.start(node, () -> (List<Integer>) new ArrayList<Integer>()).await();

    for (int i = 0; i < 100; i++) {
      int value = i;
      Agent.<List<Integer>>cast(node, agent, list -> {
        list.add(value);
        return list;
      });
    }

    List<Integer> seen = Agent.<List<Integer>, List<Integer>>get(node, agent, List::copyOf).await();
    assertThat(seen).hasSize(100).isSorted();
  }

  @Test
  void theInitialStateIsComputedInsideTheAgent() {
    Pid agent = Agent.start(node, () -> Thread.currentThread().getName()).await();

    assertThat(Agent.<String, String>get(node, agent, name -> name).await()).startsWith("vert.x-eventloop");
  }

  @Test
  void aNamedAgentIsReachedByName() {
    Agent.start(node, () -> "hello", Name.local("greeting")).await();

    assertThat(Agent.<String, Integer>get(node, Name.local("greeting"), String::length).await()).isEqualTo(5);
  }

  @Test
  void stopEndsTheAgentNormally() {
    Pid agent = Agent.start(node, () -> 1).await();
    var down = node.watch(agent);

    Agent.stop(node, agent).await();

    assertThat(down.await().reason()).isEqualTo(ExitReason.normal());
    assertThatThrownBy(() -> Agent.get(node, agent, n -> n).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    assertThatThrownBy(() -> Agent.stop(node, agent).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void aFunctionThatThrowsCrashesTheAgentAndFailsTheCaller() {
    Pid agent = Agent.start(node, () -> 1).await();
    var down = node.watch(agent);

    assertThatThrownBy(() -> Agent.<Integer, Integer>get(node, agent, n -> n / 0).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason().toString()).contains("ArithmeticException"));
    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class);
  }
}
