package dev.rumbl.video;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.Result;
import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Restart;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(VertxExtension.class)
class ChannelTest {

  @TempDir
  Path dataDir;

  private static List<JsonObject> listen(Vertx vertx, String address) {
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(address, message -> seen.add(message.body())).completion().await();
    return seen;
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }

  @Test
  void anAnnotationIsStoredThenPublishedAndInfoSysAnswersAsTheBackendsUser(Vertx vertx) throws InterruptedException {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Math", "")).await();
    List<JsonObject> published = listen(vertx, Channels.broadcast(video.id()));

    JsonObject stored = Channels.annotate(node, video.id(), new AnnotationInput("ann", "1 + 1", 1500)).await();

    assertThat(stored.getString("user")).isEqualTo("ann");
    assertThat(stored.fieldNames()).containsExactlyInAnyOrder("id", "user", "body", "at", "videoId");
    awaitSize(published, 2);
    assertThat(published.get(0)).isEqualTo(stored);
    JsonObject answer = published.get(1);
    assertThat(answer.getString("user")).isEqualTo("local");
    assertThat(answer.getString("body")).isEqualTo("2");
    assertThat(answer.getInteger("at")).isEqualTo(1500);
    List<Annotation> kept = Storage.store(vertx).annotations(video.id()).await();
    assertThat(kept).extracting(Annotation::user).containsExactly("ann", "local");
  }

  @Test
  void aCallWithAnAnnotationIsStoredPublishedAndAnsweredWithTheStoredAnnotation(Vertx vertx) throws InterruptedException {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Bus", "")).await();
    Pid channel = Channels.join(node, video.id()).await();
    List<JsonObject> published = listen(vertx, Channels.broadcast(video.id()));

    JsonObject reply = node.<JsonObject>call(channel, new AnnotationInput("bob", "hello there", 42).toJson()).await();

    JsonObject stored = ((ChannelReply.Stored) ChannelReply.fromJson(reply)).annotation();
    awaitSize(published, 1);
    assertThat(published.get(0)).isEqualTo(stored);
    assertThat(Storage.store(vertx).annotations(video.id()).await()).extracting(Annotation::id).contains(stored.getLong("id"));
  }

  @Test
  void anInvalidAnnotationIsAnsweredInvalidAndStoresNothing(Vertx vertx) {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Bus", "")).await();
    Pid channel = Channels.join(node, video.id()).await();

    JsonObject reply = node.<JsonObject>call(channel, new JsonObject().put("user", "x")).await();

    assertThat(ChannelReply.fromJson(reply)).isInstanceOfSatisfying(ChannelReply.Invalid.class,
      invalid -> assertThat(invalid.reason()).contains("'body'"));
    assertThat(Storage.store(vertx).annotations(video.id()).await()).isEmpty();
    assertThat(node.isAlive(channel)).isTrue();
  }

  @Test
  void joiningAnUnknownVideoFailsAndStartsNoChannel(Vertx vertx) {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);

