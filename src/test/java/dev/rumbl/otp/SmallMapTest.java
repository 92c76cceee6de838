package dev.rumbl.otp;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallMapTest {

  @Test
  void agreesWithAHashMapOverRandomOperationsOnBothSidesOfTheInlineBound() {
    Random random = new Random(17);
    for (int round = 0; round < 200; round++) {
      SmallMap<Integer, String> small = new SmallMap<>();
      Map<Integer, String> model = new HashMap<>();
      int keys = 1 + random.nextInt(3 * SmallMap.INLINE);
      for (int step = 0; step < 300; step++) {
        int key = random.nextInt(keys);
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            String value = "v" + step;
            small.put(key, value);
            model.put(key, value);
          }
          case 2 -> assertThat(small.remove(key)).isEqualTo(model.remove(key));
          default -> assertThat(small.get(key)).isEqualTo(model.get(key));
        }
        assertThat(small.size()).isEqualTo(model.size());
        assertThat(small.containsKey(key)).isEqualTo(model.containsKey(key));
      }
      assertThat(small.toMap()).isEqualTo(model);
      assertThat(small.keys()).containsExactlyInAnyOrderElementsOf(model.keySet());
      assertThat(small.values()).containsExactlyInAnyOrderElementsOf(model.values());
    }
  }

  @Test
  void keysAreComparedWithEqualsNotIdentity() {
    SmallMap<MonitorRef, Boolean> held = new SmallMap<>();
    held.put(new MonitorRef("a", 1), Boolean.TRUE);

    assertThat(held.containsKey(new MonitorRef("a", 1))).isTrue();
    assertThat(held.remove(new MonitorRef("a", 1))).isTrue();
    assertThat(held.isEmpty()).isTrue();
  }

  @Test
  void refusesNullKeysAndValues() {
    SmallMap<String, String> map = new SmallMap<>();

    assertThatThrownBy(() -> map.put(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("x", null)).isInstanceOf(NullPointerException.class);
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void aSmallMapKeepsTheOrderKeysWerePutInAlsoAfterARemove() {
    SmallMap<String, Integer> map = new SmallMap<>();
    for (String key : java.util.List.of("c", "a", "d", "b")) {
      map.put(key, key.length());
    }

    map.remove("a");
    map.put("e", 1);

    assertThat(map.keys()).containsExactly("c", "d", "b", "e");
    assertThat(map.toMap().keySet()).containsExactly("c", "d", "b", "e");
  }
}
