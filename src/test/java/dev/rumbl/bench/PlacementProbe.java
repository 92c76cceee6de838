package dev.rumbl.bench;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Placement;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The placement experiment of BENCHMARKS.md ("Caller and server on one loop"): an HTTP route that
 * calls a counter process, served by one server instance per event loop (as Vert.x spreads a
 * server's connections), with one book Counter placed on each event loop. With {@code same}, a
 * request's handler calls the counter on its own loop; with {@code other}, the counter on the next
 * loop: the same processes, the same work, only the placement differs. Debian's {@code wrk} drives
 * {@code GET /counter} on 127.0.0.1 ({@code bench/wrk/counter.lua}), the two placements' runs
 * interleaved, one warm-up each, each figure printed. Not part of bench/run; run it with the
 * benchmarks' classpath:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" dev.rumbl.bench.PlacementProbe}
 * (-Dbench.http.rounds, -Dbench.http.seconds, -Dbench.http.connections).
 */
public final class PlacementProbe {

  private static final String SCRIPT = "bench/wrk/counter.lua";
  private static final int WARMUPS = 1;

  private PlacementProbe() {
  }

  /** One server instance: its handler calls the counter of its own loop, or of the next. */
  private static final class Route extends VerticleBase {
    private final Node node;
    private final List<Pid> counters;
    private final boolean sameLoop;
    private final int port;

    Route(Node node, List<Pid> counters, boolean sameLoop, int port) {
      this.node = node;
      this.counters = counters;
      this.sameLoop = sameLoop;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      int loop = node.callerLoopIndex();
      Pid counter = counters.get(sameLoop ? loop : (loop + 1) % counters.size());
      return vertx.createHttpServer()
        .requestHandler(request -> Counter.val(node, counter).onComplete(value -> {
          if (value.succeeded()) {
            request.response().putHeader("content-type", "application/json")
              .end(new JsonObject().put("value", value.result()).encode());
          } else {
            request.response().setStatusCode(500).end();
          }
        }))
        .listen(port);
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.http.rounds", 3);
    int seconds = Integer.getInteger("bench.http.seconds", 5);
    int connections = Integer.getInteger("bench.http.connections", 64);
    Map<Boolean, List<double[]>> figures = new HashMap<>();
    for (int round = 0; round < WARMUPS + rounds; round++) {
      for (boolean sameLoop : new boolean[] {false, true}) {
        double[] run = run(sameLoop, seconds, connections);
        String label = sameLoop ? "same loop " : "other loop";
        System.out.printf("%s %s: %.0f req/s, p50 %.0f µs, p90 %.0f µs, p99 %.0f µs%n", round < WARMUPS ? "warm-up" : "round  ",
          label, run[0], run[1], run[2], run[3]);
        if (round >= WARMUPS) {
          figures.computeIfAbsent(sameLoop, key -> new ArrayList<>()).add(run);
        }
      }
    }
    for (int i = 0; i < 4; i++) {
      double other = median(figures.get(false), i);
      double same = median(figures.get(true), i);
      System.out.printf("median %s: other loop %.0f, same loop %.0f, same/other %.2fx%n",
        new String[] {"req/s", "p50 µs", "p90 µs", "p99 µs"}[i], other, same, same / other);
    }
  }

  private static double median(List<double[]> runs, int index) {
    return Stats.median(runs.stream().mapToDouble(run -> run[index]).toArray());
  }

  /** A fresh Vert.x instance with the counters and the servers, under one wrk run. */
  private static double[] run(boolean sameLoop, int seconds, int connections) throws IOException, InterruptedException {
    Vertx vertx = Vertx.vertx();
    try {
      Node node = Node.of(vertx);
      int loops = node.eventLoopCount();
      List<ChildSpec> children = new ArrayList<>();
      for (int loop = 0; loop < loops; loop++) {
        String id = "counter." + loop;
        children.add(ChildSpec.worker(id, () -> new Counter(0).named(id)).withPlacement(Placement.loop(loop)));
      }
      Supervisor.start(node, SupervisorSpec.oneForOne(children.toArray(ChildSpec[]::new))).await();
      List<Pid> counters = new ArrayList<>();
      for (int loop = 0; loop < loops; loop++) {
        counters.add(node.whereis(dev.rumbl.otp.Name.local("counter." + loop)).await());
      }
      int port = 18_080;
      vertx.deployVerticle(() -> new Route(node, counters, sameLoop, port), new DeploymentOptions().setInstances(loops)).await();
      return wrk(port, seconds, connections);
    } finally {
      vertx.close().await();
    }
  }

  private static double[] wrk(int port, int seconds, int connections) throws IOException, InterruptedException {
    java.lang.Process wrk = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
      "-s", SCRIPT, "http://127.0.0.1:" + port + "/counter")).redirectErrorStream(true).start();
    Map<String, Double> values = new HashMap<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("WRK ")) {
          String[] parts = line.substring(4).trim().split("\\s+");
          values.put(parts[0], Double.parseDouble(parts[1]));
        }
      }
    }
    if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0 || values.getOrDefault("errors", 1.0) != 0) {
      throw new IllegalStateException("wrk failed or counted errors:\n" + output);
    }
    return new double[] {values.get("requests") / (values.get("duration_us") / 1e6), values.get("p50_us"), values.get("p90_us"), values.get("p99_us")};
  }
}
