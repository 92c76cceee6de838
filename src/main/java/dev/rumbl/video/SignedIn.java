package dev.rumbl.video;

import java.time.Instant;

/** Who a bridge socket's token names, and until when it may write as them (the token's expiry). */
public record SignedIn(String user, Instant until) {
}
