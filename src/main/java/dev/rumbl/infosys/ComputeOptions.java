package dev.rumbl.infosys;

import java.util.List;

/**
 * How one compute runs: at most {@code limit} results, one deadline of {@code timeoutMs} for the
 * whole compute, and the backends to ask by name ({@code null}: every enabled backend). Defaults
 * are named here once; the allowed ranges are checked by {@link ComputeRequest}.
 */
public record ComputeOptions(int limit, long timeoutMs, List<String> backends) {

  public static final int DEFAULT_LIMIT = 10;
  public static final long DEFAULT_TIMEOUT_MS = 10_000;

  public ComputeOptions {
    backends = backends == null ? null : List.copyOf(backends);
  }

  public static ComputeOptions defaults() {
    return new ComputeOptions(DEFAULT_LIMIT, DEFAULT_TIMEOUT_MS, null);
  }

  public ComputeOptions withLimit(int limit) {
    return new ComputeOptions(limit, timeoutMs, backends);
  }

  public ComputeOptions withTimeout(long timeoutMs) {
    return new ComputeOptions(limit, timeoutMs, backends);
  }

  public ComputeOptions withBackends(List<String> backends) {
    return new ComputeOptions(limit, timeoutMs, backends);
  }
}
