package dev.rumbl.infosys;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Objects that InfoSys processes publish for every thread of one Vert.x instance, as a named ETS
 * table is visible to every process of a node: the publisher owns the object and withdraws it
 * when it exits; a withdrawal by a publisher that has since been replaced changes nothing.
 */
final class NodeLocal {

  private static final String MAP = "rumbl.infosys";

  private record Held(Object value) implements Shareable {
  }

  private NodeLocal() {
  }

  static void publish(Vertx vertx, String key, Object value) {
    map(vertx).put(key, new Held(value));
  }

  /** The object published under key, or null. */
  static <T> T lookup(Vertx vertx, String key, Class<T> type) {
    Held held = map(vertx).get(key);
    return held == null ? null : type.cast(held.value());
  }

  static void withdraw(Vertx vertx, String key, Object value) {
    map(vertx).removeIfPresent(key, new Held(value));
  }

  private static LocalMap<String, Held> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
