package io.serverlessstack.fake.internal.lambda;

/**
 * A function running in another JVM failed: its error payload, as that JVM's runtime wrote it, is
 * the invocation's answer.
 */
final class RemoteFunctionError extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient byte[] payload;
  private final String errorType;

  RemoteFunctionError(byte[] payload, String errorType) {
    super(errorType, null, false, false);
    this.payload = payload;
    this.errorType = errorType;
  }

  byte[] payload() {
    return payload;
  }

  String errorType() {
    return errorType;
  }
}
