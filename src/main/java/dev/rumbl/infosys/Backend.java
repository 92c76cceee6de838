package dev.rumbl.infosys;

import io.vertx.core.Future;

import java.util.List;

/**
 * A knowledge backend: answers a question with at most {@code limit} results. It runs inside a
 * worker process, on that process's event loop, so it must never block. A backend that cannot
 * answer (no match, a remote error, a malformed reply) returns an empty list; a failed Future or
 * an exception is a bug and crashes its worker, which then contributes nothing to the compute.
 */
public interface Backend {

  /** The name used in configuration, in {@link ComputeOptions#backends()} and in {@link Result#backend()}. */
  String name();

  Future<List<Result>> query(String text, int limit);
}
