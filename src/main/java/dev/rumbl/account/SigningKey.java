package dev.rumbl.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret tokens are signed with: the configured {@code auth.secret} when there is one (every
 * node of a cluster must be given the same), else the key kept in the settings' key file, made
 * once from {@link SecureRandom} ({@value #KEY_BYTES} bytes, Base64) and written readable by its
 * owner only where the file system has POSIX permissions, so that tokens survive a restart. Two
 * nodes making the file at once agree on the first one written. The file is read and written on a
 * worker thread, never on an event loop.
 */
public final class SigningKey {

  static final int KEY_BYTES = 32;

  private SigningKey() {
  }

  public static Future<String> load(Vertx vertx, AuthSettings settings) {
    if (settings.secret() != null) {
      return Future.succeededFuture(settings.secret());
    }
    return vertx.executeBlocking(() -> readOrCreate(settings.keyFile()), false);
  }

  private static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return read(file);
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".new", ownerOnly());
    try {
      Files.writeString(partial, secret, StandardCharsets.US_ASCII);
      Files.createLink(file, partial);
      return secret;
    } catch (FileAlreadyExistsException anotherNodeWasFirst) {
      return read(file);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static String read(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
    if (secret.length() < KEY_BYTES) {
      throw new IOException("the signing key file " + file + " is too short: delete it to make a new one");
    }
    return secret;
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
      ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
      : new FileAttribute<?>[0];
  }
}
