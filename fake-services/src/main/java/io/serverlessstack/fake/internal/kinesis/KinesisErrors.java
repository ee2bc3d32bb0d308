package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Scope;

/** Kinesis's errors, with the codes and messages AWS answers; all are 400s. */
final class KinesisErrors {

  private KinesisErrors() {}

  private static AwsErrorException error(String code, String message) {
    return new AwsErrorException(code, code, 400, message);
  }

  static AwsErrorException invalidArgument(String message) {
    return error("InvalidArgumentException", message);
  }

  static AwsErrorException notFound(String message) {
    return error("ResourceNotFoundException", message);
  }

  static AwsErrorException inUse(String message) {
    return error("ResourceInUseException", message);
  }

  static AwsErrorException limitExceeded(String message) {
    return error("LimitExceededException", message);
  }

  static AwsErrorException streamNotFound(String name, Scope scope) {
    return notFound("Stream " + name + " under account " + scope.accountId() + " not found.");
  }

  static AwsErrorException streamNotActive(KinesisStream stream) {
    return inUse(
        "Stream "
            + stream.name
            + " under account "
            + stream.scope.accountId()
            + " not ACTIVE, instead in state "
            + stream.status);
  }

  static AwsErrorException shardNotFound(String shardId, KinesisStream stream) {
    return notFound(
        "Shard "
            + shardId
            + " in stream "
            + stream.name
            + " under account "
            + stream.scope.accountId()
            + " does not exist");
  }

  static AwsErrorException couldNotFindShard(String shardId, KinesisStream stream) {
    return notFound(
        "Could not find shard "
            + shardId
            + " in stream "
            + stream.name
            + " under account "
            + stream.scope.accountId()
            + ".");
  }

  static AwsErrorException writeThroughputExceeded(KinesisShard shard, KinesisStream stream) {
    return error("ProvisionedThroughputExceededException", writeThrottleMessage(shard, stream));
  }

  static String writeThrottleMessage(KinesisShard shard, KinesisStream stream) {
    return "Rate exceeded for shard "
        + shard.id
        + " in stream "
        + stream.name
        + " under account "
        + stream.scope.accountId()
        + ".";
  }

  static AwsErrorException readThroughputExceeded(KinesisShard shard, KinesisStream stream) {
    return error(
        "ProvisionedThroughputExceededException",
        "Rate exceeded for Shard - "
            + stream.scope.accountId()
            + "/"
            + stream.name
            + "/"
            + shard.id);
  }

  static AwsErrorException invalidIterator() {
    return invalidArgument("Invalid ShardIterator.");
  }

  static AwsErrorException expiredIterator(String message) {
    return error("ExpiredIteratorException", message);
  }

  static AwsErrorException expiredNextToken(String message) {
    return error("ExpiredNextTokenException", message);
  }
}