    assertThatThrownBy(() -> Channels.join(node, 99).await()).isInstanceOf(UnknownVideo.class);
    assertThat(node.whereis(Channel.name(node, 99)).await()).isNull();
  }

  @Test
  void joiningTwiceFindsTheSameChannel(Vertx vertx) {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Once", "")).await();

    assertThat(Channels.join(node, video.id()).await()).isEqualTo(Channels.join(node, video.id()).await());
  }

  @Test
  void aRunningChannelStoresThroughTheStorageThatReplacedAKilledOne(Vertx vertx) throws InterruptedException {
    VideoTree.start(vertx, dataDir);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Kept", "")).await();
    Channels.annotate(node, video.id(), new AnnotationInput("ann", "before", 1)).await();
    Pid channel = Channels.join(node, video.id()).await();
    Pid storage = node.whereis(Name.local(Storage.NAME)).await();

    node.exit(storage, ExitReason.kill());
    Pid restarted = node.whereis(Name.local(Storage.NAME)).await();
    for (int i = 0; i < 500 && (restarted == null || restarted.equals(storage) || Storage.store(vertx) == null); i++) {
      Thread.sleep(10);
      restarted = node.whereis(Name.local(Storage.NAME)).await();
    }
    JsonObject after = Channels.annotate(node, video.id(), new AnnotationInput("ann", "after", 2)).await();

    assertThat(restarted).isNotEqualTo(storage);
    assertThat(Channels.join(node, video.id()).await()).isEqualTo(channel);
    assertThat(Storage.store(vertx).annotations(video.id()).await()).extracting(Annotation::body).contains("before", "after");
    assertThat(after.getString("body")).isEqualTo("after");
  }

  @Test
  void whileNoStorageRunsAnnotationsAreRefusedAsUnavailableAndTheChannelKeepsRunning(Vertx vertx) {
    Node node = Node.of(vertx);
    Supervisor.start(node, SupervisorSpec.oneForOne(
      Storage.childSpec(dataDir, VideoTree.BACKEND_USERS).withRestart(Restart.TEMPORARY), Channels.supervisorSpec())).await();
    Video video = Storage.store(vertx).createVideo(new VideoInput("Gone", "")).await();
    Pid channel = Channels.join(node, video.id()).await();

    node.stop(node.whereis(Name.local(Storage.NAME)).await(), ExitReason.kill()).otherwiseEmpty().await();

    assertThat(Storage.store(vertx)).isNull();
    assertThatThrownBy(() -> Channels.annotate(node, video.id(), new AnnotationInput("ann", "lost", 1)).await())
      .isInstanceOf(StorageUnavailable.class);
    assertThatThrownBy(() -> Channels.join(node, video.id() + 1).await()).isInstanceOf(StorageUnavailable.class);
    assertThat(node.isAlive(channel)).isTrue();
  }

  @Test
  void aChannelWithNoAnnotationForItsIdleTimeStopsNormallyAndTheNextAnnotationStartsItAgain(Vertx vertx) throws TimeoutException {
    VideoTree.start(vertx, dataDir, new Answering("oracle", Future.succeededFuture(List.of())), 200);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Quiet", "")).await();
    Channels.annotate(node, video.id(), new AnnotationInput("ann", "first", 1)).await();
    Pid idle = Channels.join(node, video.id()).await();

    Down down = node.watch(idle).await(5, TimeUnit.SECONDS);
    JsonObject second = Channels.annotate(node, video.id(), new AnnotationInput("ann", "second", 2)).await();

    assertThat(down.reason()).isEqualTo(ExitReason.normal());
    assertThat(Channels.join(node, video.id()).await()).isNotEqualTo(idle);
    assertThat(second.getString("body")).isEqualTo("second");
    assertThat(Storage.store(vertx).annotations(video.id()).await()).extracting(Annotation::body).containsExactly("first", "second");
  }

  @Test
  void anIdleChannelWaitsForTheInfoSysAnswerItAskedForAndStoresItBeforeStopping(Vertx vertx) throws InterruptedException, TimeoutException {
    Promise<List<Result>> answer = Promise.promise();
    VideoTree.start(vertx, dataDir, new Answering("oracle", answer.future()), 100);
    Node node = Node.of(vertx);
    Video video = Storage.store(vertx).createVideo(new VideoInput("Slow", "")).await();
    Channels.annotate(node, video.id(), new AnnotationInput("ann", "what is it?", 7)).await();
    Pid channel = Channels.join(node, video.id()).await();
    Future<Down> down = node.watch(channel);

    Thread.sleep(500);
    assertThat(node.isAlive(channel)).isTrue();
    answer.complete(List.of(new Result("oracle", 90, "forty-two", null)));

    assertThat(down.await(5, TimeUnit.SECONDS).reason()).isEqualTo(ExitReason.normal());
    assertThat(Storage.store(vertx).annotations(video.id()).await()).extracting(Annotation::user, Annotation::body)
      .containsExactly(tuple("ann", "what is it?"), tuple("oracle", "forty-two"));
  }

  /** A backend that answers every question with the same Future. */
  private record Answering(String name, Future<List<Result>> results) implements Backend {
    @Override
    public Future<List<Result>> query(String text, int limit) {
      return results;
    }
  }
}
