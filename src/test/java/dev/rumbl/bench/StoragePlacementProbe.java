package dev.rumbl.bench;

import dev.rumbl.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The storage side of the placement experiment (BENCHMARKS.md, "Caller and server on one loop"):
 * what a channel's writes gain when the caller runs on the event loop of the database connections.
 * A vertx-pg-client pool (the store's kind, eight connections as the store's default) makes its
 * connections on the event loop of the context that asks for them; the probe opens all eight from a
 * context on loop 0, checks where each was made, then runs {@value #WRITERS} sequential writers,
 * each an insert of an annotation-sized row with {@code RETURNING}, as the store's insert, from a
 * context on loop 0 ("same") or loop 1 ("other"): the same connections, statement and server, only
 * the callers' loop differs, runs interleaved, one warm-up each. Figures: inserts a second, latency
 * p50 and p99, and the CPU time of the event loops per insert. Needs the tests' PostgreSQL server
 * (scripts/test-postgres.sh; RUMBL_TEST_PG_URL). Not part of bench/run; run it with the benchmarks'
 * classpath:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" dev.rumbl.bench.StoragePlacementProbe}
 * (-Dbench.storage.rounds, -Dbench.storage.seconds).
 */
public final class StoragePlacementProbe {

  private static final int WRITERS = 64;
  private static final int CONNECTIONS = 8;
  private static final int WARMUPS = 1;
  private static final String INSERT =
    "INSERT INTO probe_annotations (video_id, body, at_ms) VALUES ($1, $2, $3) RETURNING id, inserted_at";

  private StoragePlacementProbe() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.storage.rounds", 3);
    int seconds = Integer.getInteger("bench.storage.seconds", 5);
    Vertx vertx = Vertx.vertx();
    try {
      List<ContextInternal> loops = Loops.onEveryLoop(vertx);
      LoopCpu loopCpu = LoopCpu.of(loops);
      Set<String> madeOn = ConcurrentHashMap.newKeySet();
      Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(CONNECTIONS))
        .connectingTo(PgConnectOptions.fromUri(TestPostgres.freshDatabase()))
        .withConnectHandler(connection -> {
          madeOn.add(Thread.currentThread().getName());
          connection.close();
        })
        .using(vertx)
        .build();
      Loops.await(loops.get(0), () -> pool.query("CREATE TABLE probe_annotations (id BIGSERIAL PRIMARY KEY, "
        + "video_id BIGINT NOT NULL, body TEXT NOT NULL, at_ms INTEGER NOT NULL, "
        + "inserted_at TIMESTAMPTZ NOT NULL DEFAULT now())").execute());
      Loops.await(loops.get(0), () -> {
        List<Future<?>> opened = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
          opened.add(pool.withConnection(connection -> connection.query("SELECT pg_sleep(0.05)").execute()));
        }
        return Future.all(opened);
      });
      System.out.println("connections made on " + madeOn);

      Map<Boolean, List<double[]>> figures = new HashMap<>();
      for (int round = 0; round < WARMUPS + rounds; round++) {
        for (boolean sameLoop : new boolean[] {false, true}) {
          Loops.settle();
          double[] run = run(pool, loops.get(sameLoop ? 0 : 1), loopCpu, seconds);
          System.out.printf("%s %s: %.0f inserts/s, p50 %.0f µs, p99 %.0f µs, loop CPU %.1f µs per insert%n",
            round < WARMUPS ? "warm-up" : "round  ", sameLoop ? "same loop " : "other loop", run[0], run[1], run[2], run[3]);
          if (round >= WARMUPS) {
            figures.computeIfAbsent(sameLoop, key -> new ArrayList<>()).add(run);
          }
        }
      }
      System.out.println("connections made on " + madeOn + " (all of them before the first round)");
      String[] names = {"inserts/s", "p50 µs", "p99 µs", "loop CPU µs per insert"};
      for (int i = 0; i < names.length; i++) {
        double other = median(figures.get(false), i);
        double same = median(figures.get(true), i);
        System.out.printf("median %s: other loop %.1f, same loop %.1f, same/other %.2fx%n", names[i], other, same, same / other);
      }
      pool.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private static double median(List<double[]> runs, int index) {
    return Stats.median(runs.stream().mapToDouble(run -> run[index]).toArray());
  }

  /** The writers, all on the caller context, for the given seconds: inserts/s, p50 µs, p99 µs, loop CPU µs per insert. */
  private static double[] run(Pool pool, ContextInternal caller, LoopCpu loopCpu, int seconds) throws InterruptedException {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long cpuBefore = loopCpu.nanos();
    long start = System.nanoTime();
    Promise<Void> done = Promise.promise();
    caller.runOnContext(ignored -> {
      List<Future<Void>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(Repeat.untilStopped(running, n -> {
          long began = System.nanoTime();
          return pool.preparedQuery(INSERT).execute(Tuple.of((long) writer, "an annotation of writer " + writer, writer))
            .onSuccess(rows -> latencies.add(System.nanoTime() - began));
        }));
      }
      Future.all(writers).<Void>mapEmpty().onComplete(done);
    });
    Thread.sleep(seconds * 1000L);
    running.set(false);
    done.future().await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long cpu = loopCpu.nanos() - cpuBefore;
    long[] samples = latencies.stream().mapToLong(nanos -> nanos / 1000).toArray();
    return new double[] {samples.length / elapsed, Stats.percentile(samples, 50), Stats.percentile(samples, 99),
      cpu / 1000.0 / samples.length};
  }
}
