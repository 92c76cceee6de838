package dev.rumbl.otp;

/** {@code count_children}: child specs, running children, and how many of the specs are supervisors and workers. */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
