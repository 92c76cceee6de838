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

/**
 * The SockJS event-bus bridge at {@value #PATH}. Browsers may send to {@code videos.<id>.annotate}
 * (an annotation {@code {"user", "body", "at"}} of an existing video, which starts the video's
 * channel if needed) and to {@value InfoSys#ADDRESS} (a valid compute request), and may listen to
 * {@code videos.<id>} and {@value TreePublisher#ADDRESS}. Everything else is refused, in both
 * directions, and so is any message over {@value #MAX_MESSAGE_BYTES} bytes, any publish, and any
 * send whose body is invalid: the client gets an error frame, the message never reaches a process,
 * and no other socket is touched. A request that gets no reply within {@value #REPLY_TIMEOUT_MS} ms
 * (a GenServer call's default timeout) is answered with a {@code TIMEOUT} error frame.
 */
final class EventBusBridge {

  static final String PATH = "/eventbus";
  static final int MAX_MESSAGE_BYTES = 64 * 1024;
  /** The largest WebSocket frame read at all: a message between this and {@link #MAX_MESSAGE_BYTES} is refused, a larger one closes its socket. */
  static final int MAX_FRAME_BYTES = 2 * MAX_MESSAGE_BYTES;
  static final long REPLY_TIMEOUT_MS = Node.DEFAULT_CALL_TIMEOUT_MS;

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
    return SockJSHandler.create(vertx).bridge(options, new EventBusBridge(node)::handle);
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
      event.complete(validComputeRequest(message.getValue(BODY)));
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

  private static boolean validComputeRequest(Object body) {
    try {
      return body instanceof JsonObject json && ComputeRequest.fromJson(json) != null;
    } catch (InvalidQuery invalid) {
      return false;
    }
  }
}
