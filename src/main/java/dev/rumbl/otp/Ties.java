package dev.rumbl.otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ties a process to others, kept by the node on the process's behalf: who watches it, whom it
 * is linked to, its pending timers and the calls it owes an answer, and the monitors it holds on
 * others. The node reaches these from any thread (the process itself only to fail its calls at its
 * exit and to drop a flushed Down); a process author's code never does.
 *
 * <p>Shared, guarded by this object's lock: {@code watchers}, {@code links}, {@code linkedToParent},
 * {@code timers}, {@code dead}, {@code calls} and {@code callsClosed}. Once {@link #die()} has run,
 * no watcher, link or timer is added; once {@link #closeCalls()} has run, no call is admitted.
 *
 * <p>Written on the process's context only, and guarded by the lock too so that
 * {@link Node#processInfo} can read them from any thread: {@code monitors} (held on others) and
 * {@code flushed} (demonitored with flush, whose Down is dropped on arrival); handed over once at
 * the exit by {@link #releaseHeldMonitors()}, after the process has stopped handling messages.
 *
 * <p>Every collection is made on first use: most processes are never monitored, linked to anyone
 * but their parent, or sent a timer, and a node may hold a hundred thousand of them. Each is a
 * {@link SmallMap} (a set is one whose values are {@link Boolean#TRUE}): most hold one or two
 * entries, which it keeps in one small array.
 */
final class Ties {

  private final Process owner;

  private SmallMap<MonitorRef, Object> watchers;
  private boolean linkedToParent;
  private SmallMap<Pid, Boolean> links;
  private SmallMap<Long, Boolean> timers;
  private boolean dead;
  private SmallMap<From, Boolean> calls;
  private boolean callsClosed;

  private SmallMap<MonitorRef, Boolean> monitors;
  private SmallMap<MonitorRef, Boolean> flushed;

  Ties(Process owner) {
    this.owner = owner;
  }

  /** What must hear of a gone process and what must be cancelled, handed over once by {@link #die()}. */
  record Remains(Map<MonitorRef, Object> watchers, List<Pid> links, Set<Long> timers) {
  }

  /** Adds a watcher; false once the process is dead, when the watcher must be told {@code noproc}. */
  synchronized boolean addWatcher(MonitorRef ref, Object watcher) {
    if (dead) {
      return false;
    }
    if (watchers == null) {
      watchers = new SmallMap<>();
    }
    watchers.put(ref, watcher);
    return true;
  }

  /** True when the watcher was there (its Down has not been handed over). */
  synchronized boolean removeWatcher(MonitorRef ref) {
    return watchers != null && watchers.remove(ref) != null;
  }

  /** Links to other; false once the process is dead. */
  synchronized boolean addLink(Pid other) {
    if (dead) {
      return false;
    }
    if (other.equals(owner.parent())) {
      linkedToParent = true;
    } else {
      if (links == null) {
        links = new SmallMap<>();
      }
      links.put(other, Boolean.TRUE);
    }
    return true;
  }

  synchronized void removeLink(Pid other) {
    if (other.equals(owner.parent())) {
      linkedToParent = false;
    } else if (links != null) {
      links.remove(other);
    }
  }

  synchronized void addTimer(long ref) {
    if (timers == null) {
      timers = new SmallMap<>();
    }
    timers.put(ref, Boolean.TRUE);
  }

  synchronized void removeTimer(long ref) {
    if (timers != null) {
      timers.remove(ref);
    }
  }

  /**
   * Takes a call of this node into the process's care until it is answered: false once the
   * process has failed its calls at its exit, then the caller must not wait for an answer.
   */
  synchronized boolean admitCall(From call) {
    if (callsClosed) {
      return false;
    }
    if (calls == null) {
      calls = new SmallMap<>();
    }
    calls.put(call, Boolean.TRUE);
    return true;
  }

  /** Forgets a call that has been answered or has timed out. */
  synchronized void forgetCall(From call) {
    if (calls != null) {
      calls.remove(call);
    }
  }

  /** The calls not yet answered, or null; none is admitted after. */
  synchronized Set<From> closeCalls() {
    callsClosed = true;
    Set<From> unanswered = calls == null ? null : Set.copyOf(calls.keys());
    calls = null;
    return unanswered;
  }

  /**
   * Marks the process dead and hands over who must hear of it and what must be cancelled: no
   * watcher, link or timer can be added after.
   */
  synchronized Remains die() {
    dead = true;
    List<Pid> linked = links == null ? new ArrayList<>() : links.keys();
    if (linkedToParent) {
      linked.add(owner.parent());
    }
    Remains remains = new Remains(watchers == null ? Map.of() : watchers.toMap(), linked,
      timers == null ? Set.of() : Set.copyOf(timers.keys()));
    watchers = null;
    links = null;
    timers = null;
    linkedToParent = false;
    return remains;
  }

  /** The monitors this process still holds on others, handed over once at its exit to be removed. */
  synchronized Set<MonitorRef> releaseHeldMonitors() {
    Set<MonitorRef> held = monitors == null ? Set.of() : Set.copyOf(monitors.keys());
    monitors = null;
    return held;
  }

  /** True while the process holds the monitor (it has not demonitored it, nor received its Down). */
  synchronized boolean holdsMonitor(MonitorRef ref) {
    return monitors != null && monitors.containsKey(ref);
  }

  synchronized void holdMonitor(MonitorRef ref) {
    if (monitors == null) {
      monitors = new SmallMap<>();
    }
    monitors.put(ref, Boolean.TRUE);
  }

  /** Forgets a monitor this process holds; with flush, drops its Down if it is already on the way. */
  synchronized void releaseMonitor(MonitorRef ref, boolean downOnTheWay, boolean flush) {
    if (monitors != null && monitors.remove(ref) != null && downOnTheWay && flush) {
      if (flushed == null) {
        flushed = new SmallMap<>();
      }
      flushed.put(ref, Boolean.TRUE);
    }
  }

  /** True when an arriving Down is for a monitor demonitored with flush: it is dropped. Forgets the monitor either way. */
  synchronized boolean isFlushed(MonitorRef ref) {
    boolean held = monitors != null && monitors.remove(ref) != null;
    return !held && flushed != null && flushed.remove(ref) != null;
  }

  /** The processes linked to this one, its parent included when linked: a snapshot for {@link ProcessInfo}. */
  synchronized List<Pid> linked() {
    List<Pid> linked = links == null ? new ArrayList<>() : links.keys();
    if (linkedToParent) {
      linked.add(owner.parent());
    }
    return linked;
  }

  /** Whatever watches this process (see {@link Monitors}): a snapshot for {@link ProcessInfo}. */
  synchronized List<Object> watching() {
    return watchers == null ? List.of() : watchers.values();
  }

  /** The monitors this process holds on others: a snapshot for {@link ProcessInfo}. */
  synchronized List<MonitorRef> held() {
    return monitors == null ? List.of() : monitors.keys();
  }

  /** How many calls the process has taken and not yet answered. */
  synchronized int callsOwed() {
    return calls == null ? 0 : calls.size();
  }
}
