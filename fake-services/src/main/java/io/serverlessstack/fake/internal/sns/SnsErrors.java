package io.serverlessstack.fake.internal.sns;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;

/** SNS's modelled errors, with the codes, statuses and messages AWS answers. */
final class SnsErrors {

  private SnsErrors() {}

  /** {@code InvalidParameter}: AWS words its message {@code Invalid parameter: <what>}. */
  static AwsErrorException invalidParameter(String message) {
    return AwsErrorException.clientError("InvalidParameter", message);
  }

  /** {@code ParameterValueInvalid}, which the SDK reads as InvalidParameterValueException. */
  static AwsErrorException parameterValueInvalid(String message) {
    return AwsErrorException.clientError("ParameterValueInvalid", message);
  }

  static AwsErrorException notFound(String message) {
    return new AwsErrorException("NotFound", "NotFound", 404, message);
  }

  static AwsErrorException topicNotFound() {
    return notFound("Topic does not exist");
  }

  static AwsErrorException subscriptionNotFound() {
    return notFound("Subscription does not exist");
  }

  static AwsErrorException resourceNotFound() {
    return new AwsErrorException(
        "ResourceNotFound", "ResourceNotFound", 404, "Resource does not exist");
  }

  /** A required parameter left out, as AWS's request validation words it. */
  static AwsErrorException validationError(String member) {
    return AwsErrorException.clientError(
        "ValidationError",
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  /** What AWS answers a publisher that sends faster than the topic delivers. */
  static AwsErrorException throttled() {
    return new AwsErrorException("Throttled", "Throttled", 429, "Rate exceeded");
  }

  static AwsErrorException tagLimitExceeded() {
    return AwsErrorException.clientError(
        "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
  }
}
