package io.serverlessstack.api;

import java.util.List;

/**
 * An Amazon Data Firehose delivery stream and what it delivered so far, as one consistent snapshot:
 * the typed view of the resources {@code (firehose, deliverystream)}.
 *
 * @param status {@code CREATING}, {@code ACTIVE} or {@code DELETING}
 * @param type {@code DirectPut} or {@code KinesisStreamAsSource}
 * @param sourceStreamArn the Kinesis stream it reads, or {@code null} for {@code DirectPut}
 * @param versionId its {@code VersionId}, which UpdateDestination increases
 * @param destinations its destination (a delivery stream has one)
 * @param bufferedRecords the records waiting in its buffer for the next delivery
 * @param deliveries what it delivered, oldest first: objects written to S3 (the destination's,
 *     backups and error output) and requests an HTTP endpoint acknowledged; the most recent 1,000
 *     (fewer once they hold 64 MiB of record data)
 */
public record DeliveryStreamView(
    String name,
    String arn,
    String accountId,
    String region,
    String status,
    String type,
    String sourceStreamArn,
    String versionId,
    List<DeliveryDestinationView> destinations,
    int bufferedRecords,
    List<DeliveryView> deliveries)
    implements ResourceView {

  /** The service ({@code firehose}) of delivery streams. */
  public static final String SERVICE = "firehose";

  /** The resource type ({@code deliverystream}) of delivery streams. */
  public static final String TYPE = "deliverystream";

  public DeliveryStreamView {
    destinations = List.copyOf(destinations);
    deliveries = List.copyOf(deliveries);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }

  /**
   * The deliveries to the destination itself: S3 objects of its records, or requests the HTTP
   * endpoint acknowledged; not backups or error output.
   */
  public List<DeliveryView> destinationDeliveries() {
    return deliveries.stream().filter(DeliveryView::toDestination).toList();
  }

  /** How many records reached the destination itself, over the deliveries kept. */
  public int recordsDelivered() {
    return destinationDeliveries().stream().mapToInt(DeliveryView::recordCount).sum();
  }
}
