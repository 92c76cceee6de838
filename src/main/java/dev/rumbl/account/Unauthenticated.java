package dev.rumbl.account;

/** The request carries no valid token: none, a malformed, forged or expired one, or one whose user does not exist. */
public final class Unauthenticated extends RuntimeException {

  public Unauthenticated() {
    super("unauthenticated", null, false, false);
  }
}
