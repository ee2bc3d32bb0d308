package io.serverlessstack.benchmarks;

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
}
