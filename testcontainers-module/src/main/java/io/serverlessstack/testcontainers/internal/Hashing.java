package io.serverlessstack.testcontainers.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex. Not API. */
final class Hashing {

  private Hashing() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The first 12 hex digits of the SHA-256 of {@code text}: a short, stable tag part. */
  static String hex12(String text) {
    return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
  }
}
