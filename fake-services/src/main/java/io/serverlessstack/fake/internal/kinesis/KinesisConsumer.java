package io.serverlessstack.fake.internal.kinesis;

import java.time.Instant;

/**
 * An enhanced fan-out consumer registered on a stream.
 *
 * @param status {@code CREATING}, {@code ACTIVE} or {@code DELETING}
 */
record KinesisConsumer(String name, String arn, String streamArn, Instant created, String status) {

  KinesisConsumer withStatus(String next) {
    return new KinesisConsumer(name, arn, streamArn, created, next);
  }
}
