package io.serverlessstack.api;

import java.util.List;

/**
 * One shard of a stream.
 *
 * @param parentShardId the shard it was split from or the first of the two it merges, or {@code
 *     null}
 * @param adjacentParentShardId the second shard it merges, or {@code null}
 * @param endingSequenceNumber {@code null} while the shard is open
 * @param records the records it keeps, in sequence order
 */
public record ShardView(
    String shardId,
    String parentShardId,
    String adjacentParentShardId,
    String startingHashKey,
    String endingHashKey,
    String startingSequenceNumber,
    String endingSequenceNumber,
    List<StreamRecordView> records) {

  public ShardView {
    records = List.copyOf(records);
  }

  /** Whether the shard still takes records: no reshard has closed it. */
  public boolean isOpen() {
    return endingSequenceNumber == null;
  }
}
