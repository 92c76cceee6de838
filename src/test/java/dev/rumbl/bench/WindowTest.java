package dev.rumbl.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class WindowTest {

  @Test
  void runsEachOperationOnceWithNoMoreThanTheWindowInFlight(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    List<Integer> started = new ArrayList<>();
    int[] inFlight = {0, 0};

    Loops.await(context, () -> Window.run(context, 100, 7, index -> {
      started.add(index);
      inFlight[0]++;
      inFlight[1] = Math.max(inFlight[1], inFlight[0]);
      Promise<Void> done = Promise.promise();
      vertx.setTimer(1, fired -> {
        inFlight[0]--;
        done.complete();
      });
      return done.future();
    }));

    assertThat(started).hasSize(100).doesNotHaveDuplicates();
    assertThat(inFlight[1]).isEqualTo(7);
  }

  @Test
  void failsWithTheFirstFailure(Vertx vertx) {
    Context context = vertx.getOrCreateContext();

    assertThatThrownBy(() -> Loops.await(context, () -> Window.run(context, 10, 3,
      index -> index == 4 ? Future.failedFuture(new IllegalStateException("op 4")) : Future.succeededFuture())))
      .hasMessageContaining("op 4");
  }
}
