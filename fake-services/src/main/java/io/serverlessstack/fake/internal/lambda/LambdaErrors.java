package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;

/** Lambda's modelled errors, with the codes, statuses and messages AWS answers. */
final class LambdaErrors {

  private LambdaErrors() {}

  static AwsErrorException notFound(String message) {
    return new AwsErrorException(
        "ResourceNotFoundException", "ResourceNotFoundException", 404, message);
  }

  /** An unknown function, named by the ARN it would have (with the qualifier asked for). */
  static AwsErrorException functionNotFound(String arn) {
    return notFound("Function not found: " + arn);
  }

  static AwsErrorException invalidParameter(String message) {
    return new AwsErrorException(
        "InvalidParameterValueException", "InvalidParameterValueException", 400, message);
  }

  static AwsErrorException conflict(String message) {
    return new AwsErrorException(
        "ResourceConflictException", "ResourceConflictException", 409, message);
  }

  /** A member outside its modelled constraint, as Lambda's request validation words it. */
  static AwsErrorException validation(String member, Object value, String constraint) {
    return new AwsErrorException(
        "ValidationException",
        "ValidationException",
        400,
        "1 validation error detected: Value "
            + (value == null ? "null" : "'" + value + "'")
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  static AwsErrorException required(String member) {
    return validation(member, null, "Member must not be null");
  }

  /** The function's reserved concurrency is all in use. */
  static AwsErrorException tooManyRequests() {
    return new AwsErrorException(
        "TooManyRequestsException", "TooManyRequestsException", 429, "Rate Exceeded.");
  }

  static AwsErrorException payloadTooLarge(int size, int limit) {
    return new AwsErrorException(
        "RequestTooLargeException",
        "RequestTooLargeException",
        413,
        "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
  }
}
