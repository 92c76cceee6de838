package dev.rumbl.testing;

import dev.rumbl.testing.TestUsers;
import dev.rumbl.video.ViewerReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Steady client load on a running application, as a verticle (all its state on its own context):
 * one HTTP request every {@code httpPeriodMs}, in turn a compute ({@code GET /api/infosys}), a count
 * ({@code POST /api/counters/<name>/inc}, re-creating the counter when it is gone) and an annotation
 * ({@code POST /api/videos/<id>/annotations}) signed in as {@value #HTTP_USER}, every fourth of
 * them sent without a token instead ("http annotate anonymous", which must be refused); and
 * {@code bridgeSockets} SockJS WebSockets, the even ones signed in as {@value #BRIDGE_USER}, the
 * odd ones anonymous, that each send, every {@code bridgePeriodMs} when their previous request was
 * answered, in turn an annotation to {@code videos.<id>.annotate} ("bridge annotate anonymous" from
 * an anonymous socket, which must be refused) and a compute to {@code infosys.compute}, with a reply address.
 * The sockets ping every five seconds as browsers do. Every outcome goes to the {@link OutcomeTally}; a
 * request unanswered after {@code hungMs} counts as hung.
 * Every annotation body is unique; those acknowledged (201, or a reply carrying the stored annotation)
 * are kept with their stored id. {@link #drain} stops issuing and completes once every request
 * has been answered or counted as hung.
 */
public final class Load extends VerticleBase {

  /** The load's rates and patience. */
  record Settings(long httpPeriodMs, int bridgeSockets, long bridgePeriodMs, long hungMs, int videos, int counters) {
  }

  static final String HTTP_USER = "httpload";
  static final String BRIDGE_USER = "bridgeload";
  /**
   * The reason counted for an annotation answered {@value ViewerReply#CRASHED}: its viewer process
   * died with it in hand, the one-message loss of a viewer's crash, a clear answer; the
   * chaos test holds their number to the viewers it killed.
   */
  public static final String VIEWER_CRASHED = "viewer crashed";

  private static final String BRIDGE_PATH = "/eventbus/websocket";
  private static final int HTTP_POOL = 16;
  /** As the browser's vertx-eventbus.js does, well within the bridge's ten-second ping timeout. */
  private static final long PING_MS = 5000;
  private static final String PING = new JsonObject().put("type", "ping").encode();

  private final int port;
  private final Settings settings;
  private final OutcomeTally tally;
  private final Random random;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final List<Long> videos = new ArrayList<>();
  private final List<BridgeSocket> sockets = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private WebClient client;
  private WebSocketClient webSockets;
  private String httpToken;
  private String bridgeToken;
  private long sequence;
  private int inFlight;
  private Promise<Void> drained;

  Load(int port, Settings settings, OutcomeTally tally, long seed) {
    this.port = port;
    this.settings = settings;
    this.tally = tally;
    this.random = new Random(seed);
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(HTTP_POOL));
    webSockets = vertx.createWebSocketClient();
    Future<Void> ready = TestUsers.signIn(client, HTTP_USER).compose(token -> {
      httpToken = token;
      return TestUsers.signIn(client, BRIDGE_USER);
    }).map(token -> {
      bridgeToken = token;
      return null;
    });
    for (int v = 0; v < settings.videos(); v++) {
      ready = ready.compose(previous -> client.post("/api/videos").bearerTokenAuthentication(httpToken).sendJsonObject(new JsonObject().put("title", "chaos"))
        .map(created -> {
          videos.add(created.bodyAsJsonObject().getLong("id"));
          return null;
        }));
    }
    for (int c = 0; c < settings.counters(); c++) {
      String name = counterName(c);
      ready = ready.compose(previous -> client.post("/api/counters").sendJsonObject(new JsonObject().put("name", name).put("initial", 0)).mapEmpty());
    }
    for (int s = 0; s < settings.bridgeSockets(); s++) {
      BridgeSocket socket = new BridgeSocket(s);
      sockets.add(socket);
      ready = ready.compose(previous -> socket.connect());
    }
    return ready.onSuccess(started -> {
      timers.add(vertx.setPeriodic(settings.httpPeriodMs(), tick -> httpTick()));
      sockets.forEach(socket -> timers.add(vertx.setPeriodic(settings.bridgePeriodMs(), tick -> socket.tick())));
    });
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    client.close();
    return webSockets.close();
  }

  /** Stops issuing requests; completes when none is outstanding (answered, or counted as hung). */
  Future<Void> drain() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      drained = done;
      checkDrained();
    });
    return done.future();
  }

  /**
   * Completes once every bridge socket has had an annotation served since this call as its kind
   * expects (a signed-in socket's stored, an anonymous one's refused as unauthenticated), which a
   * socket left broken by a killed process never gets; fails after timeoutMs naming those that did not.
   */
  public Future<Void> awaitBridgeServes(long timeoutMs) {
    Promise<Void> served = Promise.promise();
    context.runOnContext(ignored -> {
      sockets.forEach(socket -> socket.served = false);
      long deadline = System.currentTimeMillis() + timeoutMs;
      vertx.setPeriodic(settings.bridgePeriodMs(), timer -> {
        List<Integer> waiting = sockets.stream().filter(socket -> !socket.served).map(socket -> socket.index).toList();
        if (waiting.isEmpty()) {
          vertx.cancelTimer(timer);
          served.complete();
        } else if (System.currentTimeMillis() > deadline) {
          vertx.cancelTimer(timer);
          served.fail(new AssertionError("bridge sockets " + waiting + " had no annotation served within " + timeoutMs + " ms"));
        }
      });
    });
    return served.future();
  }

  List<Long> videos() {
    return List.copyOf(videos);
  }

  /** Every annotation body sent, acknowledged or not. */
  public Set<String> sent() {
    return Set.copyOf(sent);
  }

  /** The acknowledged annotations: body to stored id. */
  public Map<String, Long> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  private boolean draining() {
    return drained != null;
  }

  private void checkDrained() {
    boolean bridgeIdle = sockets.stream().allMatch(socket -> socket.pending == null);
    if (draining() && inFlight == 0 && bridgeIdle) {
      drained.tryComplete();
    }
  }

  private static String counterName(int index) {
    return "chaos-" + index;
  }

  private long video() {
    return videos.get(random.nextInt(videos.size()));
  }

  private void httpTick() {
    if (draining()) {
      return;
    }
    long n = ++sequence;
    switch ((int) (n % 3)) {
      case 0 -> http("http compute", client.get("/api/infosys").addQueryParam("q", random.nextInt(1000) + " + " + random.nextInt(1000))
        .addQueryParam("limit", "1"), null, response -> { });
      case 1 -> count(counterName(random.nextInt(settings.counters())));
      default -> annotateOverHttp(n);
    }
  }

  private void count(String name) {
    http("http count", client.post("/api/counters/" + name + "/inc"), null, response -> { }, status -> {
      if (status == 404) {
        http("http recreate counter", client.post("/api/counters"), new JsonObject().put("name", name).put("initial", 0), response -> { });
      }
    });
  }

  private void annotateOverHttp(long n) {
    String body = "h" + n;
    JsonObject note = new JsonObject().put("body", body).put("at", (int) (n % 86_400_000));
    if (n % 4 == 2) {
      http("http annotate anonymous", client.post("/api/videos/" + video() + "/annotations"), note,
        response -> tally.record("anonymous write", OutcomeTally.Outcome.BAD, "an annotation without a token was stored: " + response.bodyAsString()));
      return;
    }
    sent.add(body);
    http("http annotate", client.post("/api/videos/" + video() + "/annotations").bearerTokenAuthentication(httpToken), note,
      response -> acknowledge(body, response.bodyAsJsonObject()));
  }

  private void acknowledge(String body, JsonObject stored) {
    if (body.equals(stored.getString("body"))) {
      acknowledged.put(body, stored.getLong("id"));
    } else {
      tally.record("acknowledgement", OutcomeTally.Outcome.BAD, "the reply for " + body + " was " + stored.encode());
    }
  }

  private void http(String operation, HttpRequest<Buffer> request, JsonObject body, Consumer<HttpResponse<Buffer>> onSuccess) {
    http(operation, request, body, onSuccess, status -> { });
  }

  private void http(String operation, HttpRequest<Buffer> request, JsonObject body, Consumer<HttpResponse<Buffer>> onSuccess,
                    Consumer<Integer> onClearError) {
    inFlight++;
    request.idleTimeout(settings.hungMs());
    Future<HttpResponse<Buffer>> answered = body == null ? request.send() : request.sendJsonObject(body);
    answered.onComplete((response, error) -> {
      inFlight--;
      if (error != null) {
        boolean timedOut = error instanceof java.util.concurrent.TimeoutException || String.valueOf(error.getMessage()).contains("timeout");
        tally.record(operation, timedOut ? OutcomeTally.Outcome.HUNG : OutcomeTally.Outcome.BAD, error.toString());
      } else if (response.statusCode() < 300) {
        tally.record(operation, OutcomeTally.Outcome.OK, null);
        onSuccess.accept(response);
      } else if (isClearError(response)) {
        tally.record(operation, OutcomeTally.Outcome.CLEAR, null);
        tally.reason(operation, response.statusCode() + " " + response.bodyAsJsonObject().getString("error"));
        onClearError.accept(response.statusCode());
      } else {
        tally.record(operation, OutcomeTally.Outcome.BAD, response.statusCode() + " " + response.bodyAsString());
      }
      checkDrained();
    });
  }

  private static boolean isClearError(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 500 && status != 503 && status != 504) {
      return false;
    }
    try {
      return response.bodyAsJsonObject().getString("error") != null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  /** One browser on the bridge: at most one request outstanding, matched to its answer by its reply address. */
  private final class BridgeSocket {

    private final int index;
    private final boolean signedIn;
    private WebSocket socket;
    private long sequence;
    private String pending;
    private String pendingOperation;
    private String pendingBody;
    private long pendingSince;
    private long lastPing = System.currentTimeMillis();
    /** Whether an annotation was served as this socket's kind expects since {@link #awaitBridgeServes} asked. */
    private boolean served;

    BridgeSocket(int index) {
      this.index = index;
      this.signedIn = index % 2 == 0;
    }

    Future<Void> connect() {
      String path = signedIn ? BRIDGE_PATH + "?token=" + bridgeToken : BRIDGE_PATH;
      return webSockets.connect(port, "127.0.0.1", path).map(connected -> {
        socket = connected;
        socket.textMessageHandler(text -> received(new JsonObject(text)));
        socket.binaryMessageHandler(bytes -> received(bytes.toJsonObject()));
        socket.closeHandler(closed -> {
          if (pending != null) {
            tally.reason(pendingOperation, "socket closed");
            answered(OutcomeTally.Outcome.CLEAR, "socket closed " + socket.closeStatusCode() + " " + socket.closeReason());
          }
          socket = null;
          if (!draining()) {
            connect();
          }
        });
        return null;
      });
    }

    void tick() {
      if (socket != null && System.currentTimeMillis() - lastPing > PING_MS) {
        lastPing = System.currentTimeMillis();
        socket.writeTextMessage(PING);
      }
      if (pending != null) {
        if (System.currentTimeMillis() - pendingSince > settings.hungMs()) {
          answered(OutcomeTally.Outcome.HUNG, "no answer to " + pending + " within " + settings.hungMs() + " ms");
        }
        return;
      }
      if (draining() || socket == null) {
        return;
      }
      long n = ++sequence;
      pending = "load." + index + "." + n;
      pendingSince = System.currentTimeMillis();
      JsonObject frame = new JsonObject().put("type", "send").put("replyAddress", pending);
      if (n % 2 == 0) {
        pendingOperation = signedIn ? "bridge annotate" : "bridge annotate anonymous";
        pendingBody = "b" + index + "-" + n;
        sent.add(pendingBody);
        long video = video();
        frame.put("address", "videos." + video + ".annotate")
          .put("body", new JsonObject().put("body", pendingBody).put("at", (int) n));
      } else {
        pendingOperation = "bridge compute";
        pendingBody = null;
        frame.put("address", "infosys.compute")
          .put("body", new JsonObject().put("query", random.nextInt(1000) + " * " + random.nextInt(1000)).put("limit", 1));
      }
      WebSocket writing = socket;
      writing.writeTextMessage(frame.encode()).onFailure(error -> {
        if (pending == null) {
          return;
        }
        if (writing.isClosed()) {
          tally.reason(pendingOperation, "socket closed");
          answered(OutcomeTally.Outcome.CLEAR, "socket closed before the write: " + error);
        } else {
          answered(OutcomeTally.Outcome.BAD, "write failed: " + error);
        }
      });
    }

    private void received(JsonObject frame) {
      if (pending == null) {
        return;
      }
      String type = frame.getString("type");
      String address = frame.getString("address");
      if ("rec".equals(type) && pending.equals(address)) {
        if (!signedIn && pendingBody != null) {
          answered(OutcomeTally.Outcome.BAD, "an annotation from an anonymous socket was stored: " + frame.encode());
          return;
        }
        if (pendingBody != null) {
          acknowledge(pendingBody, frame.getJsonObject("body"));
          served = true;
        }
        answered(OutcomeTally.Outcome.OK, null);
      } else if ("err".equals(type) && (address == null || pending.equals(address))) {
        boolean internal = Integer.valueOf(500).equals(frame.getInteger("failureCode")) && "RECIPIENT_FAILURE".equals(frame.getString("failureType"));
        boolean crashed = internal && ViewerReply.CRASHED.equals(frame.getString("message"));
        String reason = crashed ? VIEWER_CRASHED
          : address == null ? frame.getString("body") : frame.getString("failureType") + " " + frame.getInteger("failureCode");
        if (!internal || crashed) {
          tally.reason(pendingOperation, reason);
        }
        served |= !signedIn && pendingBody != null && Integer.valueOf(401).equals(frame.getInteger("failureCode"));
        answered(internal && !crashed ? OutcomeTally.Outcome.BAD : OutcomeTally.Outcome.CLEAR, frame.encode());
      }
    }

    private void answered(OutcomeTally.Outcome outcome, String detail) {
      tally.record(pendingOperation, outcome, detail);
      pending = null;
      checkDrained();
    }
  }
}
