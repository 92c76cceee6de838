package dev.rumbl.otp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map for the few entries most processes hold (a monitor or two, the call in hand): up to
 * {@value #INLINE} entries in one array of alternating keys and values, scanned with
 * {@code equals}, in the order they were put (so a gone process's few watchers hear of it in the
 * order they began watching); past that, a {@link HashMap} and its order. One entry costs this
 * object and a two-slot array, where a {@code HashMap} costs its table, a node per entry and (for
 * a set) a {@code HashSet} around it: a node of a hundred thousand processes feels the difference
 * (see BENCHMARKS.md, scenario 7). Null keys and values are refused. Not thread-safe: {@link Ties}
 * guards its instances.
 */
final class SmallMap<K, V> {

  static final int INLINE = 8;
  private static final Object[] NONE = {};

  /** Keys at even indexes, their values after them, while the map is small; then null. */
  private Object[] pairs = NONE;
  private int size;
  /** Every entry, once there are more than {@value #INLINE}; null until then. */
  private Map<K, V> large;

  int size() {
    return large == null ? size : large.size();
  }

  boolean isEmpty() {
    return size() == 0;
  }

  @SuppressWarnings("unchecked")
  V get(K key) {
    if (large != null) {
      return large.get(key);
    }
    int index = indexOf(key);
    return index < 0 ? null : (V) pairs[index + 1];
  }

  boolean containsKey(K key) {
    return large != null ? large.containsKey(key) : indexOf(key) >= 0;
  }

  /** Adds or replaces the key's value. */
  void put(K key, V value) {
    if (key == null || value == null) {
      throw new NullPointerException("a SmallMap holds no null key or value");
    }
    if (large != null) {
      large.put(key, value);
      return;
    }
    int index = indexOf(key);
    if (index >= 0) {
      pairs[index + 1] = value;
      return;
    }
    if (size == INLINE) {
      large = new HashMap<>(toMap());
      large.put(key, value);
      pairs = null;
      size = 0;
      return;
    }
    if (2 * size == pairs.length) {
      pairs = Arrays.copyOf(pairs, Math.max(2, 4 * size));
    }
    pairs[2 * size] = key;
    pairs[2 * size + 1] = value;
    size++;
  }

  /** Removes the key; its value, or null when it was not there. */
  @SuppressWarnings("unchecked")
  V remove(K key) {
    if (large != null) {
      return large.remove(key);
    }
    int index = indexOf(key);
    if (index < 0) {
      return null;
    }
    V value = (V) pairs[index + 1];
    int last = 2 * (size - 1);
    System.arraycopy(pairs, index + 2, pairs, index, last - index);
    pairs[last] = null;
    pairs[last + 1] = null;
    size--;
    return value;
  }

  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<? super K, ? super V> action) {
    if (large != null) {
      large.forEach(action);
      return;
    }
    for (int index = 0; index < 2 * size; index += 2) {
      action.accept((K) pairs[index], (V) pairs[index + 1]);
    }
  }

  /** A copy of the entries, as a plain map in the same order. */
  Map<K, V> toMap() {
    Map<K, V> copy = new LinkedHashMap<>();
    forEach(copy::put);
    return copy;
  }

  /** A copy of the keys. */
  List<K> keys() {
    List<K> keys = new ArrayList<>(size());
    forEach((key, value) -> keys.add(key));
    return keys;
  }

  /** A copy of the values. */
  List<V> values() {
    List<V> values = new ArrayList<>(size());
    forEach((key, value) -> values.add(value));
    return values;
  }

  private int indexOf(Object key) {
    for (int index = 0; index < 2 * size; index += 2) {
      if (pairs[index].equals(key)) {
        return index;
      }
    }
    return -1;
  }
}
