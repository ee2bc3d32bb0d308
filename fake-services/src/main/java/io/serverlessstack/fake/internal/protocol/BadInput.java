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

  private BadInput(String detail, String parameter, String value, String expectedType) {
    super(detail, null, false, false);
    this.parameter = parameter;
    this.value = value;
    this.expectedType = expectedType;
  }

  /** A body or form that cannot be read as the operation's input. */
  static BadInput malformed(String detail) {
    return new BadInput(detail, null, null, null);
  }

  /** A parameter whose text is not of its member's type. */
  static BadInput invalidValue(String parameter, String value, String expectedType) {
    return new BadInput(null, parameter, value, expectedType);
  }

  AwsErrorException named(ProtocolErrors errors, WireProtocol protocol) {
    return parameter == null
        ? errors.malformedRequest(protocol, getMessage())
        : errors.invalidValue(protocol, parameter, value, expectedType);
  }
}
