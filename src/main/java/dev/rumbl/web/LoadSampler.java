package dev.rumbl.web;

import dev.rumbl.infosys.ComputeTimes;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.LoopUsage;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;

/**
 * The observer's load charts, a process registered as {@code observer.load}: every period (a
 * second in the application) it samples the node's load and keeps the last {@value #KEPT} samples
 * (five minutes), oldest first, publishing each new one to {@value #ADDRESS} (on a cluster every
 * node's samples reach every bridge socket). A sample is {@code {"node": this node's id, "at": epoch ms, "processes", "restartsPerSec", "messagesPerSec", "computesPerSec",
 * "computeP50Ms", "computeP99Ms", "heapUsedBytes", "loops": [utilisation of loop 0, ...]}}: live
 * processes; restarts made by the node's supervisors, messages handed to its processes' mailboxes
 * and InfoSys computes finished, each per second over the period, with the computes' median and
 * 99th-percentile duration; the heap in use; and each event loop's busy time over wall time, 0 to
 * 1 (see {@link LoopUsage}). {@link #samples} answers the kept samples. The samples start again
 * from none when the process restarts.
 */
public final class LoadSampler extends GenServer<LoadSampler.State> {

  public static final String ADDRESS = "observer.load";
  public static final Name NAME = Name.local("observer.load");
  public static final long PERIOD_MS = 1000;
  public static final int KEPT = 300;

  private static final String TICK = "tick";
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** The sampler's request for its kept samples. */
  private record Samples() {
  }

  /** The kept samples and the counters' values at the last sample. */
  static final class State {
    final Deque<JsonObject> kept = new ArrayDeque<>(KEPT);
    LoopUsage loops;
    long lastAt;
    long lastRestarts;
    long lastDelivered;
  }

  private final long periodMs;

  public LoadSampler(long periodMs) {
    this.periodMs = periodMs;
  }

  public static ChildSpec childSpec() {
    return ChildSpec.worker(NAME.value(), () -> new LoadSampler(PERIOD_MS).named(NAME));
  }

  /** The node's kept samples, oldest first; fails with {@code noproc} when the sampler does not run. */
  public static Future<JsonArray> samples(Node node) {
    return node.call(NAME, new Samples());
  }

  @Override
  protected Init<State> init() {
    State state = new State();
    state.lastAt = System.currentTimeMillis();
    state.lastRestarts = node().restartCount();
    state.lastDelivered = node().messagesDelivered();
    ComputeTimes.of(vertx).drain();
    LoopUsage.of(node()).onSuccess(loops -> node().send(self(), loops));
    node().sendAfter(self(), TICK, periodMs);
    return Init.ok(state);
  }

  @Override
  protected Outcome<State> handleInfo(Object message, State state) {
    if (message instanceof LoopUsage loops) {
      state.loops = loops;
      return noreply(state);
    }
    if (TICK.equals(message)) {
      JsonObject sample = sample(state);
      if (state.kept.size() == KEPT) {
        state.kept.removeFirst();
      }
      state.kept.addLast(sample);
      vertx.eventBus().publish(ADDRESS, sample);
      node().sendAfter(self(), TICK, periodMs);
      return noreply(state);
    }
    return super.handleInfo(message, state);
  }

  @Override
  protected Outcome<State> handleCall(Object request, From from, State state) {
    if (request instanceof Samples) {
      return reply(new JsonArray(new ArrayList<>(state.kept)), state);
    }
    return super.handleCall(request, from, state);
  }

  @Override
  protected String formatStatus(State state) {
    return state.kept.size() + " samples kept";
  }

  private JsonObject sample(State state) {
    long now = System.currentTimeMillis();
    double seconds = Math.max(1, now - state.lastAt) / 1000.0;
    long restarts = node().restartCount();
    long delivered = node().messagesDelivered();
    ComputeTimes.Window computes = ComputeTimes.of(vertx).drain();
    JsonArray loops = new JsonArray();
    if (state.loops != null) {
      for (double usage : state.loops.sample()) {
        loops.add(round(usage));
      }
    }
    JsonObject sample = new JsonObject()
      .put("node", node().id())
      .put("at", now)
      .put("processes", node().processCount())
      .put("restartsPerSec", round((restarts - state.lastRestarts) / seconds))
      .put("messagesPerSec", round((delivered - state.lastDelivered) / seconds))
      .put("computesPerSec", round(computes.count() / seconds))
      .put("computeP50Ms", round(computes.p50Ms()))
      .put("computeP99Ms", round(computes.p99Ms()))
      .put("heapUsedBytes", MEMORY.getHeapMemoryUsage().getUsed())
      .put("loops", loops);
    state.lastAt = now;
    state.lastRestarts = restarts;
    state.lastDelivered = delivered;
    return sample;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
