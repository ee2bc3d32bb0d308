package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Scope;

/** Firehose's errors, with the codes and messages AWS answers; all are 400s. */
final class FirehoseErrors {

  private FirehoseErrors() {}

  private static AwsErrorException error(String code, String message) {
    return new AwsErrorException(code, code, 400, message);
  }

  static AwsErrorException invalidArgument(String message) {
    return error("InvalidArgumentException", message);
  }

  static AwsErrorException limitExceeded(String message) {
    return error("LimitExceededException", message);
  }

  static AwsErrorException notFound(String name, Scope scope) {
    return error(
        "ResourceNotFoundException",
        "Firehose " + name + " under account " + scope.accountId() + " not found.");
  }

  static AwsErrorException alreadyExists(String name, Scope scope) {
    return error(
        "ResourceInUseException",
        "Firehose " + name + " under accountId " + scope.accountId() + " already exists");
  }

  static AwsErrorException notActive(DeliveryStream stream) {
    return error(
        "ResourceInUseException",
        "Firehose "
            + stream.name
            + " under account "
            + stream.scope.accountId()
            + " is not ACTIVE, instead in state "
            + stream.status()
            + ".");
  }

  static AwsErrorException concurrentModification(String name, String current, String given) {
    return error(
        "ConcurrentModificationException",
        "Cannot update firehose: "
            + name
            + " since the current version id: "
            + current
            + " and specified version id: "
            + given
            + " do not match");
  }

  /** PutRecord and PutRecordBatch on a delivery stream that reads a Kinesis stream. */
  static AwsErrorException notDirectPut() {
    return invalidArgument(
        "This operation is not permitted on KinesisStreamAsSource delivery stream type.");
  }
}
