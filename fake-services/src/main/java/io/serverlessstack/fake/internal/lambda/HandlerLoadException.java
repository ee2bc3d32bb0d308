package io.serverlessstack.fake.internal.lambda;

/**
 * A handler that cannot run: its class is missing, cannot be built, or has no handler method. The
 * runtime reports it on every invocation as the function's error, with this type and message.
 */
final class HandlerLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorType;

  HandlerLoadException(String message, String errorType, Throwable cause) {
    super(message, cause, false, false);
    this.errorType = errorType;
  }

  /** The error type the caller sees, e.g. {@code java.lang.ClassNotFoundException}. */
  String errorType() {
    return errorType;
  }
}
