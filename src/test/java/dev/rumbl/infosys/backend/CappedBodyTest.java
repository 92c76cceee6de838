package dev.rumbl.infosys.backend;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CappedBodyTest {

  @Test
  void aBodyWithinTheCapIsKeptWhole() throws Exception {
    BodyStream<Buffer> body = CappedBody.codec().stream();

    body.write(Buffer.buffer("hello, "));
    body.write(Buffer.buffer("world"));
    body.end();

    assertThat(body.result().result().toString()).isEqualTo("hello, world");
  }

  @Test
  void aBodyPastTheCapFailsAtTheChunkThatPassesIt() throws Exception {
    BodyStream<Buffer> body = CappedBody.codec().stream();
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);

    int accepted = 0;
    while (body.write(chunk).succeeded()) {
      accepted++;
    }

    assertThat(accepted * chunk.length()).isLessThanOrEqualTo(CappedBody.MAX_BYTES);
    assertThat(body.result().cause()).isInstanceOf(CappedBody.TooLarge.class);
  }
}
