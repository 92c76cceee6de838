package dev.rumbl.web;

import dev.rumbl.account.SigningKey;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Outcome;
import dev.rumbl.otp.Placement;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint as a supervised process, registered as {@code http}: its start succeeds once
 * the server listens, with the tokens' signing key loaded ({@link SigningKey}) and the routes'
 * shared state made ({@link Api}), and fails, failing the tree's start, when it cannot bind or load
 * the key; its exit closes the server, so a restarted endpoint binds the same port again.
 * {@link #port} answers the port it actually listens on (useful with port 0). It listens on its
 * event loop; {@link HttpListener}s listen on the same port on every other loop, so that
 * connections, and the bridge sockets' writes, are spread over the loops as Vert.x spreads a
 * verticle's instances. All of them run under {@value #SUPERVISOR}, {@code rest_for_one} as Ranch
 * supervises a listener's acceptors: the listeners start after the endpoint and depend on it, so
 * they are restarted with it. A WebSocket message larger than {@link EventBusBridge#MAX_FRAME_BYTES}
 * closes that one socket, and so does a connection idle (nothing read or written) for
 * {@link HttpSettings#idleTimeoutSeconds()}, but for an event-bus bridge WebSocket, whose silence
 * the bridge's socket timeout judges (see {@link BridgeConnection}).
 */
public final class HttpEndpoint extends GenServer<HttpEndpoint.State> {

  public static final Name NAME = Name.local("http");
  /** The supervisor of the endpoint and its listeners. */
  public static final String SUPERVISOR = "http.listeners";
  /** Listeners in all, the endpoint included: one per event loop of Vert.x's default pool. */
  public static final int LISTENERS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  /**
   * The longest request line accepted (method, path and query), so that an over-long name or query
   * reaches the routes and gets their JSON error; past it, {@link InvalidRequests} answers a JSON 414.
   */
  static final int MAX_REQUEST_LINE = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final String PORT = "port";
  static final String LISTENING = "listening";
  /**
   * Where an endpoint configured with port 0 has its listeners listen: Vert.x shares one random
   * port among the servers that listen on the same negative port, so each start takes a new one.
   */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private final HttpSettings settings;

  public HttpEndpoint(HttpSettings settings) {
    this.settings = settings;
  }

  /** The endpoint's supervisor: the endpoint on the first event loop, a listener on each other. */
  public static ChildSpec childSpec(HttpSettings settings) {
    List<ChildSpec> children = new ArrayList<>();
    children.add(ChildSpec.worker(NAME.value(), () -> new HttpEndpoint(settings).named(NAME)).withPlacement(Placement.loop(0)));
    for (int loop = 1; loop < LISTENERS; loop++) {
      children.add(HttpListener.childSpec(loop));
    }
    return ChildSpec.supervisor(SUPERVISOR, () -> new Supervisor(SupervisorSpec.restForOne(children.toArray(ChildSpec[]::new)))
      .named(Name.local(SUPERVISOR)));
  }

  /** The port the running endpoint listens on. */
  public static Future<Integer> port(Node node) {
    return node.call(NAME, PORT);
  }

  /** The running endpoint's server and what its listeners need to listen as it does. */
  record State(HttpServer server, Listening listening) {
  }

  @Override
  protected Init<State> init() {
    int port = settings.port() == 0 ? -SHARED_RANDOM_PORTS.incrementAndGet() : settings.port();
    Future<State> listening = SigningKey.load(vertx, settings.auth()).compose(secret -> {
      Listening shared = new Listening(new Api(vertx, node(), settings, secret), settings, port);
      return shared.listen(vertx).map(server -> new State(server, shared));
    }).onSuccess(state -> log.info("HTTP endpoint listening on {}:{}", settings.host(), state.server().actualPort()));
    return Init.async(listening);
  }

  @Override
  protected Outcome<State> handleCall(Object request, From from, State state) {
    if (PORT.equals(request)) {
      return reply(state.server().actualPort(), state);
    }
    if (LISTENING.equals(request)) {
      return reply(state.listening(), state);
    }
    return super.handleCall(request, from, state);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, State state) {
    return state == null ? Future.succeededFuture() : state.server().close();
  }
}
