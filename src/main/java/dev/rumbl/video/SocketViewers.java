package dev.rumbl.video;

import dev.rumbl.otp.Pid;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link Viewer}s of one {@link ViewerSocket}, by video: each is the Future of its start until
 * it has started, then its pid. A socket joins at most a few videos (its bound), most of them one,
 * so they are kept in two arrays scanned in order, grown one entry at a time: a socket of one video
 * holds two one-element arrays, where a map would hold its table, a node, a boxed key and the
 * start's Future for as long as the viewer runs (scenario 7 of BENCHMARKS.md counts every byte a
 * viewer costs). Confined to its socket's process.
 */
final class SocketViewers {

  private static final long[] NO_VIDEOS = {};
  private static final Object[] NO_VIEWERS = {};

  private long[] videos = NO_VIDEOS;
  /** Per video: the start's {@code Future<Pid>}, or the {@link Pid} once started. */
  private Object[] viewers = NO_VIEWERS;
  private int size;

  int size() {
    return size;
  }

  /** The viewer of the video (its start, or its pid as a completed Future), or null when none. */
  Future<Pid> get(long videoId) {
    int index = indexOf(videoId);
    return index < 0 ? null : viewerAt(index);
  }

  /** Keeps the start of the video's viewer; there is none yet. */
  void starting(long videoId, Future<Pid> start) {
    if (size == videos.length) {
      videos = Arrays.copyOf(videos, size + 1);
      viewers = Arrays.copyOf(viewers, size + 1);
    }
    videos[size] = videoId;
    viewers[size] = start;
    size++;
  }

  /** The start has given the viewer's pid: it is kept in the start's place, if the start is still the video's. */
  void started(long videoId, Future<Pid> start, Pid pid) {
    int index = indexOf(videoId);
    if (index >= 0 && viewers[index] == start) {
      viewers[index] = pid;
    }
  }

  /** Forgets the video's viewer if it is still this start (one that failed). */
  void forget(long videoId, Future<Pid> start) {
    int index = indexOf(videoId);
    if (index >= 0 && viewers[index] == start) {
      removeAt(index);
    }
  }

  /** Forgets the video's viewer; returns it (null when none). */
  Future<Pid> remove(long videoId) {
    int index = indexOf(videoId);
    if (index < 0) {
      return null;
    }
    Future<Pid> viewer = viewerAt(index);
    removeAt(index);
    return viewer;
  }

  /** Forgets the viewer whose pid this is (one that has exited), whichever video it was of. */
  void forget(Pid pid) {
    for (int index = 0; index < size; index++) {
      if (pid.equals(viewers[index]) || viewers[index] instanceof Future<?> start && pid.equals(start.result())) {
        removeAt(index);
        return;
      }
    }
  }

  /** Each viewer, as {@link #get} gives it. */
  void forEach(Consumer<Future<Pid>> action) {
    for (int index = 0; index < size; index++) {
      action.accept(viewerAt(index));
    }
  }

  /** The videos joined, in the order joined. */
  List<Long> videos() {
    List<Long> joined = new ArrayList<>(size);
    for (int index = 0; index < size; index++) {
      joined.add(videos[index]);
    }
    return joined;
  }

  @SuppressWarnings("unchecked")
  private Future<Pid> viewerAt(int index) {
    return viewers[index] instanceof Pid pid ? Future.succeededFuture(pid) : (Future<Pid>) viewers[index];
  }

  private int indexOf(long videoId) {
    for (int index = 0; index < size; index++) {
      if (videos[index] == videoId) {
        return index;
      }
    }
    return -1;
  }

  /** Removes the entry, keeping the others in order; the arrays keep their length, for the next join. */
  private void removeAt(int index) {
    int after = size - index - 1;
    System.arraycopy(videos, index + 1, videos, index, after);
    System.arraycopy(viewers, index + 1, viewers, index, after);
    size--;
    viewers[size] = null;
  }
}
