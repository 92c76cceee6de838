package dev.rumbl.otp;

/** {@code count_children}: child specs, running children, and how many of the specs are supervisors and workers. */
public record ChildCounts(int specs, int active, int supervisors, int workers) {

  /** Both counts added up, as for the children of several supervisors. */
  public ChildCounts plus(ChildCounts other) {
    return new ChildCounts(specs + other.specs, active + other.active, supervisors + other.supervisors, workers + other.workers);
  }
}
