package dev.rumbl.otp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyTest {

  private final List<String> children = List.of("a", "b", "c", "d");

  @Test
  void oneForOneAffectsOnlyTheFailedChild() {
    assertThat(Strategy.ONE_FOR_ONE.affected(children, "b")).containsExactly("b");
    assertThat(Strategy.SIMPLE_ONE_FOR_ONE.affected(children, "c")).containsExactly("c");
  }

  @Test
  void oneForAllAffectsEveryChildInStartOrder() {
    assertThat(Strategy.ONE_FOR_ALL.affected(children, "c")).containsExactly("a", "b", "c", "d");
  }

  @Test
  void restForOneAffectsTheFailedChildAndThoseStartedAfterIt() {
    assertThat(Strategy.REST_FOR_ONE.affected(children, "b")).containsExactly("b", "c", "d");
    assertThat(Strategy.REST_FOR_ONE.affected(children, "d")).containsExactly("d");
  }
}
