package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.infosys.ComputeRequest;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InvalidQuery;
import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Node;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Channels;
import dev.rumbl.video.ForeignUser;
import dev.rumbl.video.InvalidInput;
import dev.rumbl.video.StorageUnavailable;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
 * The SockJS event-bus bridge at {@value #PATH}. A socket authenticates once, when it is created,
 * as Phoenix's {@code UserSocket.connect} does: its URL carries a token ({@code ?token=...}, see
 * {@link Accounts#authenticate}), and the socket is that account's for its life. Signed-in sockets
 * may send to {@code videos.<id>.annotate} (an annotation {@code {"body", "at"}} of an existing
 * video, which starts the video's channel if needed; the bridge adds the socket's user before it
 * reaches the channel, and refuses one naming another {@code user}), within the user's annotation
 * rate (shared with HTTP). Any socket may send to {@value InfoSys#ADDRESS} (a valid compute
 * request), and may listen to
 * {@code videos.<id>}, {@value TreePublisher#ADDRESS} and {@value LoadSampler#ADDRESS}. Everything else is refused, in both
 * directions, and so is any message over {@value #MAX_MESSAGE_BYTES} bytes, any publish, and any
 * send whose body is invalid: the client gets an error frame, the message never reaches a process,
 * and no other socket is touched. A request that gets no reply within {@value #REPLY_TIMEOUT_MS} ms
 * (a GenServer call's default timeout) is answered with a {@code TIMEOUT} error frame; a compute
 * asked here runs with a deadline of at most {@value #COMPUTE_DEADLINE_MS} ms whatever its
 * {@code timeoutMs}, and one refused because the node is overloaded gets an error frame. SockJS's
 * iframe transport loads its client library from {@value #LIBRARY_URL}. An
 * annotation refused because the socket has no valid token, names another user or is over the rate
 * gets an error frame naming why ({@value #UNAUTHENTICATED}, {@value #FORBIDDEN},
 * {@value RateLimited#ERROR}; to its reply address when it has one), then the bridge's own
 * {@code rejected}; so does one whose socket's token cannot be checked because storage is not
 * running ({@value #UNAVAILABLE}: the token is checked again at the socket's next annotation).
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

  static final String UNAUTHENTICATED = "unauthenticated";
  static final String FORBIDDEN = "forbidden";
  static final String TOKEN = "token";

  private static final String ADDRESS = "address";
  private static final String BODY = "body";
  private static final String REPLY_ADDRESS = "replyAddress";
  private static final String UNAVAILABLE = "unavailable";

  /** A socket opened with a token, and its check: its account's name, null when the token is not valid. */
  private record SignedIn(String token, Future<String> user) {
  }

  private final Node node;
  private final Accounts accounts;
  private final RateLimits limits;
  /** The open sockets that came with a token. */
  private final Map<SockJSSocket, SignedIn> signedIn = new ConcurrentHashMap<>();

  private EventBusBridge(Node node, Accounts accounts, RateLimits limits) {
    this.node = node;
    this.accounts = accounts;
    this.limits = limits;
  }

  static Router router(Vertx vertx, Node node, Accounts accounts, RateLimits limits) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .setReplyTimeout(REPLY_TIMEOUT_MS)
      .addInboundPermitted(new PermittedOptions().setAddressRegex(Channels.ANNOTATE.pattern()))
      .addInboundPermitted(new PermittedOptions().setAddress(InfoSys.ADDRESS))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Channels.TOPIC.pattern()))
      .addOutboundPermitted(new PermittedOptions().setAddress(TreePublisher.ADDRESS))
      .addOutboundPermitted(new PermittedOptions().setAddress(LoadSampler.ADDRESS));
    return SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(LIBRARY_URL))
      .bridge(options, new EventBusBridge(node, accounts, limits)::handle);
  }

  private void handle(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> connected(event);
      case SOCKET_CLOSED -> closed(event);
      case SEND -> send(event);
      case PUBLISH -> event.complete(false);
      case REGISTER, UNREGISTER -> event.complete(withinLimit(event.getRawMessage()));
      default -> event.complete(true);
    }
  }

  private void send(BridgeEvent event) {
    JsonObject message = event.getRawMessage();
    if (!withinLimit(message)) {
      event.complete(false);
      return;
    }
    String address = message.getString(ADDRESS);
    long videoId = Channels.videoId(Channels.ANNOTATE, address);
    if (videoId > 0) {
      userOf(event.socket()).onComplete((user, error) -> {
        if (error == null) {
          annotate(event, videoId, user);
        } else {
          refuse(event, 503, UNAVAILABLE);
        }
      });
    } else if (InfoSys.ADDRESS.equals(address)) {
      event.complete(withinBridgeDeadline(message.getValue(BODY)));
    } else {
      event.complete(true);
    }
  }

  /** Accepts every socket; one whose URL carries a valid token is its account's (for the socket's life, as in Phoenix). */
  private void connected(BridgeEvent event) {
    List<String> token = tokens(event.socket().uri());
    if (token != null && token.size() == 1) {
      signedIn.put(event.socket(), new SignedIn(token.get(0), check(token.get(0))));
    }
    event.complete(true);
  }

  /** The token's user, null when the token is not valid; fails only while storage is unavailable. */
  private Future<String> check(String token) {
    return accounts.authenticate(token)
      .recover(error -> error instanceof StorageUnavailable ? Future.failedFuture(error) : Future.succeededFuture(null));
  }

  /**
   * The socket's user (null: anonymous). A token that could not be checked when the socket opened,
   * because storage was not running, is checked again now.
   */
  private Future<String> userOf(SockJSSocket socket) {
    SignedIn signed = signedIn.get(socket);
    if (signed == null) {
      return Future.succeededFuture();
    }
    return signed.user().recover(unavailable -> {
      SignedIn again = new SignedIn(signed.token(), check(signed.token()));
      signedIn.replace(socket, signed, again);
      return again.user();
    });
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
    signedIn.remove(event.socket());
    event.complete(true);
  }

  private void annotate(BridgeEvent event, long videoId, String user) {
    JsonObject message = event.getRawMessage();
    if (user == null) {
      refuse(event, 401, UNAUTHENTICATED);
      return;
    }
    long wait = limits.annotation(user);
    if (wait > 0) {
      refuse(event, 429, RateLimited.ERROR);
      return;
    }
    AnnotationInput input;
    try {
      input = AnnotationInput.fromClient(message.getValue(BODY), user);
    } catch (ForeignUser foreign) {
      refuse(event, 403, FORBIDDEN);
      return;
    } catch (InvalidInput invalid) {
      event.complete(false);
      return;
    }
    event.setRawMessage(message.copy().put(BODY, input.toJson()));
    Channels.join(node, videoId).onComplete((pid, error) -> event.complete(error == null));
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
