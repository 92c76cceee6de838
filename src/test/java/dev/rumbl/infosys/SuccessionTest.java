package dev.rumbl.infosys;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SuccessionTest {

  private static final Name NAME = Name.local("heir");

  private static final class Idle extends GenServer<Void> {
    @Override
    protected Init<Void> init() {
      return Init.ok(null);
    }
  }

  @Test
  void aSuccessorRegistersOnceItsPredecessorHasExited(Vertx vertx) {
    Node node = Node.of(vertx);
    Pid predecessor = node.spawn(new Idle().named(NAME)).await();
    Pid successor = node.spawn(new Idle()).await();

    Future<Void> registered = Succession.register(node, NAME, successor, 10_000);
    assertThat(registered.isComplete()).isFalse();
    node.exit(predecessor, ExitReason.kill());
    registered.await();

    assertThat(node.whereis(NAME).await()).isEqualTo(successor);
  }

  @Test
  void aHolderThatStaysKeepsTheNameAndTheSuccessorFailsWithAlreadyStarted(Vertx vertx) {
    Node node = Node.of(vertx);
    Pid holder = node.spawn(new Idle().named(NAME)).await();
    Pid successor = node.spawn(new Idle()).await();

    assertThatThrownBy(() -> Succession.register(node, NAME, successor, 200).await()).isInstanceOf(AlreadyStarted.class);
    assertThat(node.whereis(NAME).await()).isEqualTo(holder);
  }
}
