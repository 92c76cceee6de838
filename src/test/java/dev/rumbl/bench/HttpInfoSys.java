package dev.rumbl.bench;

import dev.rumbl.config.ConfigLoader;
import dev.rumbl.Rumbl;
import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.backend.LocalBackends;
import dev.rumbl.otp.Node;
import dev.rumbl.web.HttpEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6: {@code GET /api/infosys} of the whole application (InfoSys with the local backend
 * only) under Debian's {@code wrk} on 127.0.0.1, against {@link RawInfoSysServer}, a plain Router
 * answering the same JSON from the same local backend. {@value #SCRIPT} asks a new question with
 * every request, so the application's cache never answers. Both sides are first asked the same
 * question and must give the same body; a run with any socket error, timeout or non-2xx answer
 * fails. One warm-up run each, then {@code http.rounds} runs, interleaved, each figure the median.
 * Skipped, with a note, when wrk is not installed.
 */
final class HttpInfoSys implements Scenario {

  static final String KEY_THROUGHPUT = "http.throughput";
  static final String KEY_P50 = "http.p50_us";
  static final String KEY_P90 = "http.p90_us";
  static final String KEY_P99 = "http.p99_us";
  static final String SCRIPT = "bench/wrk/infosys.lua";
  private static final String WRK = "wrk";
  private static final String LINE = "WRK ";
  private static final String CHECK_PATH = "/api/infosys?q=capital+of+France";
  private static final int WARMUPS = 1;
  private static final long WRK_GRACE_SECONDS = 30;

  private record Figures(double throughput, double p50, double p90, double p99) {
  }

  @Override
  public String name() {
    return "6. http infosys";
  }

  @Override
  public List<Measurement> run(BenchConfig config) throws IOException, InterruptedException {
    if (!Executables.installed(WRK)) {
      System.out.println("wrk is not installed: scenario 6 is skipped (apt-get install wrk)");
      return List.of();
    }
    BenchConfig.Http http = config.http();
    double[][] rumbl = new double[4][http.rounds()];
    double[][] raw = new double[4][http.rounds()];
    Vertx rumblVertx = Vertx.vertx();
    Vertx rawVertx = Vertx.vertx();
    String application = null;
    try {
      application = startApplication(rumblVertx);
      int rumblPort = HttpEndpoint.port(Node.of(rumblVertx)).await();
      int rawPort = startRaw(rawVertx);
      requireSameAnswer(rumblPort, rawPort);
      for (int round = 0; round < WARMUPS + http.rounds(); round++) {
        Figures rawFigures = wrk(http, rawPort);
        Figures rumblFigures = wrk(http, rumblPort);
        if (round >= WARMUPS) {
          record(raw, round - WARMUPS, rawFigures);
          record(rumbl, round - WARMUPS, rumblFigures);
        }
      }
    } finally {
      if (application != null) {
        rumblVertx.undeploy(application).await();
      }
      rumblVertx.close().await();
      rawVertx.close().await();
    }
    String load = ", " + http.connections() + " connections";
    Measurement.Direction lower = Measurement.Direction.LOWER_IS_BETTER;
    return List.of(
      Measurement.of(KEY_THROUGHPUT, name(), "GET /api/infosys, local backend" + load, "req/s", Measurement.Direction.HIGHER_IS_BETTER,
        Stats.median(rumbl[0]), Stats.median(raw[0]), Target.none()),
      Measurement.of(KEY_P50, name(), "latency p50" + load, "µs", lower, Stats.median(rumbl[1]), Stats.median(raw[1]), Target.none()),
      Measurement.of(KEY_P90, name(), "latency p90" + load, "µs", lower, Stats.median(rumbl[2]), Stats.median(raw[2]), Target.none()),
      Measurement.of(KEY_P99, name(), "latency p99" + load, "µs", lower, Stats.median(rumbl[3]), Stats.median(raw[3]), Target.none()));
  }

  private static void record(double[][] figures, int index, Figures round) {
    figures[0][index] = round.throughput();
    figures[1][index] = round.p50();
    figures[2][index] = round.p90();
    figures[3][index] = round.p99();
  }

  /** Deploys the whole application, as Main runs it, with the local backend only, on 127.0.0.1. */
  private static String startApplication(Vertx vertx) {
    JsonObject given = new JsonObject()
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
      .put(InfoSysConfig.SECTION, new JsonObject().put(InfoSysConfig.BACKENDS, new JsonArray().add("local")));
    JsonObject config = ConfigLoader.load(given, Map.of());
    return vertx.deployVerticle(new Rumbl(reason -> { }), new DeploymentOptions().setConfig(config)).await();
  }

  private static int startRaw(Vertx vertx) {
    Backend local = LocalBackends.create(vertx, InfoSysConfig.defaults()).await();
    RawInfoSysServer server = new RawInfoSysServer(local);
    vertx.deployVerticle(server).await();
    return server.port();
  }

  private static void requireSameAnswer(int rumblPort, int rawPort) throws IOException, InterruptedException {
    JsonObject rumbl = get(rumblPort);
    JsonObject raw = get(rawPort);
    if (!rumbl.equals(raw) || rumbl.getJsonArray("results", new JsonArray()).isEmpty()) {
      throw new IllegalStateException("the two servers answer differently: rumbl " + rumbl + ", raw " + raw);
    }
  }

  private static JsonObject get(int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CHECK_PATH)).build(),
      HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("port " + port + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  /** One wrk run against the port; fails on any error wrk counted. */
  private static Figures wrk(BenchConfig.Http http, int port) throws IOException, InterruptedException {
    java.lang.Process wrk = new ProcessBuilder(List.of(WRK, "-t" + http.threads(), "-c" + http.connections(),
      "-d" + http.seconds() + "s", "-s", SCRIPT, "http://127.0.0.1:" + port))
      .redirectErrorStream(true)
      .start();
    Map<String, Double> figures = new HashMap<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith(LINE)) {
          String[] parts = line.substring(LINE.length()).trim().split("\\s+");
          figures.put(parts[0], Double.parseDouble(parts[1]));
        }
      }
    }
    if (!wrk.waitFor(http.seconds() + WRK_GRACE_SECONDS, TimeUnit.SECONDS) || wrk.exitValue() != 0
      || !figures.containsKey("requests") || figures.get("errors") != 0 || figures.get("requests") == 0) {
      wrk.destroyForcibly();
      throw new IllegalStateException("wrk failed or counted errors against port " + port + ":\n" + output);
    }
    double seconds = figures.get("duration_us") / 1e6;
    return new Figures(figures.get("requests") / seconds, figures.get("p50_us"), figures.get("p90_us"), figures.get("p99_us"));
  }
}
