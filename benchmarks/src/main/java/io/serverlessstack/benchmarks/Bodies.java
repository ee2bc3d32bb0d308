package io.serverlessstack.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Message bodies of a given size, plain ASCII so that bytes and characters agree. */
final class Bodies {

  private static final String FILLER = "serverless stack benchmark message ";

  private Bodies() {}

  static String text(int bytes) {
    return FILLER.repeat(bytes / FILLER.length() + 1).substring(0, bytes);
  }

  /** {@code bytes} long and starting with {@code number}, so that no two bodies are equal. */
  static String numbered(long number, int bytes) {
    String prefix = number + " ";
    return prefix + text(bytes - prefix.length());
  }

  /**
   * A copy of {@code filler} with {@code number} and a space written over its start, so that no two
   * records are equal; cheap enough to make by the million.
   */
  static byte[] numbered(long number, byte[] filler) {
    byte[] prefix = (number + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = filler.clone();
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    return bytes;
  }

  /** The number a {@link #numbered(long, byte[])} record starts with, or -1 if none. */
  static long number(ByteBuffer data) {
    long number = 0;
    int digits = 0;
    for (int i = data.position(); i < data.limit(); i++) {
      byte b = data.get(i);
      if (b == ' ') {
        return digits == 0 ? -1 : number;
      }
      if (b < '0' || b > '9' || ++digits > 18) {
        return -1;
      }
      number = number * 10 + (b - '0');
    }
    return -1;
  }
}
