package dev.rumbl.video;

import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.HeldBackend;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A channel's InfoSys question counts against the node's maximum of computes: past it the annotation is stored, unanswered. */
@ExtendWith(VertxExtension.class)
class ChannelOverloadTest {

  @TempDir
  Path dataDir;

  @Test
  void pastTheMaximumAnAnnotationIsStoredWithoutAnAnswerAndTheChannelKeepsRunning(Vertx vertx) {
    HeldBackend held = new HeldBackend("wikipedia");
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("wikipedia")).withMaxConcurrentComputes(1);
    Node node = Node.of(vertx);
    Supervisor.start(node, SupervisorSpec.oneForOne(
      Storage.childSpec(dataDir, VideoTree.BACKEND_USERS),
      InfoSys.childSpec(config, BackendCatalog.standard().with("wikipedia", held.factory())),
      Channels.supervisorSpec())).await();
    Video video = Storage.store(vertx).createVideo(new VideoInput("Busy", "")).await();
    Future<List<Result>> occupying = InfoSys.compute(node, "someone else's question", ComputeOptions.defaults());
    Eventually.until("the only slot is taken", 10_000, () -> held.waiting() == 1);

    Channels.annotate(node, video.id(), new AnnotationInput("ann", "unanswered", 100)).await();
    Pid channel = Channels.join(node, video.id()).await();

    assertThat(held.waiting()).as("the channel's question never reached the backend").isEqualTo(1);
    held.release();
    assertThat(occupying.await()).hasSize(1);
    assertThat(InfoSys.computesInFlight(vertx)).isZero();

    Channels.annotate(node, video.id(), new AnnotationInput("ann", "answered", 200)).await();
    Eventually.until("the channel's next question reaches the backend", 10_000, () -> held.waiting() == 1);
    held.release();
    Eventually.until("the answer is stored", 10_000, () -> Storage.store(vertx).annotations(video.id()).await().size() == 3);
    assertThat(Storage.store(vertx).annotations(video.id()).await())
      .extracting(Annotation::user, Annotation::body)
      .containsExactly(
        tuple("ann", "unanswered"),
        tuple("ann", "answered"),
        tuple("wikipedia", "wikipedia says answered"));
    assertThat(Channels.join(node, video.id()).await()).isEqualTo(channel);
  }
}
