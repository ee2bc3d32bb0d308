package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.server.Scope;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One data stream: its settings, its shards (open and closed, in index order) and its consumers.
 * Every field that changes is guarded by the stream itself: puts, reads and reshards of a stream
 * take its lock, so records get their sequence numbers in the order they are stored.
 */
final class KinesisStream {

  static final String CREATING = "CREATING";
  static final String ACTIVE = "ACTIVE";
  static final String UPDATING = "UPDATING";
  static final String DELETING = "DELETING";

  final Scope scope;
  final String name;
  final String arn;
  final Instant created;

  /** Sets this stream's sequence numbers apart from those of other streams. */
  final int tag;

  String status;
  String mode;
  int retentionHours = 24;
  int maxRecordSizeKiB = 1024;
  Integer warmThroughputMiBps;
  String encryptionType = "NONE";
  String keyId;
  boolean throughputLimits;
  final TreeSet<String> shardLevelMetrics = new TreeSet<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  final List<KinesisShard> shards = new ArrayList<>();
  final Map<String, KinesisConsumer> consumers = new LinkedHashMap<>();

  private List<KinesisShard> open = List.of();

  /** The counter of the last record stored, or of the last shard opened or closed. */
  long counter;

  /** Told after records are stored, outside the stream's lock: enhanced fan-out, pollers. */
  final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  KinesisStream(Scope scope, String name, String arn, Instant created, int tag, String mode) {
    this.scope = scope;
    this.name = name;
    this.arn = arn;
    this.created = created;
    this.tag = tag;
    this.mode = mode;
  }

  Duration retention() {
    return Duration.ofHours(retentionHours);
  }

  /** Accepts puts and reads: ACTIVE, or UPDATING while a reshard or mode change runs. */
  boolean isReadable() {
    return status.equals(ACTIVE) || status.equals(UPDATING);
  }

  /** The open shards, by the start of their hash key ranges. */
  List<KinesisShard> openShards() {
    return open;
  }

  /** Adds a shard the stream just opened. */
  void addShard(KinesisShard shard) {
    shards.add(shard);
    refreshOpen();
  }

  /** Re-reads which shards are open, after a reshard closed some. */
  void refreshOpen() {
    open =
        shards.stream()
            .filter(KinesisShard::isOpen)
            .sorted(Comparator.comparing(shard -> shard.range.start()))
            .toList();
  }

  /** The shards still listed: open ones and closed ones younger than the retention period. */
  List<KinesisShard> listedShards(Instant now) {
    Instant horizon = now.minus(retention());
    return shards.stream()
        .filter(shard -> shard.isOpen() || shard.closedAt().isAfter(horizon))
        .toList();
  }

  /** The shard of that id, or {@code null}. */
  KinesisShard shard(String shardId) {
    int index = shardIndex(shardId);
    return index >= 0 && index < shards.size() ? shards.get(index) : null;
  }

  /** The index {@code shardId} names ({@code shardId-000000000001} or {@code 1}), or -1. */
  static int shardIndex(String shardId) {
    if (shardId == null) {
      return -1;
    }
    String digits = shardId.startsWith("shardId-") ? shardId.substring(8) : shardId;
    if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    long index = Long.parseLong(digits);
    return index > SequenceNumbers.MAX_SHARD_INDEX ? -1 : (int) index;
  }

  /** The open shard whose range holds {@code hashKey}. */
  KinesisShard openShardFor(BigInteger hashKey) {
    int low = 0;
    int high = open.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      KinesisShard shard = open.get(middle);
      if (hashKey.compareTo(shard.range.start()) < 0) {
        high = middle - 1;
      } else if (hashKey.compareTo(shard.range.end()) > 0) {
        low = middle + 1;
      } else {
        return shard;
      }
    }
    throw new IllegalStateException("no open shard of " + name + " holds hash key " + hashKey);
  }

  /** The shards opened by reshards of {@code parent}: the shards it is a parent of. */
  List<KinesisShard> children(KinesisShard parent) {
    return shards.stream()
        .filter(
            shard -> parent.id.equals(shard.parentId) || parent.id.equals(shard.adjacentParentId))
        .toList();
  }
}
