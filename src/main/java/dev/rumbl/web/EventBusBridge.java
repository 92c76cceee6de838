package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.infosys.ComputeRequest;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InvalidQuery;
import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.video.Channels;
import dev.rumbl.video.Presence;
import dev.rumbl.video.SignedIn;
import dev.rumbl.video.StorageUnavailable;
import dev.rumbl.video.ViewerReply;
import dev.rumbl.video.ViewerSettings;
import dev.rumbl.video.Viewers;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SockJS event-bus bridge at {@value #PATH}, each connection served by processes as Phoenix
 * serves a socket and its channels (see {@link Viewers}): a connection opens a socket process
 * (past {@link ViewerSettings#maxSockets()} it is closed at once) that holds its user, authenticated
 * once, when it is created, as Phoenix's {@code UserSocket.connect} does: its URL carries a token
 * ({@code ?token=...}, see {@link Accounts#authenticate}), and the socket is that account's until
 * the token expires (none or an invalid one: anonymous; an expired one: annotations refused as
 * anonymous, see {@link Viewers}' socket process). Registering for {@code videos.<id>} joins the video (a
 * viewer process for this connection and video; an unknown video, or more than
 * {@link ViewerSettings#maxVideosPerSocket()} videos, is refused with an error frame naming why),
 * unregistering leaves it, and closing the connection, or its going silent (no SockJS ping) for
 * {@link ViewerSettings#socketTimeoutMs()}, stops its processes; a connection whose socket process
 * exits (killed, crashed) is closed, and its client opens another. A joined socket gets the video's
 * annotations from {@link VideoFanOut} (encoded once per node, not once per socket); one that stops
 * reading them is closed once it has read nothing for the socket timeout. Signed-in sockets may send to
 * {@code videos.<id>.annotate} (an annotation {@code {"body", "at"}} of an existing video, joining
 * it if needed), handled by the connection's viewer process of that video: within the user's
 * annotation rate (shared with HTTP), as the socket's user (one naming another {@code user} is
 * refused), stored, then broadcast to the listeners of {@code videos.<id>}; the reply (to a send with a reply
 * address) is the stored annotation. Any socket may send to {@value InfoSys#ADDRESS} (a valid
 * compute request), and may listen to {@code videos.<id>}, {@code videos.<id>.presence} (who is
 * watching, see {@link Presence}), {@value TreePublisher#ADDRESS} and {@value LoadSampler#ADDRESS}. Everything else is refused,
 * in both directions, and so is any message over {@value #MAX_MESSAGE_BYTES} bytes, any publish,
 * and any send whose body is invalid: the client gets an error frame, the message never reaches a
 * process, and no other socket is touched. A request that gets no reply within
 * {@value #REPLY_TIMEOUT_MS} ms (a GenServer call's default timeout) is answered with a
 * {@code TIMEOUT} error frame; a compute asked here runs with a deadline of at most
 * {@value #COMPUTE_DEADLINE_MS} ms whatever its {@code timeoutMs}, and one refused because the
 * node is overloaded gets an error frame. SockJS's iframe transport loads its client library from
 * {@value #LIBRARY_URL}. An annotation or join refused gets an error frame naming why (a
 * {@link ViewerReply} reason: {@value ViewerReply#UNAUTHENTICATED}, {@value ViewerReply#FORBIDDEN},
 * {@value ViewerReply#RATE_LIMITED}, {@value ViewerReply#UNAVAILABLE} while storage is not running
 * (the token is then checked again at the socket's next annotation), {@value ViewerReply#CRASHED}
 * when its viewer process crashed with it in hand; to its reply address when it has one), then the
 * bridge's own {@code rejected}. The stored annotation reaches the client's reply address through
 * {@value #ACK}, a node-local address that only echoes what this bridge sends it (a client's own
 * send there is refused), so that the reply travels the bridge's usual way. One instance serves
 * every listener of the endpoint, each through a SockJS handler of its own ({@link #router}), so
 * its connections' state is safe from any event loop.
 */
final class EventBusBridge {

  static final String PATH = "/eventbus";
  static final int MAX_MESSAGE_BYTES = 64 * 1024;
  /** The largest WebSocket frame read at all: a message between this and {@link #MAX_MESSAGE_BYTES} is refused, a larger one closes its socket. */
  static final int MAX_FRAME_BYTES = 2 * MAX_MESSAGE_BYTES;
  static final long REPLY_TIMEOUT_MS = Node.DEFAULT_CALL_TIMEOUT_MS;
  /** The longest deadline of a compute asked over the bridge: its reply's timeout, less time for the answer to travel. */
  static final long COMPUTE_DEADLINE_MS = REPLY_TIMEOUT_MS - 500;
  /** The SockJS client library its iframe transport loads: the app's own copy, never a CDN's. */
  static final String LIBRARY_URL = "/vendor/sockjs.min.js";
  /** Where an accepted annotation's reply is echoed from; never a client's to send to. */
  static final String ACK = "videos.bridge.ack";
  /** Handlers a socket may hold beyond one per video (its presence; its topic holds none, see {@link #register}): the observer's feed and replies awaited. */
  static final int SPARE_HANDLERS = 8;

  static final String TOKEN = "token";

  private static final String ADDRESS = "address";
  private static final String BODY = "body";
  private static final String REPLY_ADDRESS = "replyAddress";

  private final Vertx vertx;
  private final Node node;
  private final Accounts accounts;
  private final RateLimits limits;
  private final SockJSBridgeOptions options;
  private final VideoFanOut fanOut;
  /** The open sockets' connections, of every listener. */
  private final Map<SockJSSocket, BridgeConnection> sockets = new ConcurrentHashMap<>();

  private final long socketTimeoutMs;

  private EventBusBridge(Vertx vertx, Node node, Accounts accounts, RateLimits limits, ViewerSettings viewers) {
    this.vertx = vertx;
    this.node = node;
    this.accounts = accounts;
    this.limits = limits;
    this.socketTimeoutMs = viewers.socketTimeoutMs();
    this.fanOut = new VideoFanOut(vertx);
    this.options = new SockJSBridgeOptions()
      .setReplyTimeout(REPLY_TIMEOUT_MS)
      .setPingTimeout(viewers.socketTimeoutMs())
      .setMaxHandlersPerSocket(viewers.maxVideosPerSocket() + SPARE_HANDLERS)
      .addInboundPermitted(new PermittedOptions().setAddressRegex(Channels.ANNOTATE.pattern()))
      .addInboundPermitted(new PermittedOptions().setAddress(InfoSys.ADDRESS))
      .addInboundPermitted(new PermittedOptions().setAddress(ACK))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Channels.TOPIC.pattern()))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Presence.TOPIC.pattern()))
      .addOutboundPermitted(new PermittedOptions().setAddress(TreePublisher.ADDRESS))
      .addOutboundPermitted(new PermittedOptions().setAddress(LoadSampler.ADDRESS));
  }

  /** The bridge's shared state, with {@link #ACK} registered on the caller's context. */
  static EventBusBridge create(Vertx vertx, Node node, Accounts accounts, RateLimits limits, ViewerSettings viewers) {
    vertx.eventBus().localConsumer(ACK, message -> message.reply(message.body()));
    return new EventBusBridge(vertx, node, accounts, limits, viewers);
  }

  /** A SockJS handler of its own for one listener, bridging to this shared state. */
  Router router() {
    return SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(LIBRARY_URL)).bridge(options, this::handle);
  }

  private void handle(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> connected(event);
      case SOCKET_CLOSED -> closed(event);
      case SEND -> send(event);
      case PUBLISH -> event.complete(false);
      case REGISTER -> register(event);
      case UNREGISTER -> unregister(event);
      default -> event.complete(true);
    }
  }

  /**
   * Accepts the socket at once (the bridge drops frames that come before it is accepted) and opens
   * its process, holding its token's user (for the socket's life, as in Phoenix); past the bound on
   * sockets, the socket is closed. So is a socket whose process exits while it is open (killed, or
   * crashed): as in Phoenix, where the socket process is the connection's, the client sees its
   * connection close and opens another, never a connection that refuses all it sends.
   */
  private void connected(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    List<String> token = tokens(socket.uri());
    Future<Pid> process = Viewers.open(node, token != null && token.size() == 1 ? token.get(0) : null, this::check, limits::annotation);
    BridgeConnection connection = new BridgeConnection(socket, ((ContextInternal) node.vertx().getOrCreateContext()).nettyEventLoop(), process, socketTimeoutMs);
    sockets.put(socket, connection);
    process.onComplete((pid, refused) -> {
      if (refused != null) {
        drop(connection);
      } else {
        node.watch(pid).onSuccess(down -> drop(connection));
      }
    });
    event.complete(true);
  }

  /** Closes the socket whose process could not start or has exited, unless it is closed already. */
  private void drop(BridgeConnection connection) {
    if (sockets.remove(connection.socket(), connection)) {
      connection.close(fanOut);
      connection.socket().close();
    }
  }

  /** The token's user and expiry, null when the token is not valid; fails only while storage is unavailable. */
  private Future<SignedIn> check(String token) {
    return accounts.verify(token).map(verified -> new SignedIn(verified.username(), verified.expiresAt()))
      .recover(error -> error instanceof StorageUnavailable ? Future.failedFuture(error) : Future.succeededFuture(null));
  }

  /** The token parameters of the socket's URI; none when it cannot be decoded. */
  private static List<String> tokens(String uri) {
    try {
      return new QueryStringDecoder(uri).parameters().get(TOKEN);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private void closed(BridgeEvent event) {
    BridgeConnection connection = sockets.remove(event.socket());
    if (connection != null) {
      connection.close(fanOut);
      connection.process().onSuccess(pid -> Viewers.close(node, pid));
    }
    event.complete(true);
  }

  /**
   * Joins the video of a topic registration; once joined, the socket gets the video's broadcasts
   * from {@link VideoFanOut}, and the registration's event is left pending, never completed: the
   * stock bridge registers an event-bus consumer at the topic for the socket only once the event
   * completes with true, and that consumer would receive nothing (annotations are published to the
   * video's broadcast address, never to its topic), while false sends the client an error frame.
   * The protocol has no answer to a registration, so the client sees no difference; the bridge
   * keeps nothing of a pending event (no timer, no table), so it is collected with its socket's
   * frame. What it saves is a consumer, its handler and table entries per socket and video (about
   * 0.6 KiB a viewer, BENCHMARKS.md, scenario 7). The videos a socket may join are bounded by its
   * process ({@link ViewerSettings#maxVideosPerSocket()}), not by the bridge's count of handlers,
   * which these registrations no longer reach; a second registration of a joined topic is no error.
   */
  private void register(BridgeEvent event) {
    JsonObject message = event.getRawMessage();
    BridgeConnection connection = sockets.get(event.socket());
    if (!withinLimit(message) || connection == null) {
      event.complete(false);
      return;
    }
    long videoId = Channels.videoId(Channels.TOPIC, message.getString(ADDRESS));
    if (videoId < 0) {
      event.complete(true);
      return;
    }
    connection.process().compose(pid -> Viewers.join(node, pid, videoId)).onComplete((reply, closed) -> {
      if (closed != null) {
        event.complete(false);
      } else if (reply instanceof ViewerReply.Refused refused) {
        refuse(event, refused.code(), refused.reason());
      } else if (!(reply instanceof ViewerReply.Joined && connection.subscribe(fanOut, videoId))) {
        event.complete(false);
      }
    });
  }

  private void unregister(BridgeEvent event) {
    JsonObject message = event.getRawMessage();
    BridgeConnection connection = sockets.get(event.socket());
    long videoId = message == null ? -1 : Channels.videoId(Channels.TOPIC, message.getString(ADDRESS));
    if (connection != null && videoId > 0) {
      connection.unsubscribe(fanOut, videoId);
      connection.process().onSuccess(pid -> Viewers.leave(node, pid, videoId));
    }
    event.complete(withinLimit(message));
  }

  private void send(BridgeEvent event) {
    JsonObject message = event.getRawMessage();
    if (!withinLimit(message)) {
      event.complete(false);
      return;
    }
    String address = message.getString(ADDRESS);
    long videoId = Channels.videoId(Channels.ANNOTATE, address);
    BridgeConnection connection = sockets.get(event.socket());
    if (videoId > 0 && connection != null) {
      connection.process().compose(pid -> Viewers.annotate(node, pid, videoId, message.getValue(BODY)))
        .onComplete((reply, closed) -> answer(event, closed == null ? reply : new ViewerReply.Invalid("closed")));
    } else if (InfoSys.ADDRESS.equals(address)) {
      event.complete(withinBridgeDeadline(message.getValue(BODY)));
    } else {
      event.complete(videoId < 0 && !ACK.equals(address));
    }
  }

  /** Sends the stored annotation on to the client's reply address by way of {@link #ACK}, or refuses the send. */
  private static void answer(BridgeEvent event, ViewerReply reply) {
    if (reply instanceof ViewerReply.Stored stored) {
      event.setRawMessage(event.getRawMessage().copy().put(ADDRESS, ACK).put(BODY, stored.annotation()));
      event.complete(true);
    } else if (reply instanceof ViewerReply.Refused refused) {
      refuse(event, refused.code(), refused.reason());
    } else {
      event.complete(false);
    }
  }

  /** Tells the socket why its send is refused (at its reply address when it has one), then refuses it. */
  private static void refuse(BridgeEvent event, int code, String reason) {
    String replyAddress = event.getRawMessage().getString(REPLY_ADDRESS);
    JsonObject frame = new JsonObject().put("type", "err");
    if (replyAddress == null) {
      frame.put(BODY, reason);
    } else {
      frame.put(ADDRESS, replyAddress).put("failureCode", code).put("failureType", "RECIPIENT_FAILURE").put("message", reason);
    }
    event.socket().write(frame.encode());
    event.complete(false);
  }

  private static boolean withinLimit(JsonObject message) {
    return message != null && message.toBuffer().length() <= MAX_MESSAGE_BYTES;
  }

  /**
   * True for a valid compute request, whose timeout is then cut (in the message itself, which the
   * bridge sends on) to {@link #COMPUTE_DEADLINE_MS}, so that its answer comes before the bridge's.
   */
  private static boolean withinBridgeDeadline(Object body) {
    try {
      if (!(body instanceof JsonObject json)) {
        return false;
      }
      long asked = ComputeRequest.fromJson(json).options().timeoutMs();
      json.put(ComputeRequest.TIMEOUT_MS, Math.min(asked, COMPUTE_DEADLINE_MS));
      return true;
    } catch (InvalidQuery invalid) {
      return false;
    }
  }
}
