package dev.rumbl.video;

/** An annotation sent by one account that names another user as its author: refused (403), never stored. */
public final class ForeignUser extends RuntimeException {

  public ForeignUser() {
    super("forbidden: an annotation's 'user' is its author's account (leave it out)", null, false, false);
  }
}
