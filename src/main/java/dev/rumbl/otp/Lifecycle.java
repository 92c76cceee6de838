package dev.rumbl.otp;

import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A process's entry into the node's process table and its way out: admission (name, table, link to
 * its parent), links, a supervisor's shutdown of a child, the bookkeeping of an exit (timers,
 * monitors, name, linked children first, then other links and monitors), and the stop of every
 * process when Vert.x closes. The process table is the node's concurrent map, shared with it.
 */
final class Lifecycle {

  static final long CHILDREN_EXIT_WAIT_MS = 5000;

  /** Starts and exits are logged under the node's name, where operators look for them. */
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final Node node;
  private final Vertx vertx;
  private final Map<String, Process> processes;
  private final Names names;
  private final Timers timers;
  private final Monitors monitors;

  Lifecycle(Node node, Map<String, Process> processes, Names names, Timers timers, Monitors monitors) {
    this.node = node;
    this.vertx = node.vertx();
    this.processes = processes;
    this.names = names;
    this.timers = timers;
    this.monitors = monitors;
  }

  /** Admits a starting process: takes its name, enters it in the table, links it to its parent. */
  Future<Void> admit(Process process) {
    Name name = process.name();
    if (name == null) {
      enter(process);
      return Future.succeededFuture();
    }
    return names.take(name, process.self()).map(ok -> {
      enter(process);
      return null;
    });
  }

  private void enter(Process process) {
    processes.put(process.address(), process);
    Pid parent = process.parent();
    if (parent != null) {
      link(parent, process);
    }
    if (process.isQuiet()) {
      log.debug("{} started", process);
    } else {
      log.info("{} started", process);
    }
  }

  /**
   * Records that a process is gone: cancels its timers, removes the monitors it held on others,
   * frees its name, signals the children it started linked and waits for them to exit, then
   * signals its other links and tells its monitors. So whoever hears of the exit can take its name,
   * and its children's names, again at once (a supervisor restarting a killed child supervisor
   * finds the old grandchildren gone), and a monitor that sees the Down knows the supervisor
   * already has the exit. Completes when all is done.
   */
  Future<Void> exited(Process process, ExitReason reason) {
    Pid pid = process.self();
    boolean admitted = processes.remove(process.address(), process);
    Ties.Remains remains = process.ties().die();
    for (Long timer : remains.timers()) {
      timers.cancel(new TimerRef(timer));
    }
    monitors.releaseHeldBy(process);
    Name name = process.name();
    Future<Void> released = admitted && name != null
      ? names.release(name, pid)
      : Future.succeededFuture();
    return released.transform(done -> {
      if (done.failed()) {
        log.error("{} could not free its name {}", process, name, done.cause());
      }
      List<Future<ExitReason>> children = new ArrayList<>();
      List<Pid> others = new ArrayList<>();
      for (Pid linked : remains.links()) {
        Process other = node.local(linked);
        if (other != null && pid.equals(other.parent())) {
          other.ties().removeLink(pid);
          node.deliverTo(linked, new Envelope.Signal(pid, reason));
          children.add(other.exitFuture());
        } else {
          others.add(linked);
        }
      }
      return children.isEmpty()
        ? announce(process, reason, admitted, remains, others)
        : childrenGone(children).transform(gone -> announce(process, reason, admitted, remains, others));
    });
  }

  /**
   * Completes once the children have exited, or after {@value #CHILDREN_EXIT_WAIT_MS} ms, whichever
   * comes first: a child whose terminate hangs must not keep its parent's exit from its own parent.
   */
  private Future<?> childrenGone(List<Future<ExitReason>> children) {
    Promise<Void> gone = Promise.promise();
    long timer = vertx.setTimer(CHILDREN_EXIT_WAIT_MS, fired -> gone.tryComplete());
    Future.join(children).onComplete(exited -> {
      vertx.cancelTimer(timer);
      gone.tryComplete();
    });
    return gone.future();
  }

  /** Tells a gone process's other links and its monitors. */
  private Future<Void> announce(Process process, ExitReason reason, boolean admitted, Ties.Remains remains, List<Pid> links) {
    Pid pid = process.self();
    for (Pid linked : links) {
      Process other = node.local(linked);
      if (other != null) {
        other.ties().removeLink(pid);
      }
      node.deliverTo(linked, new Envelope.Signal(pid, reason));
    }
    monitors.tellWatchers(remains.watchers(), pid, reason);
    if (admitted && process.isQuiet() && (reason.isNormal() || reason instanceof ExitReason.Killed)) {
      log.debug("{} exited: {}", process, reason);
    } else if (admitted) {
      log.info("{} exited: {}", process, reason);
    }
    return Future.succeededFuture();
  }

  /**
   * Stops a child as its supervisor does: brutal kill, or a shutdown signal from its parent and a
   * kill if it has not exited in time. Completes with its exit reason on the caller's context.
   */
  Future<ExitReason> shutdown(Pid pid, ShutdownPolicy how) {
    Process process = node.local(pid);
    if (process == null) {
      return Future.succeededFuture(ExitReason.noproc());
    }
    Context caller = Vertx.currentContext();
    if (how instanceof ShutdownPolicy.BrutalKill) {
      process.kill();
    } else {
      process.deliver(new Envelope.Signal(process.parent(), ExitReason.shutdown()));
      if (how instanceof ShutdownPolicy.Timeout timeout) {
        long timer = vertx.setTimer(timeout.millis(), fired -> process.kill());
        process.exitFuture().onComplete(done -> vertx.cancelTimer(timer));
      }
    }
    return Futures.on(caller, process.exitFuture());
  }

  /**
   * Removes the link between two processes of this node, both ways, as OTP's {@code unlink}: an
   * exit signal not yet sent through it never will be.
   */
  void unlink(Pid one, Pid other) {
    Process first = node.local(one);
    if (first != null) {
      first.ties().removeLink(other);
    }
    Process second = node.local(other);
    if (second != null) {
      second.ties().removeLink(one);
    }
  }

  private void link(Pid parent, Process child) {
    Process parentProcess = node.local(parent);
    if (parentProcess != null && parentProcess.ties().addLink(child.self())) {
      child.ties().addLink(parent);
    } else {
      child.deliver(new Envelope.Signal(parent, ExitReason.noproc()));
    }
  }

  /**
   * Stops every process when Vert.x closes, as OTP stops its applications: each process started
   * without a parent is stopped with {@code shutdown} (a supervisor stops its children in reverse
   * start order first), then any process still alive is killed. The stop does not go through the
   * mailbox: a clustered event bus that is closing may not deliver it.
   */
  void stopAll(Completable<Void> done) {
    List<Future<ExitReason>> tops = processes.values().stream()
      .filter(process -> process.parent() == null)
      .map(process -> {
        process.exitPastMailbox(ExitReason.shutdown());
        return process.exitFuture();
      })
      .toList();
    Future.join(tops)
      .transform(stopped -> Future.join(processes.values().stream()
        .map(process -> {
          process.kill();
          return process.exitFuture();
        })
        .toList()))
      .onComplete(stopped -> done.succeed());
  }
}
