package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.ModelViolations;

/** Lambda's errors, with the codes, statuses and messages AWS answers. */
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

  static AwsErrorException preconditionFailed() {
    return new AwsErrorException(
        "PreconditionFailedException",
        "PreconditionFailedException",
        412,
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  /** A member outside its modelled constraint, as Lambda's request validation words it. */
  static AwsErrorException validation(String member, Object value, String constraint) {
    return new ModelViolations().add(member, value, constraint).toException();
  }

  static AwsErrorException required(String member) {
    return validation(member, null, "Member must not be null");
  }

  /** The function's reserved concurrency is all in use. */
  static AwsErrorException tooManyRequests() {
    return new AwsErrorException(
        "TooManyRequestsException", "TooManyRequestsException", 429, "Rate Exceeded.");
  }

  /**
   * An Invoke payload over the limit. Lambda answers these with the front door's {@code
   * RequestEntityTooLargeException}, not the {@code RequestTooLargeException} its model declares,
   * so the SDK raises a plain {@code LambdaException} with that code.
   */
  static AwsErrorException requestTooLarge(String message) {
    return new AwsErrorException(
        "RequestEntityTooLargeException", "RequestEntityTooLargeException", 413, message);
  }

  /** Throws the one violation when {@code value} is set and outside {@code min} to {@code max}. */
  static void requireInRange(String member, Integer value, int min, int max) {
    new ModelViolations().range(member, value, min, max).throwIfAny();
  }
}
