package io.serverlessstack.fake.internal.kinesis;

import static io.serverlessstack.fake.internal.kinesis.KinesisRecordsTest.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * SplitShard, MergeShards and UpdateShardCount as AWS does them: parents close with an ending
 * sequence number, children record their lineage and split the hash range between them, a reader at
 * the end of a closed shard is told its children, and a consumer that follows the lineage reads
 * every record of a partition key once and in order across the reshard.
 */
class KinesisReshardTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final BigInteger HALF = BigInteger.TWO.pow(127);

  @Test
  void splittingAShardClosesItAndOpensTwoChildrenThatShareItsRange() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));

    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("orders")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(HALF.toString()));

    List<Shard> shards = shards("orders");
    assertThat(shards)
        .extracting(Shard::shardId)
        .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
    assertThat(shards.get(1).hashKeyRange().endingHashKey())
        .isEqualTo(HALF.subtract(BigInteger.ONE).toString());
    assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(HALF.toString());
    assertThat(shards.get(2).sequenceNumberRange().endingSequenceNumber()).isNull();
    assertThat(new BigInteger(shards.get(1).sequenceNumberRange().startingSequenceNumber()))
        .isGreaterThan(new BigInteger(shards.get(0).sequenceNumberRange().endingSequenceNumber()));
    assertThat(
            stack
                .kinesis()
                .describeStreamSummary(b -> b.streamName("orders"))
                .streamDescriptionSummary()
                .openShardCount())
        .isEqualTo(2);
    assertThat(
            stack
                .kinesis()
                .listShards(
                    b -> b.streamName("orders").shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards())
        .extracting(Shard::shardId)
        .containsExactly("shardId-000000000001", "shardId-000000000002");
  }

  @Test
  void mergingTwoAdjacentShardsNamesBothParents() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(2));

    stack
        .kinesis()
        .mergeShards(
            b ->
                b.streamName("orders")
                    .shardToMerge("shardId-000000000001")
                    .adjacentShardToMerge("shardId-000000000000"));

    Shard child = shards("orders").get(2);
    assertThat(child.parentShardId()).isEqualTo("shardId-000000000001");
    assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000000");
    assertThat(child.hashKeyRange().startingHashKey()).isEqualTo("0");
    assertThat(child.hashKeyRange().endingHashKey())
        .isEqualTo(BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString());
  }

  @Test
  void aReaderAtTheEndOfAClosedShardIsToldItsChildren() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("before")));
    String iterator = iterator("orders", "shardId-000000000000");
    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("orders")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(HALF.toString()));

    GetRecordsResponse last = stack.kinesis().getRecords(b -> b.shardIterator(iterator));

    assertThat(last.records()).extracting(r -> r.data().asUtf8String()).containsExactly("before");
    assertThat(last.nextShardIterator()).isNull();
    assertThat(last.childShards())
        .extracting(ChildShard::shardId)
        .containsExactly("shardId-000000000001", "shardId-000000000002");
    assertThat(last.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
  }

  @ParameterizedTest(name = "{0} → {1} shards")
  @CsvSource({"1, 2", "2, 4", "4, 2", "2, 1", "3, 5", "5, 3", "4, 7"})
  void updateShardCountReachesEvenRangesWithValidLineage(int from, int to) {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(from));

    var response =
        stack
            .kinesis()
            .updateShardCount(
                b ->
                    b.streamName("orders")
                        .targetShardCount(to)
                        .scalingType(ScalingType.UNIFORM_SCALING));

    assertThat(response.currentShardCount()).isEqualTo(from);
    assertThat(response.targetShardCount()).isEqualTo(to);
    List<Shard> all = shards("orders");
    List<Shard> open =
        byHashKey(
            all.stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList());
    assertThat(open).hasSize(to);
    BigInteger width = BigInteger.TWO.pow(128).divide(BigInteger.valueOf(to));
    for (int i = 0; i < to; i++) {
      assertThat(open.get(i).hashKeyRange().startingHashKey())
          .isEqualTo(width.multiply(BigInteger.valueOf(i)).toString());
    }
    Map<String, Shard> byId = new LinkedHashMap<>();
    all.forEach(s -> byId.put(s.shardId(), s));
    for (Shard shard : all.subList(from, all.size())) {
      assertThat(byId).containsKey(shard.parentShardId());
      Shard parent = byId.get(shard.parentShardId());
      assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNotNull();
      if (shard.adjacentParentShardId() != null) {
        assertThat(
                byId.get(shard.adjacentParentShardId())
                    .sequenceNumberRange()
                    .endingSequenceNumber())
            .isNotNull();
      }
    }
  }

  @Test
  void aConsumerFollowingTheLineageReadsEachKeyOnceAndInOrderAcrossReshards() {
    stack.kinesis().createStream(b -> b.streamName("clicks").shardCount(2));
    List<String> keys = IntStream.range(0, 12).mapToObj(i -> "session-" + i).toList();
    Map<String, List<String>> sent = new LinkedHashMap<>();
    int[] next = {0};
    Runnable putRound =
        () -> {
          for (String key : keys) {
            String data = key + "#" + next[0]++;
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(data);
            stack.kinesis().putRecord(put("clicks", key, SdkBytes.fromUtf8String(data)));
          }
        };
    putRound.run();
    stack
        .kinesis()
        .updateShardCount(
            b ->
                b.streamName("clicks")
                    .targetShardCount(3)
                    .scalingType(ScalingType.UNIFORM_SCALING));
    putRound.run();
    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("clicks")
                    .shardToSplit(openShards("clicks").get(0))
                    .newStartingHashKey(BigInteger.TEN.pow(37).toString()));
    putRound.run();
    List<String> open = openShards("clicks");
    stack
        .kinesis()
        .mergeShards(
            b ->
                b.streamName("clicks").shardToMerge(open.get(1)).adjacentShardToMerge(open.get(2)));
    putRound.run();

    Map<String, List<String>> read = readFollowingLineage("clicks");

    assertThat(read).isEqualTo(sent);
  }

  @Test
  void reshardingRefusesWhatAwsRefuses() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(2));

    InvalidArgumentException notAdjacentKey =
        catchThrowableOfType(
            InvalidArgumentException.class,
            () ->
                stack
                    .kinesis()
                    .splitShard(
                        b ->
                            b.streamName("orders")
                                .shardToSplit("shardId-000000000000")
                                .newStartingHashKey("1")));
    ResourceNotFoundException unknown =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () ->
                stack
                    .kinesis()
                    .splitShard(
                        b ->
                            b.streamName("orders")
                                .shardToSplit("shardId-000000000009")
                                .newStartingHashKey("100")));
    InvalidArgumentException tooMany =
        catchThrowableOfType(
            InvalidArgumentException.class,
            () ->
                stack
                    .kinesis()
                    .updateShardCount(
                        b ->
                            b.streamName("orders")
                                .targetShardCount(5)
                                .scalingType(ScalingType.UNIFORM_SCALING)));
    stack
        .kinesis()
        .mergeShards(
            b ->
                b.streamName("orders")
                    .shardToMerge("shardId-000000000000")
                    .adjacentShardToMerge("shardId-000000000001"));
    InvalidArgumentException closed =
        catchThrowableOfType(
            InvalidArgumentException.class,
            () ->
                stack
                    .kinesis()
                    .splitShard(
                        b ->
                            b.streamName("orders")
                                .shardToSplit("shardId-000000000000")
                                .newStartingHashKey("100")));

    assertThat(notAdjacentKey.awsErrorDetails().errorMessage())
        .contains("is not both greater than one plus the shard's StartingHashKey 0");
    assertThat(unknown.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Could not find shard shardId-000000000009 in stream orders under account 000000000000.");
    assertThat(tooMany.awsErrorDetails().errorMessage())
        .startsWith("UpdateShardCount cannot scale up over double your current open shard count.");
    assertThat(closed.awsErrorDetails().errorMessage())
        .endsWith(
            "has already been merged or split, and thus is not eligible for merging or splitting.");
  }

  // ---- helpers

  private static List<Shard> shards(String stream) {
    return stack.kinesis().listShards(b -> b.streamName(stream)).shards();
  }

  private static List<String> openShards(String stream) {
    return byHashKey(
            shards(stream).stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList())
        .stream()
        .map(Shard::shardId)
        .toList();
  }

  /** Shards in the order of their hash key ranges. */
  private static List<Shard> byHashKey(List<Shard> shards) {
    return shards.stream()
        .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())))
        .toList();
  }

  private static String iterator(String stream, String shardId) {
    return stack
        .kinesis()
        .getShardIterator(
            b ->
                b.streamName(stream)
                    .shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
        .shardIterator();
  }

  /**
   * Reads as the KCL does: the first shards from TRIM_HORIZON, and a child only once every parent
   * is read to its end, as the ChildShards of the last read say.
   */
  private static Map<String, List<String>> readFollowingLineage(String stream) {
    Map<String, List<String>> read = new LinkedHashMap<>();
    Set<String> finished = new HashSet<>();
    Deque<String> ready =
        new ArrayDeque<>(
            stack
                .kinesis()
                .listShards(
                    b ->
                        b.streamName(stream)
                            .shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON)))
                .shards()
                .stream()
                .map(Shard::shardId)
                .toList());
    Map<String, List<String>> parentsOf = new LinkedHashMap<>();
    while (!ready.isEmpty()) {
      String shardId = ready.poll();
      String iterator = iterator(stream, shardId);
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse response = stack.kinesis().getRecords(b -> b.shardIterator(current));
        for (Record record : response.records()) {
          read.computeIfAbsent(record.partitionKey(), k -> new ArrayList<>())
              .add(record.data().asUtf8String());
        }
        if (response.nextShardIterator() == null) {
          finished.add(shardId);
          for (ChildShard child : response.childShards()) {
            parentsOf.put(child.shardId(), child.parentShards());
            if (finished.containsAll(child.parentShards()) && !ready.contains(child.shardId())) {
              ready.add(child.shardId());
            }
          }
        } else if (response.records().isEmpty()) {
          break; // an open shard, read to its tip
        }
        iterator = response.nextShardIterator();
      }
    }
    return read;
  }
}
