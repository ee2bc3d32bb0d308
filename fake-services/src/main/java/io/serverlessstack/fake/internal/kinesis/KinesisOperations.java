package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.api.StreamView;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.EventStream;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.Scope;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.*;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Kinesis's operations: each checks the request as AWS's model and service do, calls the {@link
 * KinesisEngine} and builds the SDK response. It speaks awsJson 1.1 and its CBOR form, the one the
 * Java SDK uses by default, over HTTP/1.1 and HTTP/2.
 */
public final class KinesisOperations {

  private static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
  private static final String HASH_KEY_PATTERN = "0|([1-9]\\d{0,38})";
  private static final int MAX_PUT_RECORDS = 500;
  private static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;
  private static final int MAX_TAGS = 50;
  private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(5);

  private final KinesisEngine engine;

  /** When each consumer last subscribed to each shard, for AWS's five-second rule. */
  private final Map<String, Instant> lastSubscribed = new ConcurrentHashMap<>();

  private final ExecutorService subscriptions =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "serverless-stack-kinesis-fan-out");
            thread.setDaemon(true);
            return thread;
          });

  private KinesisOperations(KinesisEngine engine) {
    this.engine = engine;
  }

  public static AwsService service(KinesisEngine engine) {
    KinesisOperations ops = new KinesisOperations(engine);
    return AwsService.builder("kinesis")
        .engine(engine)
        .resets(
            () -> {
              engine.reset();
              ops.lastSubscribed.clear();
            })
        .closes(
            () -> {
              engine.reset();
              ops.subscriptions.shutdownNow();
            })
        .declares(KinesisPlugin.STREAM, (name, attributes) -> ops.declareStream(name, attributes))
        .inspects(
            new ResourceCollection(
                "streams",
                StreamView.TYPE,
                baseUrl -> engine.inspectStreams(),
                (baseUrl, nameOrArn) -> engine.inspectStream(nameOrArn)))
        .speaks(AwsJsonBinding.awsJson1_1(KinesisPlugin.TARGET_PREFIX))
        .speaks(AwsJsonBinding.cbor1_1(KinesisPlugin.TARGET_PREFIX))
        .operation("CreateStream", CreateStreamRequest::builder, ops::createStream)
        .operation("DeleteStream", DeleteStreamRequest::builder, ops::deleteStream)
        .operation("DescribeStream", DescribeStreamRequest::builder, ops::describeStream)
        .operation(
            "DescribeStreamSummary", DescribeStreamSummaryRequest::builder, ops::describeSummary)
        .operation("ListStreams", ListStreamsRequest::builder, ops::listStreams)
        .operation("ListShards", ListShardsRequest::builder, ops::listShards)
        .operation("DescribeLimits", DescribeLimitsRequest::builder, ops::describeLimits)
        .operation("UpdateStreamMode", UpdateStreamModeRequest::builder, ops::updateStreamMode)
        .operation(
            "IncreaseStreamRetentionPeriod",
            IncreaseStreamRetentionPeriodRequest::builder,
            ops::increaseRetention)
        .operation(
            "DecreaseStreamRetentionPeriod",
            DecreaseStreamRetentionPeriodRequest::builder,
            ops::decreaseRetention)
        .operation(
            "EnableEnhancedMonitoring",
            EnableEnhancedMonitoringRequest::builder,
            ops::enableMonitoring)
        .operation(
            "DisableEnhancedMonitoring",
            DisableEnhancedMonitoringRequest::builder,
            ops::disableMonitoring)
        .operation(
            "StartStreamEncryption", StartStreamEncryptionRequest::builder, ops::startEncryption)
        .operation(
            "StopStreamEncryption", StopStreamEncryptionRequest::builder, ops::stopEncryption)
        .operation("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest::builder, ops::maxRecordSize)
        .operation(
            "UpdateStreamWarmThroughput",
            UpdateStreamWarmThroughputRequest::builder,
            ops::warmThroughput)
        .operation("AddTagsToStream", AddTagsToStreamRequest::builder, ops::addTags)
        .operation("RemoveTagsFromStream", RemoveTagsFromStreamRequest::builder, ops::removeTags)
        .operation("ListTagsForStream", ListTagsForStreamRequest::builder, ops::listTags)
        .operation("TagResource", TagResourceRequest::builder, ops::tagResource)
        .operation("UntagResource", UntagResourceRequest::builder, ops::untagResource)
        .operation(
            "ListTagsForResource", ListTagsForResourceRequest::builder, ops::listTagsForResource)
        .operation("PutResourcePolicy", PutResourcePolicyRequest::builder, ops::putPolicy)
        .operation("GetResourcePolicy", GetResourcePolicyRequest::builder, ops::getPolicy)
        .operation("DeleteResourcePolicy", DeleteResourcePolicyRequest::builder, ops::deletePolicy)
        .operation("SplitShard", SplitShardRequest::builder, ops::splitShard)
        .operation("MergeShards", MergeShardsRequest::builder, ops::mergeShards)
        .operation("UpdateShardCount", UpdateShardCountRequest::builder, ops::updateShardCount)
        .operation("PutRecord", PutRecordRequest::builder, ops::putRecord)
        .operation("PutRecords", PutRecordsRequest::builder, ops::putRecords)
        .operation("GetShardIterator", GetShardIteratorRequest::builder, ops::getShardIterator)
        .operation("GetRecords", GetRecordsRequest::builder, ops::getRecords)
        .operation("RegisterStreamConsumer", RegisterStreamConsumerRequest::builder, ops::register)
        .operation(
            "DescribeStreamConsumer", DescribeStreamConsumerRequest::builder, ops::describeConsumer)
        .operation("ListStreamConsumers", ListStreamConsumersRequest::builder, ops::listConsumers)
        .operation(
            "DeregisterStreamConsumer", DeregisterStreamConsumerRequest::builder, ops::deregister)
        .streamingOperation(
            "SubscribeToShard", SubscribeToShardRequest::builder, ops::subscribeToShard)
        .build();
  }

  /** A stream the stack is declared with: {@code ShardCount} (default 1) or {@code StreamMode}. */
  private void declareStream(String name, Map<String, String> attributes) {
    String mode = attributes.getOrDefault("StreamMode", "PROVISIONED");
    Integer shards =
        mode.equals("ON_DEMAND")
            ? null
            : Integer.valueOf(attributes.getOrDefault("ShardCount", "1"));
    Scope scope =
        new Scope(
            attributes.getOrDefault("AccountId", io.serverlessstack.api.StackDefaults.ACCOUNT_ID),
            attributes.getOrDefault("Region", io.serverlessstack.api.StackDefaults.REGION));
    new ModelViolations()
        .length("streamName", name, 1, 128)
        .pattern("streamName", name, NAME_PATTERN)
        .range("shardCount", shards, 1, Integer.MAX_VALUE)
        .throwIfAny();
    KinesisStream stream = engine.createStream(scope, name, shards, mode, Map.of(), null, null);
    if (Boolean.parseBoolean(attributes.getOrDefault("ThroughputLimits", "false"))) {
      engine.throughputLimits(stream, true);
    }
  }

  // ---- streams

  private static ModelViolations streamNamed(String name, String arn) {
    return new ModelViolations()
        .length("streamName", name, 1, 128)
        .pattern("streamName", name, NAME_PATTERN)
        .length("streamARN", arn, 1, 2048);
  }

  private KinesisStream stream(String name, String arn, RequestContext context) {
    streamNamed(name, arn).throwIfAny();
    return engine.stream(context.scope(), name, arn);
  }

  private KinesisStream active(String name, String arn, RequestContext context) {
    streamNamed(name, arn).throwIfAny();
    return engine.activeStream(context.scope(), name, arn);
  }

  private CreateStreamResponse createStream(CreateStreamRequest request, RequestContext context) {
    String mode =
        request.streamModeDetails() == null
            ? "PROVISIONED"
            : request.streamModeDetails().streamModeAsString();
    new ModelViolations()
        .required("streamName", request.streamName())
        .length("streamName", request.streamName(), 1, 128)
        .pattern("streamName", request.streamName(), NAME_PATTERN)
        .range("shardCount", request.shardCount(), 1, Integer.MAX_VALUE)
        .range("maxRecordSizeInKiB", request.maxRecordSizeInKiB(), 1024, 10240)
        .throwIfAny();
    checkMode(mode);
    checkTags(request.tags(), MAX_TAGS);
    engine.createStream(
        context.scope(),
        request.streamName(),
        request.shardCount(),
        mode,
        request.tags(),
        request.maxRecordSizeInKiB(),
        request.warmThroughputMiBps());
    return CreateStreamResponse.builder().build();
  }

  private static void checkMode(String mode) {
    if (!mode.equals("PROVISIONED") && !mode.equals("ON_DEMAND")) {
      new ModelViolations()
          .add(
              "streamModeDetails.streamMode",
              mode,
              "Member must satisfy enum value set: [ON_DEMAND, PROVISIONED]")
          .throwIfAny();
    }
  }

  private static void checkTags(Map<String, String> tags, int max) {
    ModelViolations violations = new ModelViolations();
    tags.forEach(
        (key, value) ->
            violations.length("tags.key", key, 1, 128).length("tags.value", value, 0, 256));
    violations.throwIfAny();
    if (tags.size() > max) {
      throw KinesisErrors.invalidArgument(
          "Failed to add tags: a request cannot carry more than " + max + " tags.");
    }
  }

  private DeleteStreamResponse deleteStream(DeleteStreamRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.deleteStream(stream, Boolean.TRUE.equals(request.enforceConsumerDeletion()));
    return DeleteStreamResponse.builder().build();
  }

  private DescribeStreamResponse describeStream(
      DescribeStreamRequest request, RequestContext context) {
    new ModelViolations()
        .range("limit", request.limit(), 1, 10000)
        .length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    int limit = request.limit() == null ? 100 : request.limit();
    int after = KinesisStream.shardIndex(request.exclusiveStartShardId());
    synchronized (stream) {
      List<KinesisShard> listed =
          stream.listedShards(engine.clock.now()).stream()
              .filter(s -> request.exclusiveStartShardId() == null || s.index > after)
              .toList();
      List<KinesisShard> page = listed.subList(0, Math.min(limit, listed.size()));
      return DescribeStreamResponse.builder()
          .streamDescription(
              StreamDescription.builder()
                  .streamName(stream.name)
                  .streamARN(stream.arn)
                  .streamStatus(stream.status)
                  .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode).build())
                  .shards(page.stream().map(KinesisOperations::shard).toList())
                  .hasMoreShards(page.size() < listed.size())
                  .retentionPeriodHours(stream.retentionHours)
                  .streamCreationTimestamp(stream.created)
                  .enhancedMonitoring(metrics(stream))
                  .encryptionType(stream.encryptionType)
                  .keyId(stream.keyId)
                  .build())
          .build();
    }
  }

  private static List<EnhancedMetrics> metrics(KinesisStream stream) {
    return List.of(
        EnhancedMetrics.builder()
            .shardLevelMetricsWithStrings(List.copyOf(stream.shardLevelMetrics))
            .build());
  }

  private static Shard shard(KinesisShard shard) {
    return Shard.builder()
        .shardId(shard.id)
        .parentShardId(shard.parentId)
        .adjacentParentShardId(shard.adjacentParentId)
        .hashKeyRange(range(shard.range))
        .sequenceNumberRange(
            SequenceNumberRange.builder()
                .startingSequenceNumber(shard.startingSequenceNumber)
                .endingSequenceNumber(shard.endingSequenceNumber())
                .build())
        .build();
  }

  private static HashKeyRange range(HashKeys.Range range) {
    return HashKeyRange.builder()
        .startingHashKey(range.start().toString())
        .endingHashKey(range.end().toString())
        .build();
  }

  private DescribeStreamSummaryResponse describeSummary(
      DescribeStreamSummaryRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    synchronized (stream) {
      return DescribeStreamSummaryResponse.builder()
          .streamDescriptionSummary(
              StreamDescriptionSummary.builder()
                  .streamName(stream.name)
                  .streamARN(stream.arn)
                  .streamStatus(stream.status)
                  .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode).build())
                  .retentionPeriodHours(stream.retentionHours)
                  .streamCreationTimestamp(stream.created)
                  .enhancedMonitoring(metrics(stream))
                  .encryptionType(stream.encryptionType)
                  .keyId(stream.keyId)
                  .openShardCount(stream.openShards().size())
                  .consumerCount(stream.consumers.size())
                  .maxRecordSizeInKiB(stream.maxRecordSizeKiB)
                  .warmThroughput(
                      stream.warmThroughputMiBps == null
                          ? null
                          : WarmThroughputObject.builder()
                              .targetMiBps(stream.warmThroughputMiBps)
                              .currentMiBps(stream.warmThroughputMiBps)
                              .build())
                  .build())
          .build();
    }
  }

  private ListStreamsResponse listStreams(ListStreamsRequest request, RequestContext context) {
    new ModelViolations()
        .range("limit", request.limit(), 1, 10000)
        .length("exclusiveStartStreamName", request.exclusiveStartStreamName(), 1, 128)
        .throwIfAny();
    int limit = request.limit() == null ? 100 : request.limit();
    String after = request.exclusiveStartStreamName();
    if (request.nextToken() != null) {
      after =
          PageTokens.read(request.nextToken())
              .map(PageTokens.Token::after)
              .orElseThrow(() -> KinesisErrors.invalidArgument("Invalid NextToken."));
    }
    String start = after;
    List<KinesisStream> all =
        engine.streams(context.scope()).stream()
            .filter(s -> start == null || s.name.compareTo(start) > 0)
            .toList();
    List<KinesisStream> page = all.subList(0, Math.min(limit, all.size()));
    boolean more = page.size() < all.size();
    List<StreamSummary> summaries = new ArrayList<>();
    for (KinesisStream stream : page) {
      synchronized (stream) {
        summaries.add(
            StreamSummary.builder()
                .streamName(stream.name)
                .streamARN(stream.arn)
                .streamStatus(stream.status)
                .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode).build())
                .streamCreationTimestamp(stream.created)
                .build());
      }
    }
    return ListStreamsResponse.builder()
        .streamNames(page.stream().map(s -> s.name).toList())
        .streamSummaries(summaries)
        .hasMoreStreams(more)
        .nextToken(
            more
                ? PageTokens.issue("streams", page.get(page.size() - 1).name, engine.clock.now())
                : null)
        .build();
  }

  private ListShardsResponse listShards(ListShardsRequest request, RequestContext context) {
    new ModelViolations()
        .range("maxResults", request.maxResults(), 1, 10000)
        .length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128)
        .length("nextToken", request.nextToken(), 1, 1048576)
        .throwIfAny();
    Instant now = engine.clock.now();
    KinesisStream stream;
    int after = -1;
    if (request.nextToken() != null) {
      if (request.streamName() != null || request.streamARN() != null) {
        throw KinesisErrors.invalidArgument(
            "NextToken and StreamName cannot be provided together.");
      }
      PageTokens.Token token =
          PageTokens.read(request.nextToken())
              .orElseThrow(() -> KinesisErrors.invalidArgument("Invalid NextToken."));
      if (Duration.between(token.issued(), now).compareTo(PageTokens.LIFETIME) > 0) {
        throw KinesisErrors.expiredNextToken(
            "The timestampInMillis parameter of the NextToken has expired.");
      }
      stream = engine.stream(context.scope(), null, token.listing());
      after = Integer.parseInt(token.after());
    } else {
      stream = stream(request.streamName(), request.streamARN(), context);
      if (request.exclusiveStartShardId() != null) {
        after = KinesisStream.shardIndex(request.exclusiveStartShardId());
      }
    }
    int limit = request.maxResults() == null ? 1000 : request.maxResults();
    synchronized (stream) {
      Predicate<KinesisShard> filter = shardFilter(request.shardFilter(), stream, now);
      int start = after;
      List<KinesisShard> listed =
          stream.listedShards(now).stream().filter(s -> s.index > start).filter(filter).toList();
      List<KinesisShard> page = listed.subList(0, Math.min(limit, listed.size()));
      boolean more = page.size() < listed.size();
      return ListShardsResponse.builder()
          .shards(page.stream().map(KinesisOperations::shard).toList())
          .nextToken(
              more
                  ? PageTokens.issue(
                      stream.arn, Integer.toString(page.get(page.size() - 1).index), now)
                  : null)
          .build();
    }
  }

  /** The shards a ShardFilter selects, as AWS documents its types. */
  private static Predicate<KinesisShard> shardFilter(
      ShardFilter filter, KinesisStream stream, Instant now) {
    if (filter == null) {
      return shard -> true;
    }
    String type = filter.typeAsString();
    Instant horizon = now.minus(stream.retention());
    switch (type == null ? "" : type) {
      case "AFTER_SHARD_ID" -> {
        int after = KinesisStream.shardIndex(filter.shardId());
        if (filter.shardId() == null) {
          throw KinesisErrors.invalidArgument(
              "ShardId must be provided for ShardFilter type AFTER_SHARD_ID.");
        }
        return shard -> shard.index > after;
      }
      case "AT_TRIM_HORIZON" -> {
        return openAt(horizon, stream);
      }
      case "FROM_TRIM_HORIZON" -> {
        return shard -> true;
      }
      case "AT_LATEST" -> {
        return KinesisShard::isOpen;
      }
      case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
        if (filter.timestamp() == null) {
          throw KinesisErrors.invalidArgument(
              "Timestamp must be provided for ShardFilter type " + type + ".");
        }
        Instant at = filter.timestamp();
        return type.equals("AT_TIMESTAMP")
            ? openAt(at, stream)
            : shard -> shard.isOpen() || shard.closedAt().isAfter(at);
      }
      default -> {
        new ModelViolations()
            .add(
                "shardFilter.type",
                type,
                "Member must satisfy enum value set: [AT_TRIM_HORIZON, AT_TIMESTAMP, AT_LATEST,"
                    + " AFTER_SHARD_ID, FROM_TIMESTAMP, FROM_TRIM_HORIZON]")
            .throwIfAny();
        return shard -> true;
      }
    }
  }

  /**
   * The shards that were open at {@code time}: the stream's first shards for a time at or before
   * its creation (even if a reshard closed them at that same instant of a virtual clock).
   */
  private static Predicate<KinesisShard> openAt(Instant time, KinesisStream stream) {
    if (!time.isAfter(stream.created)) {
      return shard -> shard.parentId == null;
    }
    return shard ->
        !shard.created.isAfter(time) && (shard.isOpen() || shard.closedAt().isAfter(time));
  }

  private DescribeLimitsResponse describeLimits(
      DescribeLimitsRequest request, RequestContext context) {
    return DescribeLimitsResponse.builder()
        .shardLimit(KinesisEngine.SHARD_LIMIT)
        .openShardCount(engine.openShardCount(context.scope()))
        .onDemandStreamCount(engine.onDemandStreamCount(context.scope()))
        .onDemandStreamCountLimit(KinesisEngine.ON_DEMAND_STREAM_LIMIT)
        .build();
  }

  private UpdateStreamModeResponse updateStreamMode(
      UpdateStreamModeRequest request, RequestContext context) {
    new ModelViolations()
        .required("streamARN", request.streamARN())
        .required("streamModeDetails", request.streamModeDetails())
        .throwIfAny();
    String mode = request.streamModeDetails().streamModeAsString();
    checkMode(mode == null ? "" : mode);
    KinesisStream stream = stream(null, request.streamARN(), context);
    engine.updateStreamMode(stream, mode, request.warmThroughputMiBps());
    return UpdateStreamModeResponse.builder().build();
  }

  private IncreaseStreamRetentionPeriodResponse increaseRetention(
      IncreaseStreamRetentionPeriodRequest request, RequestContext context) {
    new ModelViolations()
        .required("retentionPeriodHours", request.retentionPeriodHours())
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.changeRetention(stream, request.retentionPeriodHours(), true);
    return IncreaseStreamRetentionPeriodResponse.builder().build();
  }

  private DecreaseStreamRetentionPeriodResponse decreaseRetention(
      DecreaseStreamRetentionPeriodRequest request, RequestContext context) {
    new ModelViolations()
        .required("retentionPeriodHours", request.retentionPeriodHours())
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.changeRetention(stream, request.retentionPeriodHours(), false);
    return DecreaseStreamRetentionPeriodResponse.builder().build();
  }

  private EnableEnhancedMonitoringResponse enableMonitoring(
      EnableEnhancedMonitoringRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    List<List<String>> metrics =
        engine.changeMetrics(stream, checkMetrics(request.shardLevelMetricsAsStrings()), true);
    return EnableEnhancedMonitoringResponse.builder()
        .streamName(stream.name)
        .streamARN(stream.arn)
        .currentShardLevelMetricsWithStrings(metrics.get(0))
        .desiredShardLevelMetricsWithStrings(metrics.get(1))
        .build();
  }

  private DisableEnhancedMonitoringResponse disableMonitoring(
      DisableEnhancedMonitoringRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    List<List<String>> metrics =
        engine.changeMetrics(stream, checkMetrics(request.shardLevelMetricsAsStrings()), false);
    return DisableEnhancedMonitoringResponse.builder()
        .streamName(stream.name)
        .streamARN(stream.arn)
        .currentShardLevelMetricsWithStrings(metrics.get(0))
        .desiredShardLevelMetricsWithStrings(metrics.get(1))
        .build();
  }

  private static List<String> checkMetrics(List<String> metrics) {
    ModelViolations violations = new ModelViolations();
    if (metrics.isEmpty()) {
      violations.add(
          "shardLevelMetrics", "[]", "Member must have length greater than or equal to 1");
    }
    for (String metric : metrics) {
      if (MetricsName.fromValue(metric) == MetricsName.UNKNOWN_TO_SDK_VERSION) {
        violations.add(
            "shardLevelMetrics",
            metrics,
            "Member must satisfy constraint: [Member must satisfy enum value set: "
                + MetricsName.knownValues()
                + "]");
        break;
      }
    }
    violations.throwIfAny();
    return metrics;
  }

  private StartStreamEncryptionResponse startEncryption(
      StartStreamEncryptionRequest request, RequestContext context) {
    new ModelViolations()
        .required("encryptionType", request.encryptionTypeAsString())
        .required("keyId", request.keyId())
        .length("keyId", request.keyId(), 1, 2048)
        .throwIfAny();
    if (!"KMS".equals(request.encryptionTypeAsString())) {
      throw KinesisErrors.invalidArgument(
          "Encryption type " + request.encryptionTypeAsString() + " is not supported; use KMS.");
    }
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.changeEncryption(stream, "KMS", request.keyId());
    return StartStreamEncryptionResponse.builder().build();
  }

  private StopStreamEncryptionResponse stopEncryption(
      StopStreamEncryptionRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.changeEncryption(stream, "NONE", null);
    return StopStreamEncryptionResponse.builder().build();
  }

  private UpdateMaxRecordSizeResponse maxRecordSize(
      UpdateMaxRecordSizeRequest request, RequestContext context) {
    new ModelViolations()
        .required("streamARN", request.streamARN())
        .required("maxRecordSizeInKiB", request.maxRecordSizeInKiB())
        .range("maxRecordSizeInKiB", request.maxRecordSizeInKiB(), 1024, 10240)
        .throwIfAny();
    engine.changeMaxRecordSize(
        stream(null, request.streamARN(), context), request.maxRecordSizeInKiB());
    return UpdateMaxRecordSizeResponse.builder().build();
  }

  private UpdateStreamWarmThroughputResponse warmThroughput(
      UpdateStreamWarmThroughputRequest request, RequestContext context) {
    new ModelViolations()
        .required("warmThroughputMiBps", request.warmThroughputMiBps())
        .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.changeWarmThroughput(stream, request.warmThroughputMiBps());
    return UpdateStreamWarmThroughputResponse.builder()
        .streamName(stream.name)
        .streamARN(stream.arn)
        .warmThroughput(
            WarmThroughputObject.builder()
                .targetMiBps(request.warmThroughputMiBps())
                .currentMiBps(request.warmThroughputMiBps())
                .build())
        .build();
  }

  // ---- tags and policies

  private AddTagsToStreamResponse addTags(AddTagsToStreamRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    tag(stream, request.tags());
    return AddTagsToStreamResponse.builder().build();
  }

  private static void tag(KinesisStream stream, Map<String, String> tags) {
    checkTags(tags, MAX_TAGS);
    synchronized (stream) {
      Map<String, String> all = new TreeMap<>(stream.tags);
      all.putAll(tags);
      if (all.size() > MAX_TAGS) {
        throw KinesisErrors.invalidArgument(
            "Failed to add tags to stream "
                + stream.name
                + " under account "
                + stream.scope.accountId()
                + " because a given stream cannot have more than "
                + MAX_TAGS
                + " tags associated with it.");
      }
      stream.tags.putAll(tags);
    }
  }

  private RemoveTagsFromStreamResponse removeTags(
      RemoveTagsFromStreamRequest request, RequestContext context) {
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    synchronized (stream) {
      request.tagKeys().forEach(stream.tags::remove);
    }
    return RemoveTagsFromStreamResponse.builder().build();
  }

  private ListTagsForStreamResponse listTags(
      ListTagsForStreamRequest request, RequestContext context) {
    new ModelViolations().range("limit", request.limit(), 1, 50).throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    int limit = request.limit() == null ? 50 : request.limit();
    String after = request.exclusiveStartTagKey();
    List<Map.Entry<String, String>> tags =
        new TreeMap<>(engine.tagsOf(stream))
            .entrySet().stream()
                .filter(e -> after == null || e.getKey().compareTo(after) > 0)
                .toList();
    List<Map.Entry<String, String>> page = tags.subList(0, Math.min(limit, tags.size()));
    return ListTagsForStreamResponse.builder()
        .tags(
            page.stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .hasMoreTags(page.size() < tags.size())
        .build();
  }

  /** The stream an ARN names, directly or as the stream of one of its consumers. */
  private KinesisStream taggedStream(String arn, RequestContext context) {
    new ModelViolations().required("resourceARN", arn).throwIfAny();
    if (arn.contains("/consumer/")) {
      throw KinesisErrors.invalidArgument(
          "Tags of stream consumers are not kept by this stack; tag the stream instead.");
    }
    return engine.stream(context.scope(), null, arn);
  }

  private TagResourceResponse tagResource(TagResourceRequest request, RequestContext context) {
    tag(taggedStream(request.resourceARN(), context), request.tags());
    return TagResourceResponse.builder().build();
  }

  private UntagResourceResponse untagResource(
      UntagResourceRequest request, RequestContext context) {
    KinesisStream stream = taggedStream(request.resourceARN(), context);
    synchronized (stream) {
      request.tagKeys().forEach(stream.tags::remove);
    }
    return UntagResourceResponse.builder().build();
  }

  private ListTagsForResourceResponse listTagsForResource(
      ListTagsForResourceRequest request, RequestContext context) {
    Map<String, String> tags =
        new TreeMap<>(engine.tagsOf(taggedStream(request.resourceARN(), context)));
    return ListTagsForResourceResponse.builder()
        .tags(
            tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  /** The ARN of a stream or consumer that exists, for its resource policy. */
  private String policyArn(String arn, RequestContext context) {
    new ModelViolations().required("resourceARN", arn).throwIfAny();
    if (arn.contains("/consumer/")) {
      return engine.consumer(context.scope(), null, null, arn).arn();
    }
    return engine.stream(context.scope(), null, arn).arn;
  }

  private PutResourcePolicyResponse putPolicy(
      PutResourcePolicyRequest request, RequestContext context) {
    new ModelViolations().required("policy", request.policy()).throwIfAny();
    try {
      Json.read(request.policy().getBytes(StandardCharsets.UTF_8), Object.class);
    } catch (RuntimeException notJson) {
      throw KinesisErrors.invalidArgument("Policy is not valid JSON.");
    }
    engine.resourcePolicy(policyArn(request.resourceARN(), context), request.policy());
    return PutResourcePolicyResponse.builder().build();
  }

  private GetResourcePolicyResponse getPolicy(
      GetResourcePolicyRequest request, RequestContext context) {
    String policy = engine.resourcePolicy(policyArn(request.resourceARN(), context));
    return GetResourcePolicyResponse.builder().policy(policy == null ? "{}" : policy).build();
  }

  private DeleteResourcePolicyResponse deletePolicy(
      DeleteResourcePolicyRequest request, RequestContext context) {
    String arn = policyArn(request.resourceARN(), context);
    if (engine.resourcePolicy(arn) == null) {
      throw KinesisErrors.notFound("No resource policy found for resource ARN " + arn + ".");
    }
    engine.resourcePolicy(arn, null);
    return DeleteResourcePolicyResponse.builder().build();
  }

  // ---- resharding

  private SplitShardResponse splitShard(SplitShardRequest request, RequestContext context) {
    new ModelViolations()
        .required("shardToSplit", request.shardToSplit())
        .required("newStartingHashKey", request.newStartingHashKey())
        .length("shardToSplit", request.shardToSplit(), 1, 128)
        .pattern("shardToSplit", request.shardToSplit(), NAME_PATTERN)
        .pattern("newStartingHashKey", request.newStartingHashKey(), HASH_KEY_PATTERN)
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.splitShard(stream, request.shardToSplit(), new BigInteger(request.newStartingHashKey()));
    return SplitShardResponse.builder().build();
  }

  private MergeShardsResponse mergeShards(MergeShardsRequest request, RequestContext context) {
    new ModelViolations()
        .required("shardToMerge", request.shardToMerge())
        .required("adjacentShardToMerge", request.adjacentShardToMerge())
        .length("shardToMerge", request.shardToMerge(), 1, 128)
        .length("adjacentShardToMerge", request.adjacentShardToMerge(), 1, 128)
        .throwIfAny();
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    engine.mergeShards(stream, request.shardToMerge(), request.adjacentShardToMerge());
    return MergeShardsResponse.builder().build();
  }

  private UpdateShardCountResponse updateShardCount(
      UpdateShardCountRequest request, RequestContext context) {
    new ModelViolations()
        .required("targetShardCount", request.targetShardCount())
        .required("scalingType", request.scalingTypeAsString())
        .range("targetShardCount", request.targetShardCount(), 1, Integer.MAX_VALUE)
        .throwIfAny();
    if (!"UNIFORM_SCALING".equals(request.scalingTypeAsString())) {
      new ModelViolations()
          .add(
              "scalingType",
              request.scalingTypeAsString(),
              "Member must satisfy enum value set: [UNIFORM_SCALING]")
          .throwIfAny();
    }
    KinesisStream stream = stream(request.streamName(), request.streamARN(), context);
    int current = engine.updateShardCount(stream, request.targetShardCount());
    return UpdateShardCountResponse.builder()
        .streamName(stream.name)
        .streamARN(stream.arn)
        .currentShardCount(current)
        .targetShardCount(request.targetShardCount())
        .build();
  }

  // ---- records

  private PutRecordResponse putRecord(PutRecordRequest request, RequestContext context) {
    ModelViolations violations = streamNamed(request.streamName(), request.streamARN());
    checkEntry(violations, "", request.data(), request.partitionKey(), request.explicitHashKey());
    violations
        .pattern(
            "sequenceNumberForOrdering", request.sequenceNumberForOrdering(), "0|([1-9]\\d{0,128})")
        .throwIfAny();
    KinesisStream stream =
        engine.readableStream(context.scope(), request.streamName(), request.streamARN());
    checkRecordSize(stream, request.data().asByteArrayUnsafe().length, "data");
    KinesisEngine.PutEntry entry =
        entry(request.data(), request.partitionKey(), request.explicitHashKey());
    KinesisEngine.PutOutcome outcome = engine.put(stream, List.of(entry)).get(0);
    if (outcome.failed()) {
      throw KinesisErrors.writeThroughputExceeded(stream.shard(outcome.shardId()), stream);
    }
    return PutRecordResponse.builder()
        .shardId(outcome.shardId())
        .sequenceNumber(outcome.sequenceNumber())
        .encryptionType(encryption(stream))
        .build();
  }

  private static String encryption(KinesisStream stream) {
    synchronized (stream) {
      return stream.encryptionType.equals("KMS") ? "KMS" : null;
    }
  }

  private static void checkEntry(
      ModelViolations violations, String prefix, SdkBytes data, String key, String hashKey) {
    violations
        .required(prefix + "data", data)
        .required(prefix + "partitionKey", key)
        .length(prefix + "partitionKey", key, 1, 256)
        .pattern(prefix + "explicitHashKey", hashKey, HASH_KEY_PATTERN);
  }

  private static void checkRecordSize(KinesisStream stream, int size, String member) {
    int max;
    synchronized (stream) {
      max = stream.maxRecordSizeKiB * 1024;
    }
    if (size > max) {
      new ModelViolations()
          .add(
              member,
              "java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]",
              "Member must have length less than or equal to " + max)
          .throwIfAny();
    }
  }

  private static KinesisEngine.PutEntry entry(SdkBytes data, String key, String explicitHashKey) {
    BigInteger hashKey;
    if (explicitHashKey != null) {
      hashKey = new BigInteger(explicitHashKey);
      if (hashKey.compareTo(HashKeys.MAX) > 0) {
        throw KinesisErrors.invalidArgument(
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]."
                + " Specified value was "
                + explicitHashKey);
      }
    } else {
      hashKey = HashKeys.of(key);
    }
    return new KinesisEngine.PutEntry(data.asByteArrayUnsafe(), key, hashKey);
  }

  private PutRecordsResponse putRecords(PutRecordsRequest request, RequestContext context) {
    ModelViolations violations = streamNamed(request.streamName(), request.streamARN());
    List<PutRecordsRequestEntry> records = request.records();
    if (records.isEmpty()) {
      violations.add("records", records, "Member must have length greater than or equal to 1");
    } else if (records.size() > MAX_PUT_RECORDS) {
      violations.add(
          "records", "[...]", "Member must have length less than or equal to " + MAX_PUT_RECORDS);
    }
    for (int i = 0; i < records.size(); i++) {
      PutRecordsRequestEntry record = records.get(i);
      checkEntry(
          violations,
          "records." + (i + 1) + ".member.",
          record.data(),
          record.partitionKey(),
          record.explicitHashKey());
    }
    violations.throwIfAny();
    KinesisStream stream =
        engine.readableStream(context.scope(), request.streamName(), request.streamARN());
    long total = 0;
    List<KinesisEngine.PutEntry> entries = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      PutRecordsRequestEntry record = records.get(i);
      int size = record.data().asByteArrayUnsafe().length;
      checkRecordSize(stream, size, "records." + (i + 1) + ".member.data");
      total += size + record.partitionKey().length();
      entries.add(entry(record.data(), record.partitionKey(), record.explicitHashKey()));
    }
    if (total > MAX_PUT_RECORDS_BYTES) {
      throw KinesisErrors.invalidArgument("Records size exceeds 5 MB limit");
    }
    List<KinesisEngine.PutOutcome> outcomes = engine.put(stream, entries);
    int failed = 0;
    List<PutRecordsResultEntry> results = new ArrayList<>(outcomes.size());
    for (KinesisEngine.PutOutcome outcome : outcomes) {
      if (outcome.failed()) {
        failed++;
        results.add(
            PutRecordsResultEntry.builder()
                .errorCode("ProvisionedThroughputExceededException")
                .errorMessage(outcome.throttleMessage())
                .build());
      } else {
        results.add(
            PutRecordsResultEntry.builder()
                .shardId(outcome.shardId())
                .sequenceNumber(outcome.sequenceNumber())
                .build());
      }
    }
    return PutRecordsResponse.builder()
        .failedRecordCount(failed)
        .records(results)
        .encryptionType(encryption(stream))
        .build();
  }

  private GetShardIteratorResponse getShardIterator(
      GetShardIteratorRequest request, RequestContext context) {
    ModelViolations violations =
        streamNamed(request.streamName(), request.streamARN())
            .required("shardId", request.shardId())
            .length("shardId", request.shardId(), 1, 128)
            .pattern("shardId", request.shardId(), NAME_PATTERN)
            .required("shardIteratorType", request.shardIteratorTypeAsString())
            .pattern(
                "startingSequenceNumber", request.startingSequenceNumber(), "0|([1-9]\\d{0,128})");
    String type = request.shardIteratorTypeAsString();
    if (type != null && request.shardIteratorType() == ShardIteratorType.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          "shardIteratorType",
          type,
          "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP,"
              + " TRIM_HORIZON, AT_SEQUENCE_NUMBER]");
    }
    violations.throwIfAny();
    KinesisStream stream =
        engine.readableStream(context.scope(), request.streamName(), request.streamARN());
    String iterator =
        engine.shardIterator(
            stream, request.shardId(), type, request.startingSequenceNumber(), request.timestamp());
    return GetShardIteratorResponse.builder().shardIterator(iterator).build();
  }

  private GetRecordsResponse getRecords(GetRecordsRequest request, RequestContext context) {
    new ModelViolations()
        .required("shardIterator", request.shardIterator())
        .length("shardIterator", request.shardIterator(), 1, 512)
        .range("limit", request.limit(), 1, KinesisEngine.MAX_READ_RECORDS)
        .throwIfAny();
    KinesisEngine.Read read = engine.getRecords(request.shardIterator(), request.limit());
    return GetRecordsResponse.builder()
        .records(records(read))
        .nextShardIterator(read.nextIterator())
        .millisBehindLatest(read.millisBehindLatest())
        .childShards(read.endOfShard() ? childShards(read) : null)
        .build();
  }

  private static List<Record> records(KinesisEngine.Read read) {
    String encryption = encryption(read.stream());
    List<Record> records = new ArrayList<>(read.records().size());
    for (StoredRecord record : read.records()) {
      records.add(
          Record.builder()
              .sequenceNumber(record.sequenceNumber())
              .approximateArrivalTimestamp(record.arrival())
              .data(SdkBytes.fromByteArrayUnsafe(record.data()))
              .partitionKey(record.partitionKey())
              .encryptionType(encryption)
              .build());
    }
    return records;
  }

  private static List<ChildShard> childShards(KinesisEngine.Read read) {
    List<ChildShard> children = new ArrayList<>();
    for (KinesisShard child : read.children()) {
      List<String> parents = new ArrayList<>();
      parents.add(child.parentId);
      if (child.adjacentParentId != null) {
        parents.add(child.adjacentParentId);
      }
      children.add(
          ChildShard.builder()
              .shardId(child.id)
              .parentShards(parents)
              .hashKeyRange(range(child.range))
              .build());
    }
    return children;
  }

  // ---- enhanced fan-out

  private RegisterStreamConsumerResponse register(
      RegisterStreamConsumerRequest request, RequestContext context) {
    new ModelViolations()
        .required("streamARN", request.streamARN())
        .required("consumerName", request.consumerName())
        .length("consumerName", request.consumerName(), 1, 128)
        .pattern("consumerName", request.consumerName(), NAME_PATTERN)
        .throwIfAny();
    KinesisStream stream = stream(null, request.streamARN(), context);
    KinesisConsumer consumer = engine.registerConsumer(stream, request.consumerName());
    return RegisterStreamConsumerResponse.builder()
        .consumer(
            Consumer.builder()
                .consumerName(consumer.name())
                .consumerARN(consumer.arn())
                .consumerStatus(consumer.status())
                .consumerCreationTimestamp(consumer.created())
                .build())
        .build();
  }

  private DescribeStreamConsumerResponse describeConsumer(
      DescribeStreamConsumerRequest request, RequestContext context) {
    KinesisConsumer consumer =
        engine.consumer(
            context.scope(), request.streamARN(), request.consumerName(), request.consumerARN());
    return DescribeStreamConsumerResponse.builder()
        .consumerDescription(
            ConsumerDescription.builder()
                .consumerName(consumer.name())
                .consumerARN(consumer.arn())
                .consumerStatus(consumer.status())
                .consumerCreationTimestamp(consumer.created())
                .streamARN(consumer.streamArn())
                .build())
        .build();
  }

  private ListStreamConsumersResponse listConsumers(
      ListStreamConsumersRequest request, RequestContext context) {
    new ModelViolations()
        .required("streamARN", request.streamARN())
        .range("maxResults", request.maxResults(), 1, 10000)
        .throwIfAny();
    KinesisStream stream = stream(null, request.streamARN(), context);
    String after = null;
    if (request.nextToken() != null) {
      after =
          PageTokens.read(request.nextToken())
              .map(PageTokens.Token::after)
              .orElseThrow(() -> KinesisErrors.invalidArgument("Invalid NextToken."));
    }
    int limit = request.maxResults() == null ? 100 : request.maxResults();
    List<KinesisConsumer> all;
    synchronized (stream) {
      all = new ArrayList<>(stream.consumers.values());
    }
    all.sort(java.util.Comparator.comparing(KinesisConsumer::name));
    String start = after;
    List<KinesisConsumer> listed =
        all.stream().filter(c -> start == null || c.name().compareTo(start) > 0).toList();
    List<KinesisConsumer> page = listed.subList(0, Math.min(limit, listed.size()));
    return ListStreamConsumersResponse.builder()
        .consumers(
            page.stream()
                .map(
                    c ->
                        Consumer.builder()
                            .consumerName(c.name())
                            .consumerARN(c.arn())
                            .consumerStatus(c.status())
                            .consumerCreationTimestamp(c.created())
                            .build())
                .toList())
        .nextToken(
            page.size() < listed.size()
                ? PageTokens.issue(stream.arn, page.get(page.size() - 1).name(), engine.clock.now())
                : null)
        .build();
  }

  private DeregisterStreamConsumerResponse deregister(
      DeregisterStreamConsumerRequest request, RequestContext context) {
    KinesisConsumer consumer =
        engine.consumer(
            context.scope(), request.streamARN(), request.consumerName(), request.consumerARN());
    engine.deregisterConsumer(consumer, context.scope());
    return DeregisterStreamConsumerResponse.builder().build();
  }

  private CompletableFuture<EventStream> subscribeToShard(
      SubscribeToShardRequest request, RequestContext context) {
    ModelViolations violations =
        new ModelViolations()
            .required("consumerARN", request.consumerARN())
            .required("shardId", request.shardId())
            .required("startingPosition", request.startingPosition())
            .length("shardId", request.shardId(), 1, 128);
    if (request.startingPosition() != null && request.startingPosition().typeAsString() == null) {
      violations.required("startingPosition.type", null);
    }
    violations.throwIfAny();
    KinesisConsumer consumer = engine.consumer(context.scope(), null, null, request.consumerARN());
    KinesisStream stream = engine.streamOf(consumer);
    if (!engine.isActive(stream, consumer)) {
      throw KinesisErrors.inUse(
          "Consumer "
              + consumer.arn()
              + " is not in ACTIVE state; it is "
              + consumer.status()
              + ".");
    }
    StartingPosition start = request.startingPosition();
    KinesisShard shard;
    long position;
    synchronized (stream) {
      shard = stream.shard(request.shardId());
      if (shard == null) {
        throw KinesisErrors.shardNotFound(request.shardId(), stream);
      }
      position =
          engine.position(
              stream,
              shard,
              start.typeAsString(),
              start.sequenceNumber(),
              start.timestamp(),
              "SubscribeToShard");
    }
    Instant now = engine.clock.now();
    String key = consumer.arn() + "|" + shard.id;
    Instant last = lastSubscribed.get(key);
    if (last != null && Duration.between(last, now).compareTo(RESUBSCRIBE_AFTER) < 0) {
      throw KinesisErrors.inUse(
          "Another active subscription exists for this consumer: "
              + consumer.arn()
              + " on shard "
              + shard.id
              + "; subscribe again no sooner than 5 seconds after the last call.");
    }
    lastSubscribed.put(key, now);
    ShardSubscription events =
        new ShardSubscription(
            engine, stream, shard, consumer, position, KinesisOperations::event, subscriptions);
    return CompletableFuture.completedFuture(
        new EventStream(SubscribeToShardResponse.builder().build(), events));
  }

  private static SubscribeToShardEvent event(KinesisEngine.Read read) {
    KinesisShard shard = read.shard();
    String continuation =
        read.endOfShard()
            ? null
            : SequenceNumbers.format(read.stream().tag, shard.index, Math.max(0, read.next() - 1));
    return SubscribeToShardEvent.builder()
        .records(records(read))
        .continuationSequenceNumber(continuation)
        .millisBehindLatest(read.millisBehindLatest())
        .childShards(read.endOfShard() ? childShards(read) : List.of())
        .build();
  }
}
