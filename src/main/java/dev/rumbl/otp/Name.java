package dev.rumbl.otp;

import java.util.Objects;

/**
 * A registered name: {@link Scope#LOCAL} names are known on one node only, {@link Scope#GLOBAL}
 * names across the cluster. At most one live process holds a name; the name is freed when that
 * process exits.
 *
 * <p>A name may live in a namespace, as Elixir's {@code {:via, Registry, {Namespace, key}}}:
 * {@code Name.local("counters", "visits")} is the key {@code visits} of the namespace
 * {@code counters}. Names of different namespaces, and a namespaced name and a plain one, never
 * collide, whatever their keys: a key chosen by a client, put in the application's namespace for
 * it, can neither reach nor shadow nor block a system process registered under a plain name, and
 * whoever finds a process in a namespace knows what kind of process it is. Such names work wherever
 * a name is accepted (start, send, call, cast, stop, whereis), and {@link Node#keys} lists a
 * namespace's keys.
 */
public record Name(Scope scope, String namespace, String value) implements Dest {

  /** Where a name is visible. */
  public enum Scope { LOCAL, GLOBAL }

  /** A name: namespace null for a plain name, else a namespace that is not blank. */
  public Name {
    Objects.requireNonNull(scope, "scope");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a name must not be blank");
    }
    if (namespace != null && namespace.isBlank()) {
      throw new IllegalArgumentException("a namespace must not be blank");
    }
  }

  /** A plain name (in no namespace). */
  public Name(Scope scope, String value) {
    this(scope, null, value);
  }

  public static Name local(String value) {
    return new Name(Scope.LOCAL, value);
  }

  public static Name global(String value) {
    return new Name(Scope.GLOBAL, value);
  }

  /** The key of a node-local namespace. */
  public static Name local(String namespace, String key) {
    return new Name(Scope.LOCAL, Objects.requireNonNull(namespace, "namespace"), key);
  }

  /** The key of a cluster-wide namespace. */
  public static Name global(String namespace, String key) {
    return new Name(Scope.GLOBAL, Objects.requireNonNull(namespace, "namespace"), key);
  }

  /** This name with another key (or plain value), in the same scope and namespace. */
  public Name withValue(String value) {
    return new Name(scope, namespace, value);
  }

  /** The same key and namespace in the other scope. */
  public Name inScope(Scope scope) {
    return new Name(scope, namespace, value);
  }

  @Override
  public String toString() {
    String local = namespace == null ? value : "{via, " + namespace + ", " + value + "}";
    return scope == Scope.LOCAL ? local : "{global, " + local + "}";
  }
}
