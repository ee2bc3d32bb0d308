package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.EventStream;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.CreateStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;

/**
 * A small Kinesis-shaped test service on the Kinesis client model: one shard per stream, records
 * kept in order with the arrival time the test sets. It speaks awsJson 1.1 and its CBOR form, and
 * names its errors as Kinesis does ({@code __type} without a namespace). SubscribeToShard streams
 * what the test scripts ({@link #scriptSubscriptions}) from a {@link TestShardPublisher}, which the
 * test can then inspect.
 */
final class TestKinesis {

  static final String TARGET_PREFIX = "Kinesis_20131202";
  static final String SHARD = "shardId-000000000000";

  private record Stream(String name, Instant created, List<Record> records) {}

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();
  private final List<TestShardPublisher> publishers = new CopyOnWriteArrayList<>();
  private final ExecutorService producers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "test-kinesis-producer");
            thread.setDaemon(true);
            return thread;
          });
  private volatile TestShardPublisher.Script script = TestShardPublisher.Script.events(0);
  private volatile StackClock clock;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2030-01-02T03:04:05.678Z"));

  /** The time the service stamps on what happens next. */
  void setNow(Instant instant) {
    now.set(instant);
  }

  void reset() {
    streams.clear();
    publishers.clear();
    script = TestShardPublisher.Script.events(0);
  }

  /** The stack's clock, on which scripted events are spaced. */
  void useClock(StackClock stackClock) {
    clock = stackClock;
  }

  /** What the subscriptions that start from now on stream. */
  void scriptSubscriptions(TestShardPublisher.Script next) {
    script = next;
  }

  /** The publishers of the subscriptions started since the last reset, in order. */
  List<TestShardPublisher> publishers() {
    return publishers;
  }

  /** The ARN of the consumer {@code name} of the stream {@code stream}. */
  static String consumerArn(String stream, String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/"
        + stream
        + "/consumer/"
        + name
        + ":1700000000";
  }

  AwsService service() {
    return AwsService.builder("kinesis")
        .speaks(AwsJsonBinding.awsJson1_1(TARGET_PREFIX))
        .speaks(AwsJsonBinding.cbor1_1(TARGET_PREFIX))
        .operation("CreateStream", CreateStreamRequest::builder, this::createStream)
        .operation("DescribeStreamSummary", DescribeStreamSummaryRequest::builder, this::describe)
        .operation("PutRecord", PutRecordRequest::builder, this::putRecord)
        .operation("GetShardIterator", GetShardIteratorRequest::builder, this::getShardIterator)
        .operation("GetRecords", GetRecordsRequest::builder, this::getRecords)
        .streamingOperation(
            "SubscribeToShard", SubscribeToShardRequest::builder, this::subscribeToShard)
        .build();
  }

  private CreateStreamResponse createStream(CreateStreamRequest request, RequestContext context) {
    Stream created = new Stream(request.streamName(), now.get(), new ArrayList<>());
    if (streams.putIfAbsent(request.streamName(), created) != null) {
      throw new AwsErrorException(
          "ResourceInUseException",
          "ResourceInUseException",
          400,
          "Stream " + request.streamName() + " under account " + context.accountId() + " in use.");
    }
    return CreateStreamResponse.builder().build();
  }

  private DescribeStreamSummaryResponse describe(
      DescribeStreamSummaryRequest request, RequestContext context) {
    Stream stream = stream(request.streamName(), context);
    return DescribeStreamSummaryResponse.builder()
        .streamDescriptionSummary(
            StreamDescriptionSummary.builder()
                .streamName(stream.name())
                .streamARN(arn(stream.name(), context))
                .streamStatus(StreamStatus.ACTIVE)
                .streamCreationTimestamp(stream.created())
                .openShardCount(1)
                .retentionPeriodHours(24)
                .build())
        .build();
  }

  private PutRecordResponse putRecord(PutRecordRequest request, RequestContext context) {
    Stream stream = stream(request.streamName(), context);
    synchronized (stream) {
      String sequence = String.format("%056d", stream.records().size() + 1);
      stream
          .records()
          .add(
              Record.builder()
                  .sequenceNumber(sequence)
                  .approximateArrivalTimestamp(now.get())
                  .data(request.data())
                  .partitionKey(request.partitionKey())
                  .build());
      return PutRecordResponse.builder().shardId(SHARD).sequenceNumber(sequence).build();
    }
  }

  /** Iterators are {@code stream/index}: the index of the next record to read. */
  private GetShardIteratorResponse getShardIterator(
      GetShardIteratorRequest request, RequestContext context) {
    Stream stream = stream(request.streamName(), context);
    int index;
    synchronized (stream) {
      index =
          switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> stream.records().size();
            case AT_TIMESTAMP -> firstAtOrAfter(stream.records(), request.timestamp());
            default ->
                throw new AwsErrorException(
                    "InvalidArgumentException",
                    "InvalidArgumentException",
                    400,
                    "Unsupported iterator type " + request.shardIteratorTypeAsString());
          };
    }
    return GetShardIteratorResponse.builder().shardIterator(stream.name() + "/" + index).build();
  }

  private static int firstAtOrAfter(List<Record> records, Instant timestamp) {
    for (int i = 0; i < records.size(); i++) {
      if (!records.get(i).approximateArrivalTimestamp().isBefore(timestamp)) {
        return i;
      }
    }
    return records.size();
  }

  private GetRecordsResponse getRecords(GetRecordsRequest request, RequestContext context) {
    String iterator = request.shardIterator();
    int slash = iterator == null ? -1 : iterator.lastIndexOf('/');
    if (slash < 0) {
      throw new AwsErrorException(
          "InvalidArgumentException", "InvalidArgumentException", 400, "Invalid ShardIterator.");
    }
    Stream stream = stream(iterator.substring(0, slash), context);
    int from = Integer.parseInt(iterator.substring(slash + 1));
    synchronized (stream) {
      int to = stream.records().size();
      if (request.limit() != null) {
        to = Math.min(to, from + request.limit());
      }
      return GetRecordsResponse.builder()
          .records(List.copyOf(stream.records().subList(from, to)))
          .nextShardIterator(stream.name() + "/" + to)
          .millisBehindLatest(0L)
          .build();
    }
  }

  /** Streams the script, for a consumer ARN of an existing stream. */
  private CompletableFuture<EventStream> subscribeToShard(
      SubscribeToShardRequest request, RequestContext context) {
    String arn = request.consumerARN();
    int start = arn == null ? -1 : arn.indexOf(":stream/");
    int end = start < 0 ? -1 : arn.indexOf("/consumer/", start);
    if (end < 0) {
      throw new AwsErrorException(
          "InvalidArgumentException", "InvalidArgumentException", 400, "Invalid ConsumerARN.");
    }
    stream(arn.substring(start + ":stream/".length(), end), context);
    TestShardPublisher publisher = new TestShardPublisher(script, clock, producers);
    publishers.add(publisher);
    return CompletableFuture.completedFuture(
        new EventStream(SubscribeToShardResponse.builder().build(), publisher));
  }

  private Stream stream(String name, RequestContext context) {
    Stream stream = name == null ? null : streams.get(name);
    if (stream == null) {
      throw new AwsErrorException(
          "ResourceNotFoundException",
          "ResourceNotFoundException",
          400,
          "Stream " + name + " under account " + context.accountId() + " not found.");
    }
    return stream;
  }

  private static String arn(String name, RequestContext context) {
    return "arn:aws:kinesis:" + context.region() + ":" + context.accountId() + ":stream/" + name;
  }
}
