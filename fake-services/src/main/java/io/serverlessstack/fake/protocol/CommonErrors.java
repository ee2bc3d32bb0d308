package io.serverlessstack.fake.protocol;

/** Errors every AWS service answers with the same code. */
public final class CommonErrors {

  private CommonErrors() {}

  /** JSON protocols name it {@code MissingRequiredParameterException}, as SQS's JSON API does. */
  public static AwsErrorException missingParameter(String name) {
    return new AwsErrorException(
        "MissingRequiredParameterException",
        "MissingParameter",
        400,
        "The request must contain the parameter " + name + ".");
  }

  /** JSON protocols name it {@code InvalidParameterValueException}, as SQS's JSON API does. */
  public static AwsErrorException invalidParameterValue(String message) {
    return new AwsErrorException(
        "InvalidParameterValueException", "InvalidParameterValue", 400, message);
  }

  public static AwsErrorException invalidParameterValue(String name, Object value, String reason) {
    return invalidParameterValue(
        "Value " + value + " for parameter " + name + " is invalid. Reason: " + reason);
  }

  public static AwsErrorException malformedBody(String detail) {
    return AwsErrorException.clientError("SerializationException", detail);
  }

  public static AwsErrorException unknownOperation(String operation) {
    return new AwsErrorException(
        "UnknownOperationException",
        "InvalidAction",
        400,
        "The action " + operation + " is not valid for this endpoint.");
  }
}
