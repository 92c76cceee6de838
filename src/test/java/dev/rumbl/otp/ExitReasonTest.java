package dev.rumbl.otp;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExitReasonTest {

  @Test
  void normalAndShutdownAreNormalEverythingElseIsNot() {
    assertThat(ExitReason.normal().isNormal()).isTrue();
    assertThat(ExitReason.shutdown().isNormal()).isTrue();
    assertThat(ExitReason.shutdown("maintenance").isNormal()).isTrue();
    for (ExitReason abnormal : List.of(ExitReason.killed(), ExitReason.crash("bad"), ExitReason.noproc(),
      ExitReason.noconnection(), ExitReason.timeout())) {
      assertThat(abnormal.isNormal()).as(abnormal.toString()).isFalse();
    }
  }

  @Test
  void everyReasonRoundTripsThroughJson() {
    for (ExitReason reason : List.of(ExitReason.normal(), ExitReason.shutdown(), ExitReason.shutdown("term"),
      ExitReason.killed(), ExitReason.kill(), ExitReason.crash("bad"), ExitReason.noproc(), ExitReason.noconnection(),
      ExitReason.timeout())) {
      assertThat(ExitReason.fromJson(new JsonObject(reason.toJson().encode()))).isEqualTo(reason);
    }
  }

  @Test
  void aCrashFromAnExceptionNamesItAndKeepsItOnThisNode() {
    IllegalStateException boom = new IllegalStateException("boom");
    ExitReason.Crash crash = (ExitReason.Crash) ExitReason.crash(boom);

    assertThat(crash).hasToString("java.lang.IllegalStateException: boom");
    assertThat(crash.cause()).isSameAs(boom);
    assertThat(ExitReason.fromJson(crash.toJson())).hasToString("java.lang.IllegalStateException: boom");
  }

  @Test
  void anUnknownTypeIsRefusedWithItsName() {
    assertThatThrownBy(() -> ExitReason.fromJson(new JsonObject().put("type", "gone")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gone'");
  }
}
