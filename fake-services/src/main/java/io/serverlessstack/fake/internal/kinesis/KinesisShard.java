package io.serverlessstack.fake.internal.kinesis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a stream: its hash key range, its lineage, and its records in sequence order. Open
 * until a reshard closes it, after which it takes no more records and has an ending sequence
 * number. Every field that changes is guarded by the stream it belongs to.
 */
final class KinesisShard {

  final int index;
  final String id;
  final HashKeys.Range range;
  final String parentId;
  final String adjacentParentId;
  final Instant created;
  final String startingSequenceNumber;

  /** The stream's counter when the shard opened: every record in it has a larger one. */
  final long startCounter;

  private final List<StoredRecord> records = new ArrayList<>();
  private Instant closed;
  private String endingSequenceNumber;

  /** Counts this second's writes and reads, for the throughput limits. */
  final ThroughputWindow in = new ThroughputWindow();

  final ThroughputWindow out = new ThroughputWindow();

  KinesisShard(
      int streamTag,
      int index,
      HashKeys.Range range,
      String parentId,
      String adjacentParentId,
      Instant created,
      long startCounter) {
    this.index = index;
    this.id = shardId(index);
    this.range = range;
    this.parentId = parentId;
    this.adjacentParentId = adjacentParentId;
    this.created = created;
    this.startCounter = startCounter;
    this.startingSequenceNumber = SequenceNumbers.format(streamTag, index, startCounter);
  }

  /** AWS's shard ids: {@code shardId-} and twelve digits. */
  static String shardId(int index) {
    String digits = Integer.toString(index);
    return "shardId-" + "0".repeat(12 - digits.length()) + digits;
  }

  boolean isOpen() {
    return closed == null;
  }

  Instant closedAt() {
    return closed;
  }

  /** {@code null} while the shard is open. */
  String endingSequenceNumber() {
    return endingSequenceNumber;
  }

  void close(Instant at, int streamTag, long counter) {
    closed = at;
    endingSequenceNumber = SequenceNumbers.format(streamTag, index, counter);
  }

  void append(StoredRecord record) {
    records.add(record);
  }

  /** The number of records kept. */
  int size() {
    return records.size();
  }

  StoredRecord get(int i) {
    return records.get(i);
  }

  /** The index of the first record whose counter is at least {@code counter}. */
  int indexOf(long counter) {
    int low = 0;
    int high = records.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (records.get(middle).counter() < counter) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The index of the first record that arrived at or after {@code time}. */
  int indexAt(Instant time) {
    int low = 0;
    int high = records.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (records.get(middle).arrival().isBefore(time)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Drops the records that arrived before {@code horizon}: they are past the retention period. */
  void trim(Instant horizon) {
    if (!records.isEmpty() && records.get(0).arrival().isBefore(horizon)) {
      records.subList(0, indexAt(horizon)).clear();
    }
  }
}
