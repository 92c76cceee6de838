package dev.rumbl.video;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A video's viewers on one node, counted by user as they come and go. */
class PresenceWatchingTest {

  @Test
  void aUserIsListedWhileAnyOfItsViewersWatchesAndTheAnonymousAreCounted() {
    Presence.Watching watching = new Presence.Watching();
    watching.add("ann");
    watching.add("ann");
    watching.add(null);
    watching.add("bob");
    watching.add(null);

    watching.remove("ann");
    watching.remove(null);
    assertThat(watching.tally()).isEqualTo(new Presence.Tally(Map.of("ann", 1, "bob", 1), 1));

    watching.remove("ann");
    watching.remove("bob");
    assertThat(watching.tally().users()).isEmpty();
    assertThat(watching.tally().viewers()).isEqualTo(1);
    assertThat(watching.isEmpty()).isFalse();
    watching.remove(null);
    assertThat(watching.isEmpty()).isTrue();
  }
}
