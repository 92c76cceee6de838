package dev.rumbl.infosys;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Registers a process under a name that its predecessor may still hold: when the {@code infosys}
 * supervisor is killed, its parent restarts it at once while the old children, told of the kill
 * by their link, are still on their way out and still hold their names. {@link #register} waits for
 * such a holder's exit, at most a bound, before registering; a holder still there after the bound is
 * not a predecessor, and the registration fails with {@link AlreadyStarted}, as a start by name would.
 */
final class Succession {

  /** As long as a supervisor gives a child to shut down by default: a predecessor is gone by then. */
  static final long WAIT_MS = 5000;

  private Succession() {
  }

  /** Registers pid as name once the name's holder, if any, has exited; fails with AlreadyStarted after waitMs. */
  static Future<Void> register(Node node, Name name, Pid pid, long waitMs) {
    return node.whereis(name).compose(holder -> holder == null || holder.equals(pid)
      ? Future.<Void>succeededFuture()
      : exitOf(node, name, holder, waitMs))
      .compose(free -> node.register(name, pid));
  }

  private static Future<Void> exitOf(Node node, Name name, Pid holder, long waitMs) {
    Promise<Void> gone = Promise.promise();
    long timer = node.vertx().setTimer(waitMs, fired -> gone.tryFail(new AlreadyStarted(name, holder)));
    node.watch(holder).onComplete(down -> {
      node.vertx().cancelTimer(timer);
      gone.tryComplete();
    });
    return gone.future();
  }
}
