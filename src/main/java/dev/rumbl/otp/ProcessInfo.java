package dev.rumbl.otp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a node knows of one of its live processes, as Erlang's {@code process_info/1}, read from any
 * thread without asking the process (so a busy process or one with a long mailbox answers at once):
 * pid, registered name (or null), status, message queue length, messages handled so far, links,
 * the processes it monitors ({@code monitors}) and those monitoring it ({@code monitored_by}), its
 * supervisor (the parent that started it, or null), the type of the call it is handling right now
 * (or null), the calls it has taken and not yet answered, when it started, and its class.
 *
 * <p>The figures are a snapshot, each read on its own: a process that is handling messages while it
 * is observed may be one message further in one figure than in another, as in Erlang. The queue
 * counts the messages of the node's processes and of other nodes waiting in the mailbox; a plain
 * Vert.x message sent to the process's address is counted once handled, not while it waits.
 * Monitors by name on other nodes and {@link Node#watch} promises are not listed. The state is not
 * here: it is the process's to tell, see {@link Node#processState}.
 */
public record ProcessInfo(Pid pid, Name name, Status status, long messageQueueLen, long messagesHandled,
                          List<Pid> links, List<Pid> monitors, List<Pid> monitoredBy, Pid supervisor,
                          String currentCall, int callsOwed, Instant startedAt, String module) {

  /** Erlang's process statuses that Rumbl has: no process here is ever suspended or garbage collecting. */
  public enum Status {
    /** Between messages: its mailbox is empty or the next message has not yet been taken. */
    WAITING,
    /** Handling a message on its event loop. */
    RUNNING,
    /** On its way out: it handles no more messages. */
    EXITING
  }

  public ProcessInfo {
    links = List.copyOf(links);
    monitors = List.copyOf(monitors);
    monitoredBy = List.copyOf(monitoredBy);
  }

  /** What process shows of itself now, its monitors' targets found in the node's monitors. */
  static ProcessInfo of(Process process, Monitors monitors) {
    Ties ties = process.ties();
    List<Pid> held = ties.held().stream().map(monitors::targetOf).filter(Objects::nonNull).toList();
    List<Pid> watchers = ties.watching().stream().map(Monitors::watcherPid).filter(Objects::nonNull).toList();
    Object handling = process.handling();
    Status status = process.isExiting() ? Status.EXITING : handling != null ? Status.RUNNING : Status.WAITING;
    String currentCall = handling instanceof Envelope.Call call && call.request() != null
      ? call.request().getClass().getSimpleName() : null;
    return new ProcessInfo(process.self(), process.name(), status, process.queueLength(), process.messagesHandled(),
      ties.linked(), held, watchers, process.parent(), currentCall, ties.callsOwed(),
      Instant.ofEpochMilli(process.startedAt()), process.getClass().getName());
  }
}
