package dev.rumbl.bench;

import dev.rumbl.testing.StoreKind;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TestPostgres;
import dev.rumbl.video.Annotation;
import dev.rumbl.video.AnnotationCursor;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Storage;
import dev.rumbl.video.StorageSettings;
import dev.rumbl.video.VideoStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 8: the storage, on H2 and on PostgreSQL in the same run, through the whole application
 * ("Rumbl": HTTP, the video's channel, the store, the broadcast) and through the store alone ("raw":
 * {@link VideoStore}'s calls on the same pool, no HTTP, no channel).
 *
 * <p>Writes: {@value #WRITERS} concurrent writers annotate one video for {@code bench.storage.seconds}
 * (default: {@code bench.http.seconds}, 10) after a warm-up of up to {@value #WARMUP_SECONDS} s; the figure is
 * annotations stored and delivered to a viewer a second, and the latency from the HTTP request to
 * the viewer's receipt of the broadcast on the SockJS bridge (raw: the store's call).
 *
 * <p>Reads: a video of {@code bench.storage.annotations} (default: {@code bench.children}, 100,000,
 * so that the test suite's tiny sizes make it small too) annotations, inserted beforehand in one JDBC batch, read whole in pages of {@value #PAGE} by
 * {@value #READERS} concurrent readers, each page after the cursor of the previous one; the figure
 * is pages a second and the latency of one page. PostgreSQL rows are left out, with a note, when the
 * tests' server ({@link TestPostgres}) does not answer.
 */
final class StorageThroughput implements Scenario {

  static final String SECONDS = "bench.storage.seconds";
  static final String ANNOTATIONS = "bench.storage.annotations";
  static final int WRITERS = 64;
  static final int READERS = 8;
  static final int PAGE = 1000;
  static final int WARMUP_SECONDS = 3;
  private static final int ACCOUNTS = 8;

  private record Figures(double perSecond, double p50Us, double p99Us) {
  }

  @Override
  public String name() {
    return "8. storage";
  }

  @Override
  public List<Measurement> run(BenchConfig config) throws Exception {
    int seconds = Integer.getInteger(SECONDS, config.http().seconds());
    int annotations = Integer.getInteger(ANNOTATIONS, config.children());
    List<Measurement> measurements = new ArrayList<>();
    for (StoreKind kind : StoreKind.values()) {
      if (kind == StoreKind.POSTGRES && !TestPostgres.isReachable()) {
        System.out.println("  PostgreSQL rows left out: no server answers at " + TestPostgres.URL_VARIABLE + " (scripts/test-postgres.sh starts one)");
        continue;
      }
      measurements.addAll(measure(kind, seconds, annotations));
    }
    return measurements;
  }

  private static List<Measurement> measure(StoreKind kind, int seconds, int annotations) throws Exception {
    String db = kind == StoreKind.H2 ? "H2" : "PostgreSQL";
    String key = "storage." + kind.name().toLowerCase();
    Vertx vertx = Vertx.vertx();
    try {
      Path dataDir = Files.createTempDirectory("bench-storage-");
      JsonObject overrides = TestApp.LOCAL_ONLY.copy().mergeIn(kind.appOverrides()).put("dataDir", dataDir.toString())
        .put("limits", new JsonObject().put("annotationsPerSecond", 1_000_000).put("annotationsBurst", 1_000_000)
          .put("signUpsPerMinute", 100_000).put("signInsPerMinute", 100_000));
      TestApp app = TestApp.start(vertx, overrides).await();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        tokens.add(app.token("writer-" + i));
      }
      long video = createVideo(app, tokens.get(0), "writes");
      VideoStore store = Storage.store(vertx);

      int warmUp = Math.min(WARMUP_SECONDS, seconds);
      httpWrites(app, tokens, video, warmUp);
      Figures http = httpWrites(app, tokens, video, seconds);
      rawWrites(vertx, store, video, warmUp);
      Figures raw = rawWrites(vertx, store, video, seconds);

      long readVideo = createVideo(app, tokens.get(0), "reads");
      seed(kind, overrides, dataDir, readVideo, annotations);
      httpReads(app, readVideo);
      Figures httpRead = httpReads(app, readVideo);
      rawReads(vertx, store, readVideo);
      Figures rawRead = rawReads(vertx, store, readVideo);
      app.stop().await();

      String writes = WRITERS + " writers, " + db;
      String reads = "pages of " + PAGE + " of " + annotations + ", " + READERS + " readers, " + db;
      return List.of(
        Measurement.of(key + ".annotate_per_s", "8. storage", "annotations stored and delivered/s, " + writes, "1/s",
          Measurement.Direction.HIGHER_IS_BETTER, http.perSecond(), raw.perSecond(), Target.none()),
        Measurement.of(key + ".annotate_p50_us", "8. storage", "request to viewer p50, " + writes, "us",
          Measurement.Direction.LOWER_IS_BETTER, http.p50Us(), raw.p50Us(), Target.none()),
        Measurement.of(key + ".annotate_p99_us", "8. storage", "request to viewer p99, " + writes, "us",
          Measurement.Direction.LOWER_IS_BETTER, http.p99Us(), raw.p99Us(), Target.none()),
        Measurement.of(key + ".page_per_s", "8. storage", "pages/s, " + reads, "1/s",
          Measurement.Direction.HIGHER_IS_BETTER, httpRead.perSecond(), rawRead.perSecond(), Target.none()),
        Measurement.of(key + ".page_p50_us", "8. storage", "page p50, " + reads, "us",
          Measurement.Direction.LOWER_IS_BETTER, httpRead.p50Us(), rawRead.p50Us(), Target.none()),
        Measurement.of(key + ".page_p99_us", "8. storage", "page p99, " + reads, "us",
          Measurement.Direction.LOWER_IS_BETTER, httpRead.p99Us(), rawRead.p99Us(), Target.none()));
    } finally {
      vertx.close().await();
    }
  }

  private static long createVideo(TestApp app, String token, String title) {
    return app.client().post("/api/videos").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("title", title)).await().bodyAsJsonObject().getLong("id");
  }

  /** Writers over HTTP for a while; each annotation timed from its request to its broadcast's arrival at a viewer on the bridge. */
  private static Figures httpWrites(TestApp app, List<String> tokens, long video, int seconds) throws InterruptedException {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    WebSocket viewer = app.vertx().createWebSocketClient().connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
    java.util.function.Consumer<JsonObject> received = frame -> {
      JsonObject body = frame.getValue("body") instanceof JsonObject object ? object : null;
      Long start = body == null ? null : sentAt.remove(body.getString("body", ""));
      if (start != null) {
        latencies.add(System.nanoTime() - start);
      }
    };
    viewer.textMessageHandler(text -> received.accept(new JsonObject(text)));
    viewer.binaryMessageHandler(bytes -> received.accept(bytes.toJsonObject()));
    viewer.writeTextMessage(new JsonObject().put("type", "register").put("address", "videos." + video).encode()).await();
    Thread.sleep(200);
    WebClient client = app.client();
    AtomicBoolean running = new AtomicBoolean(true);
    long start = System.nanoTime();
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String token = tokens.get(w % tokens.size());
      String prefix = "w" + w + "-" + start + " ";
      writers.add(Repeat.untilStopped(running, n -> {
        String body = prefix + n;
        sentAt.put(body, System.nanoTime());
        return client.post("/api/videos/" + video + "/annotations").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("body", body).put("at", n % 100_000))
          .compose(response -> response.statusCode() == 201 ? Future.succeededFuture()
            : Future.failedFuture("annotate answered " + response.statusCode() + " " + response.bodyAsString()));
      }));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int delivered = latencies.size();
    Future.all(writers).await();
    Thread.sleep(500);
    viewer.close().await();
    return figures(delivered / elapsed, latencies);
  }

  private static Figures rawWrites(Vertx vertx, VideoStore store, long video, int seconds) throws InterruptedException {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long start = System.nanoTime();
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String user = "writer-" + (w % ACCOUNTS);
      writers.add(onContext(vertx, () -> Repeat.untilStopped(running, n -> {
        long began = System.nanoTime();
        return store.annotate(video, new AnnotationInput(user, "raw " + n, n % 100_000), null)
          .<Void>map(stored -> {
            latencies.add(System.nanoTime() - began);
            return null;
          });
      })));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int done = latencies.size();
    Future.all(writers).await();
    return figures(done / elapsed, latencies);
  }

  /** Inserts the read video's annotations in JDBC batches of 5,000, as a database of that size would hold them. */
  private static void seed(StoreKind kind, JsonObject overrides, Path dataDir, long video, int count) throws SQLException {
    try (Connection connection = kind == StoreKind.H2
      ? DriverManager.getConnection(StorageSettings.inDataDir(dataDir).jdbcUrl(false), StorageSettings.DEFAULT_USER, "")
      : TestPostgres.connect(overrides.getJsonObject("storage").getString("url"))) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO annotations (video_id, user_id, body, at_ms, url) VALUES (?, (SELECT id FROM users WHERE username = 'writer-0'), ?, ?, NULL)")) {
        for (int i = 0; i < count; i++) {
          insert.setLong(1, video);
          insert.setString(2, "stored annotation number " + i);
          insert.setInt(3, (int) ((i * 7919L) % 3_600_000));
          insert.addBatch();
          if (i % 5000 == 4999) {
            insert.executeBatch();
            connection.commit();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
    }
  }

  /** Readers walking the whole video over HTTP, a page after the other. */
  private static Figures httpReads(TestApp app, long video) {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    List<Future<Void>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(httpPages(app.client(), video, "", latencies));
    }
    Future.all(readers).await();
    return figures(latencies.size() / ((System.nanoTime() - start) / 1e9), latencies);
  }

  private static Future<Void> httpPages(WebClient client, long video, String after, ConcurrentLinkedQueue<Long> latencies) {
    long began = System.nanoTime();
    return client.get("/api/videos/" + video + "/annotations?limit=" + PAGE + after).send().compose(response -> {
      latencies.add(System.nanoTime() - began);
      JsonArray page = response.bodyAsJsonArray();
      if (page.size() < PAGE) {
        return Future.succeededFuture();
      }
      JsonObject last = page.getJsonObject(page.size() - 1);
      return httpPages(client, video, "&after=" + last.getInteger("at") + ":" + last.getLong("id"), latencies);
    });
  }

  private static Figures rawReads(Vertx vertx, VideoStore store, long video) {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    List<Future<Void>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(onContext(vertx, () -> storePages(store, video, AnnotationCursor.START, latencies)));
    }
    Future.all(readers).await();
    return figures(latencies.size() / ((System.nanoTime() - start) / 1e9), latencies);
  }

  private static Future<Void> storePages(VideoStore store, long video, AnnotationCursor after, ConcurrentLinkedQueue<Long> latencies) {
    long began = System.nanoTime();
    return store.annotations(video, after, PAGE).compose(page -> {
      latencies.add(System.nanoTime() - began);
      if (page.size() < PAGE) {
        return Future.succeededFuture();
      }
      Annotation last = page.get(page.size() - 1);
      return storePages(store, video, AnnotationCursor.after(last), latencies);
    });
  }

  private static <T> Future<T> onContext(Vertx vertx, java.util.function.Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    vertx.runOnContext(ignored -> work.get().onComplete(promise));
    return promise.future();
  }

  private static Figures figures(double perSecond, ConcurrentLinkedQueue<Long> nanos) {
    long[] samples = nanos.stream().mapToLong(value -> value / 1000).toArray();
    return new Figures(perSecond, Stats.percentile(samples, 50), Stats.percentile(samples, 99));
  }
}
