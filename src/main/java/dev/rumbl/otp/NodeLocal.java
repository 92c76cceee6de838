package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Objects that processes publish for every thread of one Vert.x instance, as a named ETS table
 * owned by a process is visible to every process of its node. The publisher owns what it publishes
 * under a key and withdraws it when it exits; a withdrawal by a publisher that has since been
 * replaced under that key changes nothing, so a restarted owner's object is never withdrawn by its
 * predecessor's late exit. Lookups are lock-free reads of Vert.x's local shared data; what is
 * published must be safe for the threads that look it up.
 */
public final class NodeLocal {

  private static final String MAP = "rumbl.otp.node-local";

  private record Held(Object value) implements Shareable {
  }

  private NodeLocal() {
  }

  /** Publishes value under key, replacing what was published there. */
  public static void publish(Vertx vertx, String key, Object value) {
    map(vertx).put(key, new Held(value));
  }

  /** The object published under key, or null. */
  public static <T> T lookup(Vertx vertx, String key, Class<T> type) {
    Held held = map(vertx).get(key);
    return held == null ? null : type.cast(held.value());
  }

  /** Withdraws value from key if it is still what is published there. */
  public static void withdraw(Vertx vertx, String key, Object value) {
    map(vertx).removeIfPresent(key, new Held(value));
  }

  private static LocalMap<String, Held> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
