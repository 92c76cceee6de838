package dev.rumbl.bench;

import dev.rumbl.Rumbl;
import dev.rumbl.config.ConfigLoader;
import dev.rumbl.otp.ChildCounts;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.video.Viewers;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Scenario 7: many viewers of one video on one node. Load generators ({@link ViewerLoad}, one JVM
 * per {@code viewers.perGenerator} viewers, each from its own loopback source address 127.0.0.x)
 * open N viewers through the bridge's published protocol; then the scenario measures (a) the time
 * from "go" until the server has them all joined (Rumbl: a viewer process each; the baseline: the
 * bridge's registration), (b) the server's heap (after a GC) and RSS per idle viewer, (c) one
 * annotation, sent over the bridge by a signed-in writer, reaching every viewer: the first, the
 * median, the 99th percentile and the last viewer's latency (the median of
 * {@code viewers.broadcasts} broadcasts), then (d) with {@code viewers.streamViewers} viewers, a
 * steady stream of annotations ({@code viewers.window} in flight, for {@code viewers.streamSeconds}
 * s): deliveries a second and their p99 latency. The baseline is {@link RawBridgeServer}, a plain
 * vertx-web SockJS bridge whose consumer publishes each message it gets, measured after Rumbl at
 * each size in the same JVM. Every viewer must get every annotation, else the run fails.
 */
final class ViewersAtScale implements Scenario {

  static final String KEY_PREFIX = "viewers.";
  private static final long JOIN_TIMEOUT_MS = 300_000;
  private static final long DELIVERY_TIMEOUT_MS = 60_000;
  private static final int STREAM_FROM = 1_000_000;

  @Override
  public String name() {
    return "7. viewers";
  }

