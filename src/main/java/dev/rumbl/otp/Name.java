package dev.rumbl.otp;

import java.util.Objects;

/**
 * A registered name: {@link Scope#LOCAL} names are known on one node only, {@link Scope#GLOBAL}
 * names across the cluster. At most one live process holds a name; the name is freed when that
 * process exits.
 */
public record Name(Scope scope, String value) implements Dest {

  /** Where a name is visible. */
  public enum Scope { LOCAL, GLOBAL }

  public Name {
    Objects.requireNonNull(scope, "scope");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a name must not be blank");
    }
  }

  public static Name local(String value) {
    return new Name(Scope.LOCAL, value);
  }

  public static Name global(String value) {
    return new Name(Scope.GLOBAL, value);
  }

  @Override
  public String toString() {
    return scope == Scope.LOCAL ? value : "{global, " + value + "}";
  }
}
