package io.serverlessstack.fake.internal.protocol;

/**
 * The errors a protocol answers before an operation runs — an operation it does not know, a body it
 * cannot read, a value of the wrong type — as one service names them. The defaults are the names
 * AWS's own front ends answer with: {@code UnknownOperationException} and {@code
 * SerializationException} on the JSON protocols, {@code InvalidAction}, {@code MissingAction},
 * {@code MalformedQueryString} and {@code InvalidParameterValue} on awsQuery. A service whose names
 * differ overrides the methods that differ.
 */
public interface ProtocolErrors {

  /** AWS's common names, for services that name these errors no differently. */
  ProtocolErrors AWS = new ProtocolErrors() {};

  /**
   * An operation the service does not have: a target, an action, or (REST protocols) a method and
   * path.
   */
  default AwsErrorException unknownOperation(WireProtocol protocol, String operation) {
    if (protocol == WireProtocol.REST_JSON_1 || protocol == WireProtocol.REST_XML) {
      return new AwsErrorException(
          "UnknownOperationException",
          "UnknownOperationException",
          404,
          "No operation matches " + operation + ".");
    }
    return new AwsErrorException(
        "UnknownOperationException",
        "InvalidAction",
        400,
        "The action " + operation + " is not valid for this endpoint.");
  }

  /** A body or form that cannot be read at all, or a member of the wrong type in a body. */
  default AwsErrorException malformedRequest(WireProtocol protocol, String detail) {
    return protocol == WireProtocol.AWS_QUERY
        ? AwsErrorException.clientError("MalformedQueryString", detail)
        : AwsErrorException.clientError("SerializationException", detail);
  }

  /** A path or query string that cannot be decoded; by default as a malformed request. */
  default AwsErrorException malformedUri(WireProtocol protocol, String detail) {
    return malformedRequest(protocol, detail);
  }

  /**
   * A parameter outside a body (a form field, a path label, a query parameter, a header) whose text
   * is not of its member's type.
   */
  default AwsErrorException invalidValue(
      WireProtocol protocol, String parameter, String value, String expectedType) {
    String message =
        "Value "
            + value
            + " for parameter "
            + parameter
            + " is invalid. Reason: Must be of type "
            + expectedType;
    return protocol == WireProtocol.AWS_QUERY
        ? AwsErrorException.clientError("InvalidParameterValue", message)
        : malformedRequest(protocol, message);
  }

  /** An awsQuery request without {@code Action}. */
  default AwsErrorException missingAction() {
    return AwsErrorException.clientError("MissingAction", "Missing Action");
  }

  /** What a failure of the stack itself is answered with. */
  default AwsErrorException internalFailure() {
    return AwsErrorException.internalFailure("We encountered an internal error. Please try again.");
  }
}