  @Override
  public List<Measurement> run(BenchConfig config) throws Exception {
    BenchConfig.Viewers load = config.viewers();
    int largest = Arrays.stream(load.sizes()).max().orElse(1);
    Vertx rumblVertx = Vertx.vertx();
    Vertx rawVertx = Vertx.vertx();
    List<Measurement> measurements = new ArrayList<>();
    try {
      rumblVertx.deployVerticle(new Rumbl(reason -> { }), new DeploymentOptions().setConfig(applicationConfig(largest))).await();
      Node node = Node.of(rumblVertx);
      int rumblPort = HttpEndpoint.port(node).await();
      WebClient http = WebClient.create(rumblVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(rumblPort));
      String token = signUp(http);
      long video = http.post("/api/videos").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("title", "At scale"))
        .await().bodyAsJsonObject().getLong("id");
      RawBridgeServer raw = new RawBridgeServer(video);
      rawVertx.deployVerticle(raw).await();
      Side rumbl = new Side("rumbl", rumblPort, token, () -> joined(node));
      Side plain = new Side("raw", raw.port(), null, raw::registered);
      for (int size : load.sizes()) {
        Figures ours = atSize(rumblVertx, rumbl, video, size, load);
        Figures theirs = atSize(rawVertx, plain, video, size, load);
        measurements.addAll(ours.measurements(name(), size, theirs));
      }
      Stream ours = stream(rumblVertx, rumbl, video, load);
      Stream theirs = stream(rawVertx, plain, video, load);
      String metric = load.streamViewers() + " viewers, " + load.window() + " in flight";
      measurements.add(Measurement.of(KEY_PREFIX + "stream.rate", name(), "stream deliveries, " + metric, "/s",
        Measurement.Direction.HIGHER_IS_BETTER, ours.rate(), theirs.rate(), Target.ratioAtLeast(0.8)));
      measurements.add(Measurement.of(KEY_PREFIX + "stream.p99", name(), "stream latency p99, " + metric, "ms",
        Measurement.Direction.LOWER_IS_BETTER, ours.p99(), theirs.p99(), Target.none()));
      http.close();
    } finally {
      rumblVertx.close().await();
      rawVertx.close().await();
    }
    return measurements;
  }

  /** One server under test: its port, a writer's token (null: none needed) and how many viewers it has joined. */
  private record Side(String name, int port, String token, IntSupplier joined) {
  }

  private static int joined(Node node) {
    ChildCounts counts = Supervisor.countChildren(node, Name.local(Viewers.VIEWERS)).await();
    return counts.active();
  }

  /** The figures of one size on one side; latencies in ms, memory in KiB a viewer. */
  private record Figures(double joinMs, double heapKib, double rssKib, double first, double median, double p99, double last) {

    List<Measurement> measurements(String scenario, int size, Figures raw) {
      String key = KEY_PREFIX + size + ".";
      Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
      String n = size + " viewers";
      return List.of(
        Measurement.of(key + "join_ms", scenario, n + ": connect and join all", "ms", lower, joinMs, raw.joinMs, Target.none()),
        Measurement.of(key + "heap_kib", scenario, n + ": heap per idle viewer", "KiB", lower, heapKib, raw.heapKib,
          Target.valueAtMost(20, "KiB")),
        Measurement.of(key + "rss_kib", scenario, n + ": RSS per idle viewer", "KiB", lower, rssKib, raw.rssKib, Target.none()),
        Measurement.of(key + "first_ms", scenario, n + ": broadcast, first viewer", "ms", lower, first, raw.first, Target.none()),
        Measurement.of(key + "median_ms", scenario, n + ": broadcast, median viewer", "ms", lower, median, raw.median, Target.none()),
        Measurement.of(key + "p99_ms", scenario, n + ": broadcast, p99", "ms", lower, p99, raw.p99,
          size >= 10_000 ? Target.valueAtMost(250, "ms") : Target.none()),
        Measurement.of(key + "last_ms", scenario, n + ": broadcast, last viewer", "ms", lower, last, raw.last, Target.none()));
    }
  }

  private record Stream(double rate, double p99) {
  }

  private Figures atSize(Vertx vertx, Side side, long video, int size, BenchConfig.Viewers load) throws Exception {
    long heapBefore = heapAfterGc();
    long rssBefore = rss();
    try (Generators generators = Generators.start(side.port(), video, size, load.perGenerator(), STREAM_FROM)) {
      long started = System.nanoTime();
      int connected = generators.go();
      awaitJoined(side, connected);
      double joinMs = (System.nanoTime() - started) / 1e6;
      double heapKib = (heapAfterGc() - heapBefore) / 1024.0 / connected;
      double rssKib = (rss() - rssBefore) / 1024.0 / connected;
      System.out.printf("  %s, %d viewers (%d asked): joined in %.0f ms, %.1f KiB heap, %.1f KiB RSS a viewer%n",
        side.name(), connected, size, joinMs, heapKib, rssKib);
      double[][] broadcasts = new double[4][load.broadcasts()];
      try (Writer writer = Writer.open(vertx, side.port(), side.token())) {
        for (int round = 0; round < load.broadcasts(); round++) {
          int seq = round + 1;
          writer.send(video, seq).await();
          long[] latencies = generators.latencies(seq, connected, DELIVERY_TIMEOUT_MS);
          Arrays.sort(latencies);
          broadcasts[0][round] = latencies[0] / 1e6;
          broadcasts[1][round] = Stats.percentile(latencies, 50) / 1e6;
          broadcasts[2][round] = Stats.percentile(latencies, 99) / 1e6;
          broadcasts[3][round] = latencies[latencies.length - 1] / 1e6;
        }
      }
      Figures figures = new Figures(joinMs, heapKib, rssKib, Stats.median(broadcasts[0]), Stats.median(broadcasts[1]),
        Stats.median(broadcasts[2]), Stats.median(broadcasts[3]));
      System.out.printf("  %s, %d viewers: broadcast first %.1f, median %.1f, p99 %.1f, last %.1f ms%n",
        side.name(), connected, figures.first(), figures.median(), figures.p99(), figures.last());
      generators.quit();
      awaitJoined(side, 0);
      return figures;
    }
  }

  private Stream stream(Vertx vertx, Side side, long video, BenchConfig.Viewers load) throws Exception {
    try (Generators generators = Generators.start(side.port(), video, load.streamViewers(), load.perGenerator(), STREAM_FROM)) {
      int connected = generators.go();
      awaitJoined(side, connected);
      int sent;
      try (Writer writer = Writer.open(vertx, side.port(), side.token())) {
        sent = writer.stream(video, STREAM_FROM, load.window(), load.streamSeconds() * 1000L);
      }
      Generators.StreamFigures figures = generators.stream((long) sent * connected, DELIVERY_TIMEOUT_MS);
      System.out.printf("  %s stream: %d annotations to %d viewers, %d deliveries, %.0f a second, p99 %.0f ms%n",
        side.name(), sent, connected, figures.deliveries(), figures.rate(), figures.p99Ms());
      generators.quit();
      awaitJoined(side, 0);
      return new Stream(figures.rate(), figures.p99Ms());
    }
  }

  private static void awaitJoined(Side side, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + JOIN_TIMEOUT_MS;
    while (side.joined().getAsInt() != count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(side.name() + ": " + side.joined().getAsInt() + " viewers joined, not " + count);
      }
      Thread.sleep(20);
    }
  }

  private static JsonObject applicationConfig(int largest) throws IOException {
    Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")), "viewers-");
    JsonObject given = new JsonObject()
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put("dataDir", data.toString())
      .put("infosys", new JsonObject().put("backends", new JsonArray().add("local")))
      .put("videos", new JsonObject().put("maxSockets", largest + 100))
      .put("limits", new JsonObject().put("annotationsPerSecond", 1_000_000).put("annotationsBurst", 1_000_000));
    return ConfigLoader.load(given, Map.of());
  }

  private static String signUp(WebClient http) {
    JsonObject account = new JsonObject().put("username", "bench").put("password", "bench-password");
    http.post("/api/users").sendJsonObject(account).await();
    return http.post("/api/sessions").sendJsonObject(account).await().bodyAsJsonObject().getString("token");
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The JVM's resident set, from /proc (0 where there is none). */
  private static long rss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  /** The java of this JVM, for the generators. */
  static String java() {
    return new File(System.getProperty("java.home"), "bin/java").getPath();
  }
}
