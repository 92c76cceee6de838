package dev.rumbl.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The broadcast frame encoded once, as a WebSocket client's decoder (Netty's) reads it, at each length form's edges. */
class BinaryFrameTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
  void aClientDecodesTheFrameToThePayload(int length) {
    byte[] payload = new byte[length];
    Arrays.fill(payload, (byte) 'x');
    if (length > 0) {
      payload[length - 1] = 'y';
    }
    EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
    ByteBuf encoded = BinaryFrame.encode(Buffer.buffer(payload));

    client.writeInbound(encoded.retainedDuplicate());
    BinaryWebSocketFrame frame = client.readInbound();

    assertThat(frame.isFinalFragment()).isTrue();
    assertThat(frame.rsv()).isZero();
    byte[] read = new byte[frame.content().readableBytes()];
    frame.content().readBytes(read);
    assertThat(read).isEqualTo(payload);
    assertThat((Object) client.readInbound()).isNull();
    frame.release();
    assertThat(encoded.release()).isTrue();
    client.finishAndReleaseAll();
  }
}
