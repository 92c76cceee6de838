package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.List;

/**
 * Maps names of one {@link Name.Scope} to live processes, each name in its namespace (or in none).
 * At most one process holds a name; a process that exits loses its name. The node-local registry
 * answers at once; a cluster-wide one answers when the cluster has agreed, which is why every
 * operation returns a Future.
 */
public interface Registry {

  Name.Scope scope();

  /** Registers the name for pid; fails with {@link AlreadyStarted} when another process holds it. */
  Future<Void> register(Name name, Pid pid);

  /** Frees the name whoever holds it; succeeds also when nobody does. */
  Future<Void> unregister(Name name);

  /** Frees the name only if pid still holds it (used when pid exits). */
  Future<Void> release(Name name, Pid pid);

  /** The holder of the name, or null when nobody holds it. */
  Future<Pid> whereis(Name name);

  /** The keys held in a namespace, or the plain names held when namespace is null; in no order. */
  Future<List<String>> keys(String namespace);

  /** How many names are held, in every namespace. */
  Future<Integer> size();
}
