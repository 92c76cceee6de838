package dev.rumbl.testing;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.SupervisorSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The chaos process: every {@code intervalMs} it looks at the supervision tree under {@code root},
 * picks a kind of process among those running (a path such as {@code infosys/infosys.cache} or
 * {@code infosys/infosys.workers/*}), one of the kinds killed least so far, at random, so that every
 * kind gets its turn, the kinds in {@code focus} before the others killed as often (the root's
 * children share one quiet window, so a run has fewer turns at that level than the tree has kinds
 * there); then one process of that kind at random, and kills it
 * ({@link ExitReason#kill()}, untrappable). The root and the paths in {@code spared}, with
 * everything under them, are never killed. It stays within the restart limits: a process is only chosen when its supervisor had none
 * of its children killed in the last {@value #QUIET_MS} ms (the default intensity's window and one
 * second more), so one kill costs a supervisor at most the restart it causes, a failed restart
 * tried again, and the crashes it causes below. Kills are counted by path, readable from any thread;
 * a seeded random makes the choices repeatable.
 */
public final class Chaos extends GenServer<Random> {

  static final long QUIET_MS = SupervisorSpec.DEFAULT_MAX_SECONDS * 1000L + 1000;

  private static final String TICK = "chaos.tick";

  private final Name root;
  private final Set<String> spared;
  private final Set<String> focus;
  private final long intervalMs;
  private final long seed;
  private final Map<String, LongAdder> kills = new ConcurrentHashMap<>();
  private final Map<String, Long> lastKillBySupervisor = new HashMap<>();

  Chaos(Name root, Set<String> spared, Set<String> focus, long intervalMs, long seed) {
    this.root = root;
    this.spared = Set.copyOf(spared);
    this.focus = Set.copyOf(focus);
    this.intervalMs = intervalMs;
    this.seed = seed;
  }

  @Override
  protected Init<Random> init() {
    node().sendAfter(self(), TICK, intervalMs);
    return Init.ok(new Random(seed));
  }

  @Override
  protected Outcome<Random> handleInfo(Object message, Random random) {
    if (TICK.equals(message)) {
      TreeSnapshot.of(node(), root)
        .onSuccess(tree -> killOne(tree, random))
        .onComplete(done -> node().sendAfter(self(), TICK, intervalMs));
    }
    return noreply(random);
  }

  private boolean isSpared(String path) {
    return spared.stream().anyMatch(top -> path.equals(top) || path.startsWith(top + "/"));
  }

  private void killOne(TreeSnapshot tree, Random random) {
    long now = System.currentTimeMillis();
    Map<String, List<Pid>> byPath = tree.processes().stream()
      .filter(entry -> !isSpared(entry.getKey()))
      .filter(entry -> now - lastKillBySupervisor.getOrDefault(supervisorOf(entry.getKey()), 0L) > QUIET_MS)
      .collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    if (byPath.isEmpty()) {
      return;
    }
    long fewest = byPath.keySet().stream().mapToLong(this::turnOf).min().orElseThrow();
    List<String> paths = byPath.keySet().stream().filter(candidate -> turnOf(candidate) == fewest).toList();
    String path = paths.get(random.nextInt(paths.size()));
    List<Pid> pids = byPath.get(path);
    node().exit(pids.get(random.nextInt(pids.size())), ExitReason.kill());
    kills.computeIfAbsent(path, key -> new LongAdder()).increment();
    lastKillBySupervisor.put(supervisorOf(path), now);
  }

  /** The path of the supervisor of the process at path; the root's is empty. */
  private static String supervisorOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The order of the path's next turn: twice its kills, one more outside the focus. */
  private long turnOf(String path) {
    return 2 * killsOf(path) + (focus.contains(path) ? 0 : 1);
  }

  private long killsOf(String path) {
    LongAdder count = kills.get(path);
    return count == null ? 0 : count.sum();
  }

  /** How many processes were killed so far, by path. */
  public Map<String, Long> kills() {
    Map<String, Long> sorted = new TreeMap<>();
    kills.forEach((path, count) -> sorted.put(path, count.sum()));
    return sorted;
  }

  public long killCount() {
    return kills.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
