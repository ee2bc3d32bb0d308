package io.serverlessstack.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One record a shard keeps.
 *
 * @param shardId the shard it is on
 * @param data its bytes in base64, as Kinesis's JSON carries them
 * @param arrival its {@code ApproximateArrivalTimestamp}, on the stack's clock
 */
public record StreamRecordView(
    String shardId, String sequenceNumber, String partitionKey, String data, Instant arrival) {

  /** The record's bytes. */
  public byte[] bytes() {
    return Base64.getDecoder().decode(data);
  }

  /** The record's bytes read as UTF-8 text. */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }
}
