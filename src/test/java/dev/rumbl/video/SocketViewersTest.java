package dev.rumbl.video;

import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SocketViewersTest {

  private static final Pid ONE = new Pid("n", "p1");
  private static final Pid TWO = new Pid("n", "p2");

  @Test
  void aStartIsTheViewerUntilItHasStartedThenItsPid() {
    SocketViewers viewers = new SocketViewers();
    Promise<Pid> start = Promise.promise();

    viewers.starting(7, start.future());
    assertThat(viewers.get(7)).isSameAs(start.future());
    start.complete(ONE);
    viewers.started(7, start.future(), ONE);

    assertThat(viewers.get(7).result()).isEqualTo(ONE);
    assertThat(viewers.get(8)).isNull();
    assertThat(viewers.size()).isEqualTo(1);
  }

  @Test
  void aFailedOrSupersededStartIsForgottenOnlyIfItIsStillTheVideos() {
    SocketViewers viewers = new SocketViewers();
    Promise<Pid> first = Promise.promise();
    Promise<Pid> second = Promise.promise();
    viewers.starting(7, first.future());
    viewers.remove(7);
    viewers.starting(7, second.future());

    viewers.forget(7, first.future());
    viewers.started(7, first.future(), ONE);

    assertThat(viewers.get(7)).isSameAs(second.future());
    viewers.forget(7, second.future());
    assertThat(viewers.size()).isZero();
  }

  @Test
  void anExitedViewerIsForgottenByPidWhicheverVideoItWasOfAndTheOthersKeepTheirOrder() {
    SocketViewers viewers = new SocketViewers();
    viewers.starting(1, Future.succeededFuture(ONE));
    viewers.starting(2, Future.succeededFuture(TWO));
    viewers.starting(3, Promise.<Pid>promise().future());
    viewers.started(1, viewers.get(1), ONE);

    viewers.forget(TWO);
    viewers.forget(ONE);

    assertThat(viewers.videos()).containsExactly(3L);
    viewers.starting(4, Future.succeededFuture(TWO));
    assertThat(viewers.videos()).containsExactly(3L, 4L);
    List<Future<Pid>> all = new ArrayList<>();
    viewers.forEach(all::add);
    assertThat(all).hasSize(2);
    assertThat(viewers.remove(3)).isNotNull();
    assertThat(viewers.remove(3)).isNull();
  }
}
