package dev.rumbl.testing;

import dev.rumbl.RumblTree;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.otp.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the chaos test and the soak look at once the faults stop: the tree back in a shape (waiting
 * up to {@value #SETTLE_MS} ms for it), the InfoSys workers gone, the load's annotations as stored,
 * and the heap after garbage collection. Blocking: for test threads and mains only.
 */
public final class Healing {

  static final long SETTLE_MS = 15_000;
  private static final long POLL_MS = 50;
  private static final int PAGE = 1000;

  /** The annotations of the load's users as stored: how many copies of each body, and the id of each. */
  public record Stored(Map<String, Integer> copies, Map<String, Long> ids) {
  }

  private Healing() {
  }

  public static TreeSnapshot awaitShape(Node node, String shape) throws InterruptedException {
    long deadline = System.currentTimeMillis() + SETTLE_MS;
    TreeSnapshot tree = TreeSnapshot.of(node, RumblTree.ROOT).await();
    while (!tree.shape().equals(shape) && System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MS);
      tree = TreeSnapshot.of(node, RumblTree.ROOT).await();
    }
    return tree;
  }

  /** The InfoSys workers still running once they had time to finish. */
  public static int awaitNoWorkers(Node node) throws InterruptedException {
    long deadline = System.currentTimeMillis() + SETTLE_MS;
    int active = InfoSys.countWorkers(node).await().active();
    while (active > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MS);
      active = InfoSys.countWorkers(node).await().active();
    }
    return active;
  }

  public static Stored stored(TestApp app, Load load) {
    Map<String, Integer> copies = new HashMap<>();
    Map<String, Long> ids = new HashMap<>();
    for (long video : load.videos()) {
      for (JsonObject annotation : allAnnotations(app, video)) {
        if (Set.of(Load.HTTP_USER, Load.BRIDGE_USER).contains(annotation.getString("user"))) {
          copies.merge(annotation.getString("body"), 1, Integer::sum);
          ids.put(annotation.getString("body"), annotation.getLong("id"));
        }
      }
    }
    return new Stored(copies, ids);
  }

  /** Every annotation of the video, read page by page after the last one received. */
  private static List<JsonObject> allAnnotations(TestApp app, long video) {
    List<JsonObject> all = new ArrayList<>();
    String after = "";
    while (true) {
      JsonArray page = app.client().get("/api/videos/" + video + "/annotations?limit=" + PAGE + after).send().await().bodyAsJsonArray();
      page.forEach(item -> all.add((JsonObject) item));
      if (page.size() < PAGE) {
        return all;
      }
      JsonObject last = page.getJsonObject(page.size() - 1);
      after = "&after=" + last.getInteger("at") + ":" + last.getLong("id");
    }
  }

  public static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
