package dev.rumbl.infosys.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The backends InfoSys knows by name. {@link #standard()} lists the shipped ones, one line each;
 * the configuration's {@code backends} list chooses which of them run. Immutable.
 */
public final class BackendCatalog {

  private final Map<String, BackendFactory> factories;

  private BackendCatalog(Map<String, BackendFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  public static BackendCatalog standard() {
    return new BackendCatalog(Map.of())
      .with(LocalBackend.NAME, LocalBackend::create)
      .with(WikipediaBackend.NAME, WikipediaBackend::create)
      .with(WolframBackend.NAME, WolframBackend::create);
  }

  /** A catalog with one more backend, or with the factory of a known name replaced. */
  public BackendCatalog with(String name, BackendFactory factory) {
    Map<String, BackendFactory> more = new LinkedHashMap<>(factories);
    more.put(name, factory);
    return new BackendCatalog(more);
  }

  public Set<String> names() {
    return factories.keySet();
  }

  /** The factory of the backend called name; throws IllegalArgumentException, naming the known ones, for another name. */
  public BackendFactory factory(String name) {
    BackendFactory factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown backend '" + name + "', known: " + names());
    }
    return factory;
  }
}
