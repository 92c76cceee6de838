package dev.rumbl.web;

import dev.rumbl.infosys.ComputeRequest;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InvalidQuery;
import dev.rumbl.otp.Node;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Channels;
import dev.rumbl.video.InvalidInput;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * The SockJS event-bus bridge at {@value #PATH}. Browsers may send to {@code videos.<id>.annotate}
 * (an annotation {@code {"user", "body", "at"}} of an existing video, which starts the video's
 * channel if needed) and to {@value InfoSys#ADDRESS} (a valid compute request), and may listen to
 * {@code videos.<id>} and {@value TreePublisher#ADDRESS}. Everything else is refused, in both
 * directions, and so is any message over {@value #MAX_MESSAGE_BYTES} bytes, any publish, and any
 * send whose body is invalid: the client gets an error frame, the message never reaches a process,
 * and no other socket is touched. A request that gets no reply within {@value #REPLY_TIMEOUT_MS} ms
 * (a GenServer call's default timeout) is answered with a {@code TIMEOUT} error frame; a compute
 * asked here runs with a deadline of at most {@value #COMPUTE_DEADLINE_MS} ms whatever its
 * {@code timeoutMs}, and one refused because the node is overloaded gets an error frame. SockJS's
 * iframe transport loads its client library from {@value #LIBRARY_URL}.
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

  private static final String ADDRESS = "address";
  private static final String BODY = "body";

  private final Node node;

  private EventBusBridge(Node node) {
    this.node = node;
  }

  static Router router(Vertx vertx, Node node) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .setReplyTimeout(REPLY_TIMEOUT_MS)
      .addInboundPermitted(new PermittedOptions().setAddressRegex(Channels.ANNOTATE.pattern()))
      .addInboundPermitted(new PermittedOptions().setAddress(InfoSys.ADDRESS))
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Channels.TOPIC.pattern()))
      .addOutboundPermitted(new PermittedOptions().setAddress(TreePublisher.ADDRESS));
    return SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(LIBRARY_URL)).bridge(options, new EventBusBridge(node)::handle);
  }

  private void handle(BridgeEvent event) {
    switch (event.type()) {
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
      if (!validAnnotation(message.getValue(BODY))) {
        event.complete(false);
        return;
      }
      Channels.join(node, videoId).onComplete((pid, error) -> event.complete(error == null));
    } else if (InfoSys.ADDRESS.equals(address)) {
      event.complete(withinBridgeDeadline(message.getValue(BODY)));
    } else {
      event.complete(true);
    }
  }

  private static boolean withinLimit(JsonObject message) {
    return message != null && message.toBuffer().length() <= MAX_MESSAGE_BYTES;
  }

  private static boolean validAnnotation(Object body) {
    try {
      AnnotationInput.fromJson(body);
      return true;
    } catch (InvalidInput invalid) {
      return false;
    }
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
