package dev.rumbl.video;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class StorageTest {

  @TempDir
  Path dataDir;

  private Pid startStorage(Vertx vertx, List<String> users) {
    return Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(Storage.childSpec(dataDir, users))).await();
  }

  private static void stop(Vertx vertx, Pid supervisor) {
    Node.of(vertx).stop(supervisor, ExitReason.shutdown()).await();
  }

  @Test
  void createsTheDatabaseInTheDataDirectoryAndSeedsOneUserPerBackendOnce(Vertx vertx) {
    Pid first = startStorage(vertx, VideoTree.BACKEND_USERS);
    stop(vertx, first);
    startStorage(vertx, VideoTree.BACKEND_USERS);

    assertThat(dataDir.resolve(Storage.DATABASE + ".mv.db")).exists();
    assertThat(Storage.store(vertx).usernames().await()).containsExactlyInAnyOrder("local", "wikipedia", "wolfram");
  }

  @Test
  void storesVideosAndListsAnnotationsByTimeThenId(Vertx vertx) {
    startStorage(vertx, List.of());
    VideoStore store = Storage.store(vertx);

    Video video = store.createVideo(new VideoInput("Lecture", "")).await();
    Annotation late = store.annotate(video.id(), new AnnotationInput("ann", "late", 5000), null).await();
    Annotation early = store.annotate(video.id(), new AnnotationInput("bob", "early", 1000), "https://example.org/x").await();
    Annotation alsoLate = store.annotate(video.id(), new AnnotationInput("ann", "also late", 5000), null).await();

    assertThat(store.video(video.id()).await()).isEqualTo(video);
    assertThat(store.videos().await()).containsExactly(video);
    assertThat(store.annotations(video.id()).await()).containsExactly(early, late, alsoLate);
    assertThat(early.url()).isEqualTo("https://example.org/x");
    assertThat(store.usernames().await()).containsExactly("ann", "bob");
  }

  @Test
  void everythingStoredIsThereAfterTheStorageRestarts(Vertx vertx) {
    Pid first = startStorage(vertx, List.of());
    Video video = Storage.store(vertx).createVideo(new VideoInput("Kept", "https://example.org/v.mp4")).await();
    Annotation note = Storage.store(vertx).annotate(video.id(), new AnnotationInput("ann", "hello", 10), null).await();
    stop(vertx, first);
    assertThat(Storage.store(vertx)).isNull();

    startStorage(vertx, List.of());

    assertThat(Storage.store(vertx).videos().await()).containsExactly(video);
    assertThat(Storage.store(vertx).annotations(video.id()).await()).containsExactly(note);
  }

  @Test
  void nodesStartingAtOnceAgainstOneDatabaseAllStartAndShareIt(Vertx vertx) {
    List<Vertx> others = List.of(Vertx.vertx(), Vertx.vertx());
    try {
      for (int round = 0; round < 3; round++) {
        Path shared = dataDir.resolve("round-" + round);
        List<Vertx> nodes = List.of(vertx, others.get(0), others.get(1));
        List<Future<Pid>> starts = nodes.stream()
          .map(node -> Supervisor.start(Node.of(node), SupervisorSpec.oneForOne(Storage.childSpec(shared, VideoTree.BACKEND_USERS))))
          .toList();
        Future.all(starts).await();

        Video video = Storage.store(others.get(0)).createVideo(new VideoInput("Shared " + round, "")).await();
        for (Vertx node : nodes) {
          assertThat(Storage.store(node).usernames().await()).containsExactlyInAnyOrderElementsOf(VideoTree.BACKEND_USERS);
          assertThat(Storage.store(node).video(video.id()).await()).isEqualTo(video);
        }
        for (int i = 0; i < nodes.size(); i++) {
          stop(nodes.get(i), starts.get(i).result());
        }
      }
    } finally {
      others.forEach(other -> other.close().await());
    }
  }

  @Test
  void anUnknownVideoFailsWithUnknownVideo(Vertx vertx) {
    startStorage(vertx, List.of());

    assertThatThrownBy(() -> Storage.store(vertx).video(42).await()).isInstanceOf(UnknownVideo.class);
  }

  @Test
  void whileAKilledStorageIsOnItsWayOutItsStoreFailsOnlyAsUnavailable(Vertx vertx) {
    Node node = Node.of(vertx);
    startStorage(vertx, List.of());
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Going", "")).await();
    Pid storage = node.whereis(Name.local(Storage.NAME)).await();
    List<Throwable> failures = new ArrayList<>();

    node.exit(storage, ExitReason.kill());
    while (node.isAlive(storage)) {
      store.video(video.id()).otherwise(error -> {
        failures.add(error);
        return null;
      }).await();
    }

    assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(StorageUnavailable.class));
  }

  @Test
  void isRegisteredUnderItsName(Vertx vertx) {
    startStorage(vertx, List.of());

    assertThat(Node.of(vertx).whereis(Name.local(Storage.NAME)).await()).isNotNull();
  }
}
