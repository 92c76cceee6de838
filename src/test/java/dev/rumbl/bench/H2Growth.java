package dev.rumbl.bench;

import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Storage;
import dev.rumbl.video.Video;
import dev.rumbl.video.VideoInput;
import dev.rumbl.video.VideoStore;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures how the embedded H2 file grows per annotation (RELIABILITY.md, "What grows"): a storage
 * process on a new data directory, one writer annotating one video at a steady rate, the file's size
 * printed every ten seconds and per annotation at the end. Not a scenario of the table (it measures
 * bytes, not speed): {@code java -cp <bench classpath> dev.rumbl.bench.H2Growth <annotations> <per second>}.
 */
public final class H2Growth {

  private static final int WARM_UP = 200;

  private H2Growth() {
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    int perSecond = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("h2-growth-");
    Path file = dir.resolve(Storage.DATABASE + ".mv.db");
    Vertx vertx = Vertx.vertx();
    Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(Storage.childSpec(dir, List.of("local")))).await();
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Growth", "")).await();
    store.createUser("ann", "a hash").await();
    for (int i = 0; i < WARM_UP; i++) {
      store.annotate(video.id(), new AnnotationInput("ann", "warm-up " + i, i), null).await();
    }
    long before = Files.size(file);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      store.annotate(video.id(), new AnnotationInput("ann", "annotation body number " + i, i), null).await();
      long wait = start + (i + 1) * 1_000_000_000L / perSecond - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      if (i % (perSecond * 10) == 0) {
        System.out.println(i + " annotations: " + Files.size(file) + " bytes");
      }
    }
    long after = Files.size(file);
    System.out.printf("%d annotations at %d/s: file %d -> %d bytes, %.0f bytes per annotation%n",
      count, perSecond, before, after, (after - before) / (double) count);
    vertx.close().await();
  }
}
