package dev.rumbl.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.buffer.Buffer;

/**
 * A server's unfragmented, unmasked, uncompressed binary WebSocket frame (RFC 6455, section 5.2),
 * encoded once into a direct buffer so that the same bytes can be written to many sockets: a
 * socket's write then only takes a duplicate of it, and the channel copies nothing. An
 * uncompressed frame is valid on a connection that negotiated permessage-deflate too (its RSV1 bit
 * is clear, RFC 7692, section 6). The caller releases the buffer once it has handed out its duplicates.
 */
final class BinaryFrame {

  private static final int FIN_BINARY = 0x82;
  private static final int TWO_BYTE_LENGTH = 126;
  private static final int EIGHT_BYTE_LENGTH = 127;

  private BinaryFrame() {
  }

  static ByteBuf encode(Buffer payload) {
    int length = payload.length();
    int header = length < TWO_BYTE_LENGTH ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(header + length);
    frame.writeByte(FIN_BINARY);
    if (length < TWO_BYTE_LENGTH) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(TWO_BYTE_LENGTH).writeShort(length);
    } else {
      frame.writeByte(EIGHT_BYTE_LENGTH).writeLong(length);
    }
    return frame.writeBytes(payload.getBytes());
  }
}
