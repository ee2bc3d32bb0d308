package io.serverlessstack.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One delivery of a delivery stream: an object written to S3 or a request an HTTP endpoint
 * acknowledged.
 *
 * @param time when it was delivered, on the stack's clock
 * @param destination {@code S3} or {@code HttpEndpoint}: where it went
 * @param output what it holds (see {@link FirehoseEvents.Outputs}): {@code destination}, {@code
 *     backup}, {@code processing-failed} or {@code http-endpoint-failed}
 * @param target {@code s3://bucket/key}, or the endpoint's URL
 * @param recordCount how many records it carried
 * @param records each record's bytes in base64, as delivered (after transformation; for error
 *     output, Firehose's error documents), before compression
 */
public record DeliveryView(
    Instant time,
    String destination,
    String output,
    String target,
    int recordCount,
    List<String> records) {

  public DeliveryView {
    records = List.copyOf(records);
  }

  /** Whether it went to the destination itself rather than to a backup or error output. */
  public boolean toDestination() {
    return FirehoseEvents.Outputs.DESTINATION.equals(output);
  }

  /** Each record read as UTF-8 text. */
  public List<String> texts() {
    return records.stream()
        .map(data -> new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8))
        .toList();
  }

  /** The records as one text, concatenated as an S3 object holds them. */
  public String content() {
    return String.join("", texts());
  }
}
