package io.serverlessstack.fake.handlers;

/** Static handler methods on a class that cannot be built: the runtime needs no instance. */
public final class Statics {

  private Statics() {}

  public static String shout(String input) {
    return input.toUpperCase(java.util.Locale.ROOT);
  }
}
