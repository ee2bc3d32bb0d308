package io.serverlessstack.fake.internal.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.serverlessstack.fake.KinesisClients;
import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Records in and out through the real SDK v2 clients: the sync client on CBOR (the Java SDK's
 * default) and on JSON 1.1, and the async client over HTTP/2 (its default, h2c). Records land on
 * the shard whose hash key range holds the MD5 of their partition key, keep their order per shard,
 * and come back byte for byte with AWS's sequence numbers and arrival times.
 */
class KinesisRecordsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  /** The three ways the Java SDK talks to Kinesis. */
  enum Client {
    SYNC_CBOR,
    SYNC_JSON,
    ASYNC_HTTP2_CBOR,
    ASYNC_HTTP2_JSON
  }

  /** The calls of a test, on whichever client. */
  private record Calls(
      Function<PutRecordRequest, PutRecordResponse> put,
      Function<GetShardIteratorRequest, String> iterator,
      Function<GetRecordsRequest, GetRecordsResponse> get) {}

  private static Calls calls(Client kind) {
    return switch (kind) {
      case SYNC_CBOR, SYNC_JSON -> {
        KinesisClient client =
            stack.track(KinesisClients.sync(stack.server(), kind == Client.SYNC_CBOR));
        yield new Calls(
            client::putRecord, r -> client.getShardIterator(r).shardIterator(), client::getRecords);
      }
      default -> {
        KinesisAsyncClient client =
            stack.track(
                KinesisClients.async(
                    stack.server(), kind == Client.ASYNC_HTTP2_CBOR, Protocol.HTTP2));
        yield new Calls(
            r -> client.putRecord(r).join(),
            r -> client.getShardIterator(r).join().shardIterator(),
            r -> client.getRecords(r).join());
      }
    };
  }

  private static void createStream(String name, int shards) {
    stack.kinesis().createStream(b -> b.streamName(name).shardCount(shards));
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void recordsComeBackInOrderWithTheirDataKeysAndArrivalTimes(Client kind) {
    Calls calls = calls(kind);
    createStream("clicks", 1);
    Instant putAt = stack.now();
    List<PutRecordResponse> puts = new ArrayList<>();
    byte[] binary = {0, (byte) 0xff, 1, (byte) 0x80};
    puts.add(calls.put().apply(put("clicks", "session-1", SdkBytes.fromByteArray(binary))));
    for (int i = 1; i <= 3; i++) {
      puts.add(calls.put().apply(put("clicks", "session-" + i, SdkBytes.fromUtf8String("c" + i))));
    }

    String iterator =
        calls
            .iterator()
            .apply(
                GetShardIteratorRequest.builder()
                    .streamName("clicks")
                    .shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                    .build());
    GetRecordsResponse read =
        calls.get().apply(GetRecordsRequest.builder().shardIterator(iterator).build());

    assertThat(read.records())
        .extracting(Record::sequenceNumber)
        .containsExactlyElementsOf(puts.stream().map(PutRecordResponse::sequenceNumber).toList());
    assertThat(read.records())
        .extracting(Record::partitionKey)
        .containsExactly("session-1", "session-1", "session-2", "session-3");
    assertThat(read.records().get(0).data().asByteArray()).isEqualTo(binary);
    assertThat(read.records().get(3).data().asUtf8String()).isEqualTo("c3");
    assertThat(read.records())
        .allSatisfy(r -> assertThat(r.approximateArrivalTimestamp()).isEqualTo(putAt));
    assertThat(puts).allSatisfy(p -> assertThat(p.shardId()).isEqualTo("shardId-000000000000"));
    assertThat(read.millisBehindLatest()).isZero();
    assertThat(read.nextShardIterator()).isNotBlank();
    assertThat(
            calls
                .get()
                .apply(GetRecordsRequest.builder().shardIterator(read.nextShardIterator()).build())
                .records())
        .isEmpty();
  }

  @Test
  void aPartitionKeyLandsOnTheShardWhoseRangeHoldsItsMd5() throws Exception {
    createStream("orders", 4);
    List<Shard> shards = stack.kinesis().listShards(b -> b.streamName("orders")).shards();
    assertThat(shards).hasSize(4);
    assertThat(shards.get(0).hashKeyRange().startingHashKey()).isEqualTo("0");
    assertThat(shards.get(3).hashKeyRange().endingHashKey())
        .isEqualTo(BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString());

    for (int i = 0; i < 50; i++) {
      String key = "customer-" + i;
      BigInteger hash =
          new BigInteger(
              1, MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
      String expected =
          shards.stream()
              .filter(
                  s ->
                      hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
                          && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0)
              .findFirst()
              .orElseThrow()
              .shardId();
      PutRecordResponse put =
          stack.kinesis().putRecord(put("orders", key, SdkBytes.fromUtf8String("x")));
      assertThat(put.shardId()).as(key).isEqualTo(expected);
    }
  }

  @Test
  void anExplicitHashKeyChoosesTheShard() {
    createStream("orders", 2);
    String upperHalf = BigInteger.TWO.pow(127).toString();

    PutRecordResponse put =
        stack
            .kinesis()
            .putRecord(
                put("orders", "any", SdkBytes.fromUtf8String("x")).toBuilder()
                    .explicitHashKey(upperHalf)
                    .build());
    PutRecordResponse lower =
        stack
            .kinesis()
            .putRecord(
                put("orders", "any", SdkBytes.fromUtf8String("x")).toBuilder()
                    .explicitHashKey("0")
                    .build());

    assertThat(put.shardId()).isEqualTo("shardId-000000000001");
    assertThat(lower.shardId()).isEqualTo("shardId-000000000000");
  }

  @Test
  void sequenceNumbersIncreaseWithinAShardAndLookLikeAws() {
    createStream("orders", 1);
    List<BigInteger> numbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String sequence =
          stack
              .kinesis()
              .putRecord(put("orders", "k" + i, SdkBytes.fromUtf8String("x")))
              .sequenceNumber();
      assertThat(sequence).hasSize(56).containsOnlyDigits();
      numbers.add(new BigInteger(sequence));
    }
    assertThat(numbers).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void putRecordsStoresEachRecordAndAnswersInRequestOrder() {
    createStream("orders", 3);
    List<PutRecordsRequestEntry> entries =
        IntStream.range(0, 500)
            .mapToObj(
                i ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey("key-" + (i % 7))
                        .data(SdkBytes.fromUtf8String("record-" + i))
                        .build())
            .toList();

    PutRecordsResponse response =
        stack.kinesis().putRecords(b -> b.streamName("orders").records(entries));

    assertThat(response.failedRecordCount()).isZero();
    assertThat(response.records()).hasSize(500).allSatisfy(r -> assertThat(r.errorCode()).isNull());
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Shard shard : stack.kinesis().listShards(b -> b.streamName("orders")).shards()) {
      for (Record record : readAll(stack.kinesis(), "orders", shard.shardId())) {
        byKey
            .computeIfAbsent(record.partitionKey(), k -> new ArrayList<>())
            .add(record.data().asUtf8String());
      }
    }
    assertThat(byKey.values().stream().mapToInt(List::size).sum()).isEqualTo(500);
    for (int key = 0; key < 7; key++) {
      int k = key;
      assertThat(byKey.get("key-" + key))
          .as("records of key-%d in put order", key)
          .containsExactlyElementsOf(
              IntStream.range(0, 500)
                  .filter(i -> i % 7 == k)
                  .mapToObj(i -> "record-" + i)
                  .toList());
    }
  }

  @Test
  void iteratorsStartWhereTheirTypeSays() {
    createStream("orders", 1);
    List<String> sequences = new ArrayList<>();
    Instant[] times = new Instant[5];
    for (int i = 0; i < 5; i++) {
      times[i] = stack.now();
      sequences.add(
          stack
              .kinesis()
              .putRecord(put("orders", "k", SdkBytes.fromUtf8String("r" + i)))
              .sequenceNumber());
      stack.advance(Duration.ofSeconds(10));
    }
    String latest = iterator("orders", b -> b.shardIteratorType(ShardIteratorType.LATEST));
    stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("r5")));

    assertThat(data(iterator("orders", b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON))))
        .containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
    assertThat(data(latest)).containsExactly("r5");
    assertThat(
            data(
                iterator(
                    "orders",
                    b ->
                        b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .startingSequenceNumber(sequences.get(2)))))
        .containsExactly("r2", "r3", "r4", "r5");
    assertThat(
            data(
                iterator(
                    "orders",
                    b ->
                        b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .startingSequenceNumber(sequences.get(2)))))
        .containsExactly("r3", "r4", "r5");
    assertThat(
            data(
                iterator(
                    "orders",
                    b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(times[3]))))
        .containsExactly("r3", "r4", "r5");
    assertThat(
            data(
                iterator(
                    "orders",
                    b ->
                        b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                            .timestamp(times[3].plusMillis(1)))))
        .containsExactly("r4", "r5");
  }

  @Test
  void aLimitPagesThroughTheShardAndMillisBehindLatestShowsTheLag() {
    createStream("orders", 1);
    for (int i = 0; i < 5; i++) {
      stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("r" + i)));
    }
    stack.advance(Duration.ofMinutes(1));

    GetRecordsResponse first =
        stack
            .kinesis()
            .getRecords(
                b ->
                    b.shardIterator(
                            iterator(
                                "orders", i -> i.shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                        .limit(2));
    GetRecordsResponse second =
        stack.kinesis().getRecords(b -> b.shardIterator(first.nextShardIterator()).limit(3));

    assertThat(first.records())
        .extracting(r -> r.data().asUtf8String())
        .containsExactly("r0", "r1");
    assertThat(first.millisBehindLatest()).isEqualTo(60_000L);
    assertThat(second.records())
        .extracting(r -> r.data().asUtf8String())
        .containsExactly("r2", "r3", "r4");
    assertThat(second.millisBehindLatest()).isZero();
  }

  @Test
  void iteratorsExpireAfterFiveMinutesOfTheStackClock() {
    createStream("orders", 1);
    String iterator = iterator("orders", b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));
    stack.advance(Duration.ofMinutes(5));
    assertThat(stack.kinesis().getRecords(b -> b.shardIterator(iterator)).records()).isEmpty();

    stack.advance(Duration.ofMillis(1));
    ExpiredIteratorException expired =
        catchThrowableOfType(
            ExpiredIteratorException.class,
            () -> stack.kinesis().getRecords(b -> b.shardIterator(iterator)));

    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(expired.awsErrorDetails().errorMessage())
        .startsWith("Iterator expired. The iterator was created at time ")
        .endsWith(
            "which is further in the future than the tolerated delay of 300000 milliseconds.");
  }

  @Test
  void recordsOlderThanTheRetentionPeriodAreTrimmed() {
    createStream("orders", 1);
    stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("old")));
    stack.advance(Duration.ofHours(23));
    stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("new")));
    stack.advance(Duration.ofHours(1).plusMillis(1));

    assertThat(data(iterator("orders", b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON))))
        .containsExactly("new");
  }

  @Test
  void concurrentProducersLoseAndDuplicateNothing() throws Exception {
    createStream("orders", 2);
    int producers = 4;
    int batches = 20;
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        KinesisClient client = stack.track(KinesisClients.sync(stack.server()));
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    int batch = b;
                    List<PutRecordsRequestEntry> entries =
                        IntStream.range(0, 100)
                            .mapToObj(
                                i ->
                                    PutRecordsRequestEntry.builder()
                                        .partitionKey("p" + producer + "-" + (i % 5))
                                        .data(
                                            SdkBytes.fromUtf8String(
                                                producer + "/" + batch + "/" + i))
                                        .build())
                            .toList();
                    assertThat(
                            client
                                .putRecords(r -> r.streamName("orders").records(entries))
                                .failedRecordCount())
                        .isZero();
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Shard shard : stack.kinesis().listShards(b -> b.streamName("orders")).shards()) {
      for (Record record : readAll(stack.kinesis(), "orders", shard.shardId())) {
        total++;
        seen.add(record.data().asUtf8String());
      }
    }
    assertThat(total).isEqualTo(producers * batches * 100);
    assertThat(seen).hasSize(producers * batches * 100);
  }

  // ---- helpers

  static PutRecordRequest put(String stream, String key, SdkBytes data) {
    return PutRecordRequest.builder().streamName(stream).partitionKey(key).data(data).build();
  }

  private static String iterator(
      String stream, java.util.function.Consumer<GetShardIteratorRequest.Builder> type) {
    GetShardIteratorRequest.Builder builder =
        GetShardIteratorRequest.builder().streamName(stream).shardId("shardId-000000000000");
    type.accept(builder);
    return stack.kinesis().getShardIterator(builder.build()).shardIterator();
  }

  private static List<String> data(String iterator) {
    return stack.kinesis().getRecords(b -> b.shardIterator(iterator)).records().stream()
        .map(r -> r.data().asUtf8String())
        .toList();
  }

  static List<Record> readAll(KinesisClient kinesis, String stream, String shardId) {
    String iterator =
        kinesis
            .getShardIterator(
                b ->
                    b.streamName(stream)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = new ArrayList<>();
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
      records.addAll(response.records());
      if (response.records().isEmpty()) {
        break;
      }
      iterator = response.nextShardIterator();
    }
    return records;
  }
}
