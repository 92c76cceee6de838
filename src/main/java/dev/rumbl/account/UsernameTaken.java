package dev.rumbl.account;

/** The name is taken: by an account, by a user of annotations made before accounts existed, or reserved for a backend. */
public final class UsernameTaken extends RuntimeException {

  public UsernameTaken() {
    super("username_taken", null, false, false);
  }
}
