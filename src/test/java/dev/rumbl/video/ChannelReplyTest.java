package dev.rumbl.video;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelReplyTest {

  @Test
  void everyReplyReadsBackFromItsWireForm() {
    JsonObject annotation = new JsonObject().put("id", 1).put("body", "hi").put("at", 0);

    assertThat(ChannelReply.fromJson(new ChannelReply.Stored(annotation).toJson())).isEqualTo(new ChannelReply.Stored(annotation));
    assertThat(ChannelReply.fromJson(new ChannelReply.Invalid("body is blank").toJson())).isEqualTo(new ChannelReply.Invalid("body is blank"));
    assertThat(ChannelReply.fromJson(new ChannelReply.Unavailable("storage").toJson())).isEqualTo(new ChannelReply.Unavailable("storage"));
  }

  @Test
  void eachReplyGivesItsCallersOutcome() {
    JsonObject annotation = new JsonObject().put("id", 1);

    assertThat(new ChannelReply.Stored(annotation).outcome().result()).isEqualTo(annotation);
    assertThat(new ChannelReply.Invalid("bad").outcome().cause()).isInstanceOf(InvalidInput.class).hasMessage("bad");
    assertThat(new ChannelReply.Unavailable("storage").outcome().cause()).isInstanceOf(StorageUnavailable.class);
  }
}
