package dev.rumbl.video;

/** No video has this id. */
public final class UnknownVideo extends RuntimeException {

  public UnknownVideo(long id) {
    super("no video " + id, null, false, false);
  }
}
