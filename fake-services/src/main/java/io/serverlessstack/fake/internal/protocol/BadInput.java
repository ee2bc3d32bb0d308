package io.serverlessstack.fake.internal.protocol;

/**
 * What a codec found wrong with a request, before knowing how the service names it; the binding
 * turns it into the service's error with {@link #named}.
 */
final class BadInput extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String value;
  private final String expectedType;
  private final boolean uri;

  private BadInput(
      String detail, String parameter, String value, String expectedType, boolean uri) {
    super(detail, null, false, false);
    this.parameter = parameter;
    this.value = value;
    this.expectedType = expectedType;
    this.uri = uri;
  }

  /** A body or form that cannot be read as the operation's input. */
  static BadInput malformed(String detail) {
    return new BadInput(detail, null, null, null, false);
  }

  /** A path or query string that cannot be decoded. */
  static BadInput malformedUri(String detail) {
    return new BadInput(detail, null, null, null, true);
  }

  /** A parameter whose text is not of its member's type. */
  static BadInput invalidValue(String parameter, String value, String expectedType) {
    return new BadInput(null, parameter, value, expectedType, false);
  }

  AwsErrorException named(ProtocolErrors errors, WireProtocol protocol) {
    if (parameter != null) {
      return errors.invalidValue(protocol, parameter, value, expectedType);
    }
    return uri
        ? errors.malformedUri(protocol, getMessage())
        : errors.malformedRequest(protocol, getMessage());
  }
}
