package io.serverlessstack.fake.internal.lambda;

import java.util.Objects;

/**
 * Where a function version's code comes from: a handler object the test registered, or the
 * function's {@code Handler} string, whose class is loaded from the test's class path on the first
 * invocation (Lambda's cold start) and kept for the next ones, with the error it failed with if it
 * could not be.
 */
abstract sealed class CodeSource {

  /** The code, loaded now if it was not. */
  abstract HandlerCode code() throws HandlerLoadException;

  /** What the code was registered as, for the function's configuration and the journal. */
  abstract String description();

  static CodeSource registered(HandlerCode code, String description) {
    return new Registered(code, description);
  }

  static CodeSource handler(String handler, ClassLoader loader) {
    return new FromHandler(handler, loader);
  }

  private static final class Registered extends CodeSource {
    private final HandlerCode code;
    private final String description;

    Registered(HandlerCode code, String description) {
      this.code = Objects.requireNonNull(code, "code");
      this.description = description;
    }

    @Override
    HandlerCode code() {
      return code;
    }

    @Override
    String description() {
      return description;
    }
  }

  private static final class FromHandler extends CodeSource {
    private final String handler;
    private final ClassLoader loader;
    private HandlerCode loaded;
    private HandlerLoadException failed;

    FromHandler(String handler, ClassLoader loader) {
      this.handler = Objects.requireNonNull(handler, "handler");
      this.loader = loader;
    }

    @Override
    synchronized HandlerCode code() throws HandlerLoadException {
      if (loaded == null && failed == null) {
        try {
          loaded = HandlerLoader.load(handler, loader);
        } catch (HandlerLoadException e) {
          failed = e;
        }
      }
      if (failed != null) {
        throw failed;
      }
      return loaded;
    }

    @Override
    String description() {
      return handler;
    }
  }
}
