package io.serverlessstack.api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A Kinesis data stream, its shards and the records they keep, as one consistent snapshot: the
 * typed view of the resources {@code (kinesis, stream)}.
 *
 * @param status {@code CREATING}, {@code ACTIVE}, {@code UPDATING} or {@code DELETING}
 * @param mode {@code PROVISIONED} or {@code ON_DEMAND}
 * @param shards every shard still listed (open ones, and closed ones within the retention period),
 *     by shard id
 * @param consumers the names of the registered enhanced fan-out consumers
 */
public record StreamView(
    String name,
    String arn,
    String accountId,
    String region,
    String status,
    String mode,
    int retentionHours,
    List<ShardView> shards,
    List<String> consumers)
    implements ResourceView {

  /** The service ({@code kinesis}) of streams. */
  public static final String SERVICE = "kinesis";

  /** The resource type ({@code stream}) of streams. */
  public static final String TYPE = "stream";

  public StreamView {
    shards = List.copyOf(shards);
    consumers = List.copyOf(consumers);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }

  /** The shard with this id. */
  public Optional<ShardView> shard(String shardId) {
    return shards.stream().filter(shard -> shard.shardId().equals(shardId)).findFirst();
  }

  /**
   * Every record the stream keeps, in the order they were put: sequence numbers sort a key's
   * records in put order across a reshard, as a child shard's numbers exceed its parents'.
   */
  public List<StreamRecordView> records() {
    return shards.stream()
        .flatMap(shard -> shard.records().stream())
        .sorted(
            Comparator.comparing((StreamRecordView record) -> record.sequenceNumber().length())
                .thenComparing(StreamRecordView::sequenceNumber))
        .toList();
  }
}
