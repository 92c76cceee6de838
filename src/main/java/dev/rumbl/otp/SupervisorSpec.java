package dev.rumbl.otp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Supervisor} supervises and how: its strategy, its restart intensity (at most
 * {@code maxRestarts} in {@code maxSeconds}, by default {@value #DEFAULT_MAX_RESTARTS} in
 * {@value #DEFAULT_MAX_SECONDS}), for simple_one_for_one a limit on children ({@code maxChildren},
 * unlimited by default), and the child specs in start order (for simple_one_for_one, exactly one
 * template). Invalid combinations fail at construction with IllegalArgumentException.
 */
public record SupervisorSpec(Strategy strategy, int maxRestarts, int maxSeconds, int maxChildren,
                             List<ChildSpec> children) {

  public static final int DEFAULT_MAX_RESTARTS = 3;
  public static final int DEFAULT_MAX_SECONDS = 5;

  public SupervisorSpec {
    Objects.requireNonNull(strategy, "strategy");
    children = List.copyOf(children);
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
    }
    if (maxSeconds < 1) {
      throw new IllegalArgumentException("maxSeconds must be 1 or more, got " + maxSeconds);
    }
    if (maxChildren < 1) {
      throw new IllegalArgumentException("maxChildren must be 1 or more, got " + maxChildren);
    }
    if (strategy == Strategy.SIMPLE_ONE_FOR_ONE && children.size() != 1) {
      throw new IllegalArgumentException("a simple_one_for_one supervisor needs exactly one child template, got " + children.size());
    }
    Set<String> ids = new HashSet<>();
    for (ChildSpec child : children) {
      if (!ids.add(child.id())) {
        throw new IllegalArgumentException("two children share the id '" + child.id() + "'");
      }
    }
  }

  public static SupervisorSpec oneForOne(ChildSpec... children) {
    return of(Strategy.ONE_FOR_ONE, children);
  }

  public static SupervisorSpec oneForAll(ChildSpec... children) {
    return of(Strategy.ONE_FOR_ALL, children);
  }

  public static SupervisorSpec restForOne(ChildSpec... children) {
    return of(Strategy.REST_FOR_ONE, children);
  }

  public static SupervisorSpec simpleOneForOne(ChildSpec template) {
    return of(Strategy.SIMPLE_ONE_FOR_ONE, template);
  }

  public static SupervisorSpec of(Strategy strategy, ChildSpec... children) {
    return new SupervisorSpec(strategy, DEFAULT_MAX_RESTARTS, DEFAULT_MAX_SECONDS, Integer.MAX_VALUE, List.of(children));
  }

  public SupervisorSpec withIntensity(int maxRestarts, int maxSeconds) {
    return new SupervisorSpec(strategy, maxRestarts, maxSeconds, maxChildren, children);
  }

  public SupervisorSpec withMaxChildren(int maxChildren) {
    return new SupervisorSpec(strategy, maxRestarts, maxSeconds, maxChildren, children);
  }

  boolean isDynamic() {
    return strategy == Strategy.SIMPLE_ONE_FOR_ONE;
  }
}
