package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CloudWatchLoggingOptions;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DeleteDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeleteDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.EncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationUpdate;
import software.amazon.awssdk.services.firehose.model.HttpEndpointBufferingHints;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationUpdate;
import software.amazon.awssdk.services.firehose.model.HttpEndpointRequestConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointRetryOptions;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceConfiguration;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsRequest;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.NoEncryptionConfig;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.PutRecordRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.S3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.S3DestinationUpdate;
import software.amazon.awssdk.services.firehose.model.SourceDescription;
import software.amazon.awssdk.services.firehose.model.Tag;
import software.amazon.awssdk.services.firehose.model.TagDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.TagDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.UntagDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.UntagDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.UpdateDestinationRequest;
import software.amazon.awssdk.services.firehose.model.UpdateDestinationResponse;

/**
 * Firehose's operations: each checks the request as AWS's model and service do, calls the {@link
 * FirehoseEngine} and builds the SDK response. It speaks awsJson 1.1. Delivery streams deliver to
 * S3 (the {@code ExtendedS3} and {@code S3} configurations) and HTTP endpoints, from direct puts or
 * a Kinesis stream of the stack.
 */
public final class FirehoseOperations {

  private static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
  private static final String ARN_PATTERN = "arn:.*";

  /**
   * AWS's model allows only {@code https://} URLs; the stack also takes {@code http://}, which is
   * what endpoints in tests serve.
   */
  private static final String URL_PATTERN = "https?://.*";

  private static final String URL_PATTERN_SHOWN = "https://.*";
  private static final String TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$";
  private static final String TAG_VALUE_PATTERN = "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$";
  private static final String FILE_EXTENSION_PATTERN = "^$|\\.[0-9a-z!\\-_.*'()]+";
  private static final String COMPRESSION_VALUES =
      "[ZIP, HADOOP_SNAPPY, Snappy, GZIP, UNCOMPRESSED]";
  private static final int MAX_DATA = 1_024_000;
  private static final int MAX_BATCH = 500;
  private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
  private static final int MAX_TAGS = 50;
  private static final int DEFAULT_SIZE_MB = 5;
  private static final int DEFAULT_INTERVAL_SECONDS = 300;
  private static final int DEFAULT_HTTP_RETRY_SECONDS = 300;

  private final FirehoseEngine engine;

  private FirehoseOperations(FirehoseEngine engine) {
    this.engine = engine;
  }

  public static AwsService service(FirehoseEngine engine) {
    FirehoseOperations ops = new FirehoseOperations(engine);
    return AwsService.builder("firehose")
        .engine(engine)
        .resets(engine::reset)
        .closes(engine::close)
        .inspects(
            new ResourceCollection(
                "deliverystreams",
                DeliveryStreamView.TYPE,
                baseUrl -> engine.inspectStreams(),
                (baseUrl, nameOrArn) -> engine.inspectStream(nameOrArn)))
        .speaks(AwsJsonBinding.awsJson1_1(FirehosePlugin.TARGET_PREFIX))
        .operation("CreateDeliveryStream", CreateDeliveryStreamRequest::builder, ops::create)
        .operation("DescribeDeliveryStream", DescribeDeliveryStreamRequest::builder, ops::describe)
        .operation("ListDeliveryStreams", ListDeliveryStreamsRequest::builder, ops::list)
        .operation("DeleteDeliveryStream", DeleteDeliveryStreamRequest::builder, ops::delete)
        .operation("UpdateDestination", UpdateDestinationRequest::builder, ops::updateDestination)
        .operation("PutRecord", PutRecordRequest::builder, ops::putRecord)
        .operation("PutRecordBatch", PutRecordBatchRequest::builder, ops::putRecordBatch)
        .operation("TagDeliveryStream", TagDeliveryStreamRequest::builder, ops::tag)
        .operation("UntagDeliveryStream", UntagDeliveryStreamRequest::builder, ops::untag)
        .operation(
            "ListTagsForDeliveryStream", ListTagsForDeliveryStreamRequest::builder, ops::tags)
        .build();
  }

  // ---- delivery streams

  private static ModelViolations named(String name) {
    return new ModelViolations()
        .required("deliveryStreamName", name)
        .length("deliveryStreamName", name, 1, 64)
        .pattern("deliveryStreamName", name, NAME_PATTERN);
  }

  private DeliveryStream stream(String name, RequestContext context) {
    return engine.stream(context.scope(), name);
  }

  @SuppressWarnings("deprecation") // AWS still takes the legacy S3DestinationConfiguration
  private CreateDeliveryStreamResponse create(
      CreateDeliveryStreamRequest request, RequestContext context) {
    ModelViolations violations = named(request.deliveryStreamName());
    String type =
        request.deliveryStreamTypeAsString() == null
            ? DeliveryStream.DIRECT_PUT
            : request.deliveryStreamTypeAsString();
    if (DeliveryStreamType.fromValue(type) == DeliveryStreamType.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          "deliveryStreamType",
          type,
          "Member must satisfy enum value set: [KinesisStreamAsSource, MSKAsSource, DirectPut]");
    }
    KinesisStreamSourceConfiguration kinesis = request.kinesisStreamSourceConfiguration();
    if (kinesis != null) {
      violations
          .required("kinesisStreamSourceConfiguration.kinesisStreamARN", kinesis.kinesisStreamARN())
          .length(
              "kinesisStreamSourceConfiguration.kinesisStreamARN",
              kinesis.kinesisStreamARN(),
              1,
              512)
          .pattern(
              "kinesisStreamSourceConfiguration.kinesisStreamARN",
              kinesis.kinesisStreamARN(),
              ARN_PATTERN)
          .required("kinesisStreamSourceConfiguration.roleARN", kinesis.roleARN())
          .length("kinesisStreamSourceConfiguration.roleARN", kinesis.roleARN(), 1, 512)
          .pattern("kinesisStreamSourceConfiguration.roleARN", kinesis.roleARN(), ARN_PATTERN);
    }
    if (request.tags().size() > MAX_TAGS) {
      violations.add("tags", "[...]", "Member must have length less than or equal to " + MAX_TAGS);
    }
    checkTags(violations, request.tags());
    if (request.extendedS3DestinationConfiguration() != null) {
      checkExtendedS3(violations, request.extendedS3DestinationConfiguration());
    }
    if (request.s3DestinationConfiguration() != null) {
      S3DestinationConfiguration s3 = request.s3DestinationConfiguration();
      checkS3(
          violations,
          "s3DestinationConfiguration.",
          s3.roleARN(),
          s3.bucketARN(),
          s3.prefix(),
          s3.errorOutputPrefix(),
          s3.bufferingHints(),
          s3.compressionFormatAsString(),
          true);
    }
    if (request.httpEndpointDestinationConfiguration() != null) {
      checkHttp(violations, request.httpEndpointDestinationConfiguration());
    }
    violations.throwIfAny();

    int destinations = 0;
    for (Object configuration :
        new Object[] {
          request.s3DestinationConfiguration(),
          request.extendedS3DestinationConfiguration(),
          request.httpEndpointDestinationConfiguration(),
          request.redshiftDestinationConfiguration(),
          request.elasticsearchDestinationConfiguration(),
          request.amazonopensearchserviceDestinationConfiguration(),
          request.splunkDestinationConfiguration(),
          request.amazonOpenSearchServerlessDestinationConfiguration(),
          request.snowflakeDestinationConfiguration(),
          request.icebergDestinationConfiguration()
        }) {
      if (configuration != null) {
        destinations++;
      }
    }
    if (destinations != 1) {
      throw FirehoseErrors.invalidArgument(
          "Exactly one destination configuration is supported for a Firehose");
    }
    Destination destination;
    if (request.extendedS3DestinationConfiguration() != null) {
      destination = Destination.s3(s3Description(request.extendedS3DestinationConfiguration()));
    } else if (request.s3DestinationConfiguration() != null) {
      destination = Destination.s3(extended(basic(request.s3DestinationConfiguration())));
    } else if (request.httpEndpointDestinationConfiguration() != null) {
      HttpEndpointDestinationConfiguration http = request.httpEndpointDestinationConfiguration();
      destination =
          Destination.http(httpDescription(http), http.endpointConfiguration().accessKey());
    } else {
      throw FirehoseErrors.invalidArgument(
          "This stack delivers to S3 and HTTP endpoint destinations only.");
    }
    checkDestination(destination);

    DeliveryStream.Source source = null;
    if (type.equals(DeliveryStream.KINESIS_SOURCE)) {
      if (kinesis == null) {
        throw FirehoseErrors.invalidArgument(
            "KinesisStreamSourceConfiguration is required for a KinesisStreamAsSource delivery"
                + " stream.");
      }
      if (request.deliveryStreamEncryptionConfigurationInput() != null) {
        throw FirehoseErrors.invalidArgument(
            "Server-side encryption is not supported for a KinesisStreamAsSource delivery"
                + " stream.");
      }
      source =
          new DeliveryStream.Source(
              kinesis.kinesisStreamARN(), kinesis.roleARN(), engine.clock.now());
    } else if (type.equals(DeliveryStream.DIRECT_PUT)) {
      if (kinesis != null) {
        throw FirehoseErrors.invalidArgument(
            "KinesisStreamSourceConfiguration is only supported for a KinesisStreamAsSource"
                + " delivery stream.");
      }
    } else {
      throw FirehoseErrors.invalidArgument(
          "This stack runs DirectPut and KinesisStreamAsSource delivery streams only.");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
    DeliveryStream stream =
        engine.create(
            context.scope(), request.deliveryStreamName(), type, source, destination, tags);
    return CreateDeliveryStreamResponse.builder().deliveryStreamARN(stream.arn).build();
  }

  private DescribeDeliveryStreamResponse describe(
      DescribeDeliveryStreamRequest request, RequestContext context) {
    named(request.deliveryStreamName())
        .range("limit", request.limit(), 1, 10_000)
        .length("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), 1, 100)
        .pattern(
            "exclusiveStartDestinationId", request.exclusiveStartDestinationId(), "[a-zA-Z0-9-]+")
        .throwIfAny();
    DeliveryStream stream = stream(request.deliveryStreamName(), context);
    DeliveryStreamDescription.Builder description;
    synchronized (stream) {
      description =
          DeliveryStreamDescription.builder()
              .deliveryStreamName(stream.name)
              .deliveryStreamARN(stream.arn)
              .deliveryStreamStatus(stream.status())
              .deliveryStreamEncryptionConfiguration(
                  DeliveryStreamEncryptionConfiguration.builder().status("DISABLED").build())
              .deliveryStreamType(stream.type)
              .versionId(Integer.toString(stream.version()))
              .createTimestamp(stream.created)
              .lastUpdateTimestamp(stream.updated())
              .hasMoreDestinations(false);
      boolean after = Destination.ID.equals(request.exclusiveStartDestinationId());
      description.destinations(after ? List.of() : List.of(stream.destination().description()));
    }
    if (stream.source != null) {
      description.source(
          SourceDescription.builder()
              .kinesisStreamSourceDescription(
                  KinesisStreamSourceDescription.builder()
                      .kinesisStreamARN(stream.source.streamArn())
                      .roleARN(stream.source.roleArn())
                      .deliveryStartTimestamp(stream.source.deliveryStart())
                      .build())
              .build());
    }
    return DescribeDeliveryStreamResponse.builder()
        .deliveryStreamDescription(description.build())
        .build();
  }

  private ListDeliveryStreamsResponse list(
      ListDeliveryStreamsRequest request, RequestContext context) {
    ModelViolations violations =
        new ModelViolations()
            .range("limit", request.limit(), 1, 10_000)
            .length(
                "exclusiveStartDeliveryStreamName",
                request.exclusiveStartDeliveryStreamName(),
                1,
                64)
            .pattern(
                "exclusiveStartDeliveryStreamName",
                request.exclusiveStartDeliveryStreamName(),
                NAME_PATTERN);
    String type = request.deliveryStreamTypeAsString();
    if (type != null
        && DeliveryStreamType.fromValue(type) == DeliveryStreamType.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          "deliveryStreamType",
          type,
          "Member must satisfy enum value set: [KinesisStreamAsSource, MSKAsSource, DirectPut]");
    }
    violations.throwIfAny();
    int limit = request.limit() == null ? 10 : request.limit();
    String after = request.exclusiveStartDeliveryStreamName();
    List<String> names =
        engine.streams(context.scope()).stream()
            .filter(stream -> type == null || stream.type.equals(type))
            .map(stream -> stream.name)
            .filter(name -> after == null || name.compareTo(after) > 0)
            .sorted()
            .toList();
    return ListDeliveryStreamsResponse.builder()
        .deliveryStreamNames(names.subList(0, Math.min(limit, names.size())))
        .hasMoreDeliveryStreams(names.size() > limit)
        .build();
  }

  private DeleteDeliveryStreamResponse delete(
      DeleteDeliveryStreamRequest request, RequestContext context) {
    named(request.deliveryStreamName()).throwIfAny();
    engine.delete(stream(request.deliveryStreamName(), context));
    return DeleteDeliveryStreamResponse.builder().build();
  }

  // ---- records

  private PutRecordResponse putRecord(PutRecordRequest request, RequestContext context) {
    ModelViolations violations =
        named(request.deliveryStreamName()).required("record", request.record());
    if (request.record() != null) {
      checkData(violations, "record.data", request.record().data());
    }
    violations.throwIfAny();
    DeliveryStream stream = directPut(request.deliveryStreamName(), context);
    String recordId =
        engine.put(stream, List.of(request.record().data().asByteArrayUnsafe())).get(0);
    return PutRecordResponse.builder().recordId(recordId).encrypted(false).build();
  }

  private PutRecordBatchResponse putRecordBatch(
      PutRecordBatchRequest request, RequestContext context) {
    ModelViolations violations = named(request.deliveryStreamName());
    List<Record> records = request.records();
    if (!request.hasRecords()) {
      violations.required("records", null);
    } else if (records.isEmpty()) {
      violations.add("records", records, "Member must have length greater than or equal to 1");
    } else if (records.size() > MAX_BATCH) {
      violations.add(
          "records", "[...]", "Member must have length less than or equal to " + MAX_BATCH);
    }
    for (int i = 0; i < records.size(); i++) {
      checkData(violations, "records." + (i + 1) + ".member.data", records.get(i).data());
    }
    violations.throwIfAny();
    long total = 0;
    for (Record record : records) {
      total += record.data().asByteArrayUnsafe().length;
    }
    if (total > MAX_BATCH_BYTES) {
      throw FirehoseErrors.invalidArgument("Records size exceeds 4 MB limit");
    }
    DeliveryStream stream = directPut(request.deliveryStreamName(), context);
    List<String> ids =
        engine.put(stream, records.stream().map(r -> r.data().asByteArrayUnsafe()).toList());
    return PutRecordBatchResponse.builder()
        .failedPutCount(0)
        .encrypted(false)
        .requestResponses(
            ids.stream()
                .map(id -> PutRecordBatchResponseEntry.builder().recordId(id).build())
                .toList())
        .build();
  }

  private static void checkData(ModelViolations violations, String member, SdkBytes data) {
    if (data == null) {
      violations.required(member, null);
      return;
    }
    int size = data.asByteArrayUnsafe().length;
    if (size > MAX_DATA) {
      violations.add(
          member,
          "java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]",
          "Member must have length less than or equal to " + MAX_DATA);
    }
  }

  /** A delivery stream that takes puts: ACTIVE and DirectPut. */
  private DeliveryStream directPut(String name, RequestContext context) {
    DeliveryStream stream = stream(name, context);
    if (!stream.type.equals(DeliveryStream.DIRECT_PUT)) {
      throw FirehoseErrors.notDirectPut();
    }
    if (!"ACTIVE".equals(stream.status())) {
      throw FirehoseErrors.notActive(stream);
    }
    return stream;
  }

  // ---- tags

  private static void checkTags(ModelViolations violations, List<Tag> tags) {
    for (int i = 0; i < tags.size(); i++) {
      String member = "tags." + (i + 1) + ".member.";
      Tag tag = tags.get(i);
      violations
          .required(member + "key", tag.key())
          .length(member + "key", tag.key(), 1, 128)
          .pattern(member + "key", tag.key(), TAG_KEY_PATTERN)
          .length(member + "value", tag.value(), 0, 256)
          .pattern(member + "value", tag.value(), TAG_VALUE_PATTERN);
    }
  }

  private TagDeliveryStreamResponse tag(TagDeliveryStreamRequest request, RequestContext context) {
    ModelViolations violations = named(request.deliveryStreamName());
    if (!request.hasTags()) {
      violations.required("tags", null);
    } else if (request.tags().isEmpty()) {
      violations.add("tags", "[]", "Member must have length greater than or equal to 1");
    } else if (request.tags().size() > MAX_TAGS) {
      violations.add("tags", "[...]", "Member must have length less than or equal to " + MAX_TAGS);
    }
    checkTags(violations, request.tags());
    violations.throwIfAny();
    DeliveryStream stream = stream(request.deliveryStreamName(), context);
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
    synchronized (stream) {
      Map<String, String> all = stream.tags();
      all.putAll(tags);
      if (all.size() > MAX_TAGS) {
        throw FirehoseErrors.limitExceeded(
            "The number of tags on delivery stream "
                + stream.name
                + " would exceed the limit of "
                + MAX_TAGS
                + ".");
      }
      stream.tag(tags);
    }
    return TagDeliveryStreamResponse.builder().build();
  }

  private UntagDeliveryStreamResponse untag(
      UntagDeliveryStreamRequest request, RequestContext context) {
    ModelViolations violations = named(request.deliveryStreamName());
    if (!request.hasTagKeys()) {
      violations.required("tagKeys", null);
    } else if (request.tagKeys().isEmpty()) {
      violations.add("tagKeys", "[]", "Member must have length greater than or equal to 1");
    } else if (request.tagKeys().size() > MAX_TAGS) {
      violations.add(
          "tagKeys", "[...]", "Member must have length less than or equal to " + MAX_TAGS);
    }
    for (int i = 0; i < request.tagKeys().size(); i++) {
      String key = request.tagKeys().get(i);
      violations
          .length("tagKeys." + (i + 1) + ".member", key, 1, 128)
          .pattern("tagKeys." + (i + 1) + ".member", key, TAG_KEY_PATTERN);
    }
    violations.throwIfAny();
    stream(request.deliveryStreamName(), context).untag(request.tagKeys());
    return UntagDeliveryStreamResponse.builder().build();
  }

  private ListTagsForDeliveryStreamResponse tags(
      ListTagsForDeliveryStreamRequest request, RequestContext context) {
    named(request.deliveryStreamName())
        .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128)
        .pattern("exclusiveStartTagKey", request.exclusiveStartTagKey(), TAG_KEY_PATTERN)
        .range("limit", request.limit(), 1, MAX_TAGS)
        .throwIfAny();
    DeliveryStream stream = stream(request.deliveryStreamName(), context);
    int limit = request.limit() == null ? MAX_TAGS : request.limit();
    String after = request.exclusiveStartTagKey();
    List<Tag> tags = new ArrayList<>();
    stream
        .tags()
        .forEach(
            (key, value) -> {
              if (after == null || key.compareTo(after) > 0) {
                tags.add(Tag.builder().key(key).value(value).build());
              }
            });
    return ListTagsForDeliveryStreamResponse.builder()
        .tags(tags.subList(0, Math.min(limit, tags.size())))
        .hasMoreTags(tags.size() > limit)
        .build();
  }

  // ---- destinations

  @SuppressWarnings("deprecation") // AWS still takes the legacy S3DestinationUpdate
  private UpdateDestinationResponse updateDestination(
      UpdateDestinationRequest request, RequestContext context) {
    ModelViolations violations =
        named(request.deliveryStreamName())
            .required("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId())
            .length(
                "currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId(), 1, 50)
            .pattern(
                "currentDeliveryStreamVersionId",
                request.currentDeliveryStreamVersionId(),
                "[0-9]+")
            .required("destinationId", request.destinationId())
            .length("destinationId", request.destinationId(), 1, 100)
            .pattern("destinationId", request.destinationId(), "[a-zA-Z0-9-]+");
    ExtendedS3DestinationUpdate extended = request.extendedS3DestinationUpdate();
    if (extended != null) {
      checkS3(
          violations,
          "extendedS3DestinationUpdate.",
          extended.roleARN(),
          extended.bucketARN(),
          extended.prefix(),
          extended.errorOutputPrefix(),
          extended.bufferingHints(),
          extended.compressionFormatAsString(),
          false);
      violations
          .length("extendedS3DestinationUpdate.fileExtension", extended.fileExtension(), 0, 128)
          .pattern(
              "extendedS3DestinationUpdate.fileExtension",
              extended.fileExtension(),
              FILE_EXTENSION_PATTERN)
          .length("extendedS3DestinationUpdate.customTimeZone", extended.customTimeZone(), 0, 50);
      checkS3Update(
          violations, "extendedS3DestinationUpdate.s3BackupUpdate.", extended.s3BackupUpdate());
    }
    checkS3Update(violations, "s3DestinationUpdate.", request.s3DestinationUpdate());
    HttpEndpointDestinationUpdate http = request.httpEndpointDestinationUpdate();
    if (http != null) {
      checkHttpParts(
          violations,
          "httpEndpointDestinationUpdate.",
          http.endpointConfiguration(),
          http.bufferingHints(),
          http.retryOptions(),
          http.s3BackupModeAsString(),
          http.requestConfiguration(),
          http.roleARN());
      checkS3Update(violations, "httpEndpointDestinationUpdate.s3Update.", http.s3Update());
    }
    violations.throwIfAny();
    DeliveryStream stream = stream(request.deliveryStreamName(), context);
    if (!Destination.ID.equals(request.destinationId())) {
      throw FirehoseErrors.invalidArgument(
          "Destination Id " + request.destinationId() + " not found");
    }
    int updates = 0;
    for (Object update :
        new Object[] {
          request.s3DestinationUpdate(),
          extended,
          http,
          request.redshiftDestinationUpdate(),
          request.elasticsearchDestinationUpdate(),
          request.amazonopensearchserviceDestinationUpdate(),
          request.splunkDestinationUpdate(),
          request.amazonOpenSearchServerlessDestinationUpdate(),
          request.snowflakeDestinationUpdate(),
          request.icebergDestinationUpdate()
        }) {
      if (update != null) {
        updates++;
      }
    }
    if (updates != 1) {
      throw FirehoseErrors.invalidArgument(
          "Exactly one destination update is supported for a Firehose");
    }
    Destination current = stream.destination();
    Destination next;
    if (extended != null) {
      next = Destination.s3(merge(current, extended));
    } else if (request.s3DestinationUpdate() != null) {
      S3DestinationUpdate s3 = request.s3DestinationUpdate();
      next =
          Destination.s3(
              merge(
                  current,
                  ExtendedS3DestinationUpdate.builder()
                      .roleARN(s3.roleARN())
                      .bucketARN(s3.bucketARN())
                      .prefix(s3.prefix())
                      .errorOutputPrefix(s3.errorOutputPrefix())
                      .bufferingHints(s3.bufferingHints())
                      .compressionFormat(s3.compressionFormatAsString())
                      .encryptionConfiguration(s3.encryptionConfiguration())
                      .cloudWatchLoggingOptions(s3.cloudWatchLoggingOptions())
                      .build()));
    } else if (http != null) {
      next = merge(current, http);
    } else {
      throw FirehoseErrors.invalidArgument(
          "This stack delivers to S3 and HTTP endpoint destinations only.");
    }
    checkDestination(next);
    engine.update(stream, request.currentDeliveryStreamVersionId(), next);
    return UpdateDestinationResponse.builder().build();
  }

  /** An S3 destination after an update: merged into the current one if it was S3. */
  private static ExtendedS3DestinationDescription merge(
      Destination current, ExtendedS3DestinationUpdate update) {
    ExtendedS3DestinationDescription base = current.s3();
    if (base == null) {
      if (update.bucketARN() == null || update.roleARN() == null) {
        throw FirehoseErrors.invalidArgument(
            "BucketARN and RoleARN are required to change the destination to S3.");
      }
      base = extended(basic(S3DestinationConfiguration.builder().build()));
    }
    ExtendedS3DestinationDescription.Builder merged = base.toBuilder();
    set(update.roleARN(), merged::roleARN);
    set(update.bucketARN(), merged::bucketARN);
    set(update.prefix(), merged::prefix);
    set(update.errorOutputPrefix(), merged::errorOutputPrefix);
    set(
        update.bufferingHints() == null ? null : hints(update.bufferingHints()),
        merged::bufferingHints);
    set(update.compressionFormatAsString(), merged::compressionFormat);
    set(update.encryptionConfiguration(), merged::encryptionConfiguration);
    set(update.cloudWatchLoggingOptions(), merged::cloudWatchLoggingOptions);
    set(update.processingConfiguration(), merged::processingConfiguration);
    set(update.dataFormatConversionConfiguration(), merged::dataFormatConversionConfiguration);
    set(update.dynamicPartitioningConfiguration(), merged::dynamicPartitioningConfiguration);
    set(update.fileExtension(), merged::fileExtension);
    set(update.customTimeZone(), merged::customTimeZone);
    if (update.s3BackupModeAsString() != null) {
      if ("Enabled".equals(base.s3BackupModeAsString())
          && !"Enabled".equals(update.s3BackupModeAsString())) {
        throw FirehoseErrors.invalidArgument(
            "Disabling S3 backup is not supported once it is enabled.");
      }
      merged.s3BackupMode(update.s3BackupModeAsString());
    }
    if (update.s3BackupUpdate() != null) {
      merged.s3BackupDescription(merge(base.s3BackupDescription(), update.s3BackupUpdate()));
    }
    return merged.build();
  }

  /** An HTTP endpoint destination after an update: merged into the current one if it was one. */
  private static Destination merge(Destination current, HttpEndpointDestinationUpdate update) {
    HttpEndpointDestinationDescription base = current.http();
    String accessKey = current.accessKey();
    if (base == null) {
      if (update.endpointConfiguration() == null || update.s3Update() == null) {
        throw FirehoseErrors.invalidArgument(
            "EndpointConfiguration and S3Update are required to change the destination to an"
                + " HTTP endpoint.");
      }
      base =
          httpDescription(
              HttpEndpointDestinationConfiguration.builder()
                  .endpointConfiguration(update.endpointConfiguration())
                  .s3Configuration(S3DestinationConfiguration.builder().build())
                  .build());
      accessKey = null;
    }
    HttpEndpointDestinationDescription.Builder merged = base.toBuilder();
    if (update.endpointConfiguration() != null) {
      merged.endpointConfiguration(
          HttpEndpointDescription.builder()
              .url(update.endpointConfiguration().url())
              .name(update.endpointConfiguration().name())
              .build());
      if (update.endpointConfiguration().accessKey() != null) {
        accessKey = update.endpointConfiguration().accessKey();
      }
    }
    if (update.bufferingHints() != null) {
      HttpEndpointBufferingHints hints = update.bufferingHints();
      checkPair(hints.sizeInMBs(), hints.intervalInSeconds());
      merged.bufferingHints(hints);
    }
    set(update.cloudWatchLoggingOptions(), merged::cloudWatchLoggingOptions);
    set(update.requestConfiguration(), merged::requestConfiguration);
    set(update.processingConfiguration(), merged::processingConfiguration);
    set(update.roleARN(), merged::roleARN);
    set(update.retryOptions(), merged::retryOptions);
    set(update.s3BackupModeAsString(), merged::s3BackupMode);
    if (update.s3Update() != null) {
      merged.s3DestinationDescription(merge(base.s3DestinationDescription(), update.s3Update()));
    }
    return Destination.http(merged.build(), accessKey);
  }

  private static S3DestinationDescription merge(
      S3DestinationDescription base, S3DestinationUpdate update) {
    S3DestinationDescription.Builder merged =
        base == null
            ? basic(S3DestinationConfiguration.builder().build()).toBuilder()
            : base.toBuilder();
    set(update.roleARN(), merged::roleARN);
    set(update.bucketARN(), merged::bucketARN);
    set(update.prefix(), merged::prefix);
    set(update.errorOutputPrefix(), merged::errorOutputPrefix);
    set(
        update.bufferingHints() == null ? null : hints(update.bufferingHints()),
        merged::bufferingHints);
    set(update.compressionFormatAsString(), merged::compressionFormat);
    set(update.encryptionConfiguration(), merged::encryptionConfiguration);
    set(update.cloudWatchLoggingOptions(), merged::cloudWatchLoggingOptions);
    return merged.build();
  }

  private static <T> void set(T value, Function<T, ?> setter) {
    if (value != null) {
      setter.apply(value);
    }
  }

  // ---- configurations as descriptions

  private static BufferingHints hints(BufferingHints given) {
    if (given != null) {
      checkPair(given.sizeInMBs(), given.intervalInSeconds());
    }
    return BufferingHints.builder()
        .sizeInMBs(given == null || given.sizeInMBs() == null ? DEFAULT_SIZE_MB : given.sizeInMBs())
        .intervalInSeconds(
            given == null || given.intervalInSeconds() == null
                ? DEFAULT_INTERVAL_SECONDS
                : given.intervalInSeconds())
        .build();
  }

  /** AWS takes a buffering size and interval together, or neither. */
  private static void checkPair(Integer size, Integer interval) {
    if ((size == null) != (interval == null)) {
      throw FirehoseErrors.invalidArgument(
          "If you specify a value for SizeInMBs, you must also specify a value for"
              + " IntervalInSeconds, and vice versa.");
    }
  }

  private static EncryptionConfiguration encryption(EncryptionConfiguration given) {
    return given != null
        ? given
        : EncryptionConfiguration.builder()
            .noEncryptionConfig(NoEncryptionConfig.NO_ENCRYPTION)
            .build();
  }

  private static CloudWatchLoggingOptions logging(CloudWatchLoggingOptions given) {
    return given != null ? given : CloudWatchLoggingOptions.builder().enabled(false).build();
  }

  private static String compression(String given) {
    return given == null ? CompressionFormat.UNCOMPRESSED.toString() : given;
  }

  private static S3DestinationDescription basic(S3DestinationConfiguration s3) {
    return S3DestinationDescription.builder()
        .roleARN(s3.roleARN())
        .bucketARN(s3.bucketARN())
        .prefix(s3.prefix())
        .errorOutputPrefix(s3.errorOutputPrefix())
        .bufferingHints(hints(s3.bufferingHints()))
        .compressionFormat(compression(s3.compressionFormatAsString()))
        .encryptionConfiguration(encryption(s3.encryptionConfiguration()))
        .cloudWatchLoggingOptions(logging(s3.cloudWatchLoggingOptions()))
        .build();
  }

  private static ExtendedS3DestinationDescription extended(S3DestinationDescription s3) {
    return ExtendedS3DestinationDescription.builder()
        .roleARN(s3.roleARN())
        .bucketARN(s3.bucketARN())
        .prefix(s3.prefix())
        .errorOutputPrefix(s3.errorOutputPrefix())
        .bufferingHints(s3.bufferingHints())
        .compressionFormat(s3.compressionFormatAsString())
        .encryptionConfiguration(s3.encryptionConfiguration())
        .cloudWatchLoggingOptions(s3.cloudWatchLoggingOptions())
        .s3BackupMode(S3BackupMode.DISABLED)
        .build();
  }

  private static ExtendedS3DestinationDescription s3Description(
      ExtendedS3DestinationConfiguration s3) {
    return ExtendedS3DestinationDescription.builder()
        .roleARN(s3.roleARN())
        .bucketARN(s3.bucketARN())
        .prefix(s3.prefix())
        .errorOutputPrefix(s3.errorOutputPrefix())
        .bufferingHints(hints(s3.bufferingHints()))
        .compressionFormat(compression(s3.compressionFormatAsString()))
        .encryptionConfiguration(encryption(s3.encryptionConfiguration()))
        .cloudWatchLoggingOptions(logging(s3.cloudWatchLoggingOptions()))
        .processingConfiguration(s3.processingConfiguration())
        .s3BackupMode(
            s3.s3BackupModeAsString() == null
                ? S3BackupMode.DISABLED.toString()
                : s3.s3BackupModeAsString())
        .s3BackupDescription(
            s3.s3BackupConfiguration() == null ? null : basic(s3.s3BackupConfiguration()))
        .dataFormatConversionConfiguration(s3.dataFormatConversionConfiguration())
        .dynamicPartitioningConfiguration(s3.dynamicPartitioningConfiguration())
        .fileExtension(s3.fileExtension())
        .customTimeZone(s3.customTimeZone())
        .build();
  }

  private static HttpEndpointDestinationDescription httpDescription(
      HttpEndpointDestinationConfiguration http) {
    HttpEndpointBufferingHints hints = http.bufferingHints();
    if (hints != null) {
      checkPair(hints.sizeInMBs(), hints.intervalInSeconds());
    }
    return HttpEndpointDestinationDescription.builder()
        .endpointConfiguration(
            HttpEndpointDescription.builder()
                .url(http.endpointConfiguration().url())
                .name(http.endpointConfiguration().name())
                .build())
        .bufferingHints(
            HttpEndpointBufferingHints.builder()
                .sizeInMBs(
                    hints == null || hints.sizeInMBs() == null
                        ? DEFAULT_SIZE_MB
                        : hints.sizeInMBs())
                .intervalInSeconds(
                    hints == null || hints.intervalInSeconds() == null
                        ? DEFAULT_INTERVAL_SECONDS
                        : hints.intervalInSeconds())
                .build())
        .cloudWatchLoggingOptions(logging(http.cloudWatchLoggingOptions()))
        .requestConfiguration(
            http.requestConfiguration() != null
                ? http.requestConfiguration()
                : HttpEndpointRequestConfiguration.builder()
                    .contentEncoding(ContentEncoding.NONE)
                    .commonAttributes(List.of())
                    .build())
        .processingConfiguration(http.processingConfiguration())
        .roleARN(http.roleARN())
        .retryOptions(
            http.retryOptions() != null && http.retryOptions().durationInSeconds() != null
                ? http.retryOptions()
                : HttpEndpointRetryOptions.builder()
                    .durationInSeconds(DEFAULT_HTTP_RETRY_SECONDS)
                    .build())
        .s3BackupMode(
            http.s3BackupModeAsString() == null
                ? HttpEndpointS3BackupMode.FAILED_DATA_ONLY.toString()
                : http.s3BackupModeAsString())
        .s3DestinationDescription(basic(http.s3Configuration()))
        .build();
  }

  // ---- checks

  private static void checkExtendedS3(
      ModelViolations violations, ExtendedS3DestinationConfiguration s3) {
    String member = "extendedS3DestinationConfiguration.";
    checkS3(
        violations,
        member,
        s3.roleARN(),
        s3.bucketARN(),
        s3.prefix(),
        s3.errorOutputPrefix(),
        s3.bufferingHints(),
        s3.compressionFormatAsString(),
        true);
    violations
        .length(member + "fileExtension", s3.fileExtension(), 0, 128)
        .pattern(member + "fileExtension", s3.fileExtension(), FILE_EXTENSION_PATTERN)
        .length(member + "customTimeZone", s3.customTimeZone(), 0, 50);
    String backupMode = s3.s3BackupModeAsString();
    if (backupMode != null
        && S3BackupMode.fromValue(backupMode) == S3BackupMode.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          member + "s3BackupMode",
          backupMode,
          "Member must satisfy enum value set: [Enabled, Disabled]");
    }
    S3DestinationConfiguration backup = s3.s3BackupConfiguration();
    if (backup != null) {
      checkS3(
          violations,
          member + "s3BackupConfiguration.",
          backup.roleARN(),
          backup.bucketARN(),
          backup.prefix(),
          backup.errorOutputPrefix(),
          backup.bufferingHints(),
          backup.compressionFormatAsString(),
          true);
    }
  }

  private static void checkS3Update(
      ModelViolations violations, String member, S3DestinationUpdate update) {
    if (update != null) {
      checkS3(
          violations,
          member,
          update.roleARN(),
          update.bucketARN(),
          update.prefix(),
          update.errorOutputPrefix(),
          update.bufferingHints(),
          update.compressionFormatAsString(),
          false);
    }
  }

  private static void checkS3(
      ModelViolations violations,
      String member,
      String roleArn,
      String bucketArn,
      String prefix,
      String errorOutputPrefix,
      BufferingHints hints,
      String compression,
      boolean required) {
    if (required) {
      violations.required(member + "roleARN", roleArn).required(member + "bucketARN", bucketArn);
    }
    violations
        .length(member + "roleARN", roleArn, 1, 512)
        .pattern(member + "roleARN", roleArn, ARN_PATTERN)
        .length(member + "bucketARN", bucketArn, 1, 2048)
        .pattern(member + "bucketARN", bucketArn, ARN_PATTERN)
        .length(member + "prefix", prefix, 0, 1024)
        .length(member + "errorOutputPrefix", errorOutputPrefix, 0, 1024);
    if (hints != null) {
      violations
          .range(member + "bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, 128)
          .range(member + "bufferingHints.intervalInSeconds", hints.intervalInSeconds(), 0, 900);
    }
    if (compression != null
        && CompressionFormat.fromValue(compression) == CompressionFormat.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          member + "compressionFormat",
          compression,
          "Member must satisfy enum value set: " + COMPRESSION_VALUES);
    }
  }

  private static void checkHttp(
      ModelViolations violations, HttpEndpointDestinationConfiguration http) {
    String member = "httpEndpointDestinationConfiguration.";
    violations
        .required(member + "endpointConfiguration", http.endpointConfiguration())
        .required(member + "s3Configuration", http.s3Configuration());
    if (http.endpointConfiguration() != null) {
      violations.required(member + "endpointConfiguration.url", http.endpointConfiguration().url());
    }
    checkHttpParts(
        violations,
        member,
        http.endpointConfiguration(),
        http.bufferingHints(),
        http.retryOptions(),
        http.s3BackupModeAsString(),
        http.requestConfiguration(),
        http.roleARN());
    S3DestinationConfiguration s3 = http.s3Configuration();
    if (s3 != null) {
      checkS3(
          violations,
          member + "s3Configuration.",
          s3.roleARN(),
          s3.bucketARN(),
          s3.prefix(),
          s3.errorOutputPrefix(),
          s3.bufferingHints(),
          s3.compressionFormatAsString(),
          true);
    }
  }

  private static void checkHttpParts(
      ModelViolations violations,
      String member,
      HttpEndpointConfiguration endpoint,
      HttpEndpointBufferingHints hints,
      HttpEndpointRetryOptions retries,
      String backupMode,
      HttpEndpointRequestConfiguration request,
      String roleArn) {
    if (endpoint != null) {
      String url = endpoint.url();
      violations.length(member + "endpointConfiguration.url", url, 1, 1000);
      if (url != null && !url.matches(URL_PATTERN)) {
        violations.add(
            member + "endpointConfiguration.url",
            url,
            "Member must satisfy regular expression pattern: " + URL_PATTERN_SHOWN);
      }
      violations
          .length(member + "endpointConfiguration.name", endpoint.name(), 1, 256)
          .length(member + "endpointConfiguration.accessKey", endpoint.accessKey(), 0, 4096);
    }
    if (hints != null) {
      violations
          .range(member + "bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, 64)
          .range(member + "bufferingHints.intervalInSeconds", hints.intervalInSeconds(), 0, 900);
    }
    if (retries != null) {
      violations.range(
          member + "retryOptions.durationInSeconds", retries.durationInSeconds(), 0, 7200);
    }
    if (backupMode != null
        && HttpEndpointS3BackupMode.fromValue(backupMode)
            == HttpEndpointS3BackupMode.UNKNOWN_TO_SDK_VERSION) {
      violations.add(
          member + "s3BackupMode",
          backupMode,
          "Member must satisfy enum value set: [FailedDataOnly, AllData]");
    }
    if (request != null) {
      String encoding = request.contentEncodingAsString();
      if (encoding != null
          && ContentEncoding.fromValue(encoding) == ContentEncoding.UNKNOWN_TO_SDK_VERSION) {
        violations.add(
            member + "requestConfiguration.contentEncoding",
            encoding,
            "Member must satisfy enum value set: [GZIP, NONE]");
      }
      List<HttpEndpointCommonAttribute> attributes = request.commonAttributes();
      if (attributes.size() > 50) {
        violations.add(
            member + "requestConfiguration.commonAttributes",
            "[...]",
            "Member must have length less than or equal to 50");
      }
      for (int i = 0; i < attributes.size(); i++) {
        String attribute = member + "requestConfiguration.commonAttributes." + (i + 1) + ".member.";
        violations
            .required(attribute + "attributeName", attributes.get(i).attributeName())
            .length(attribute + "attributeName", attributes.get(i).attributeName(), 1, 256)
            .required(attribute + "attributeValue", attributes.get(i).attributeValue())
            .length(attribute + "attributeValue", attributes.get(i).attributeValue(), 0, 1024);
      }
    }
    violations
        .length(member + "roleARN", roleArn, 1, 512)
        .pattern(member + "roleARN", roleArn, ARN_PATTERN);
  }

  /**
   * What the service checks of a whole destination beyond its model: buffering hints given in
   * pairs, bucket ARNs, prefixes and their expressions, processors, and what this stack runs.
   */
  private static void checkDestination(Destination destination) {
    if (destination.s3() != null) {
      ExtendedS3DestinationDescription s3 = destination.s3();
      checkBucket(s3.bucketARN());
      checkCompression(s3.compressionFormatAsString());
      S3Keys.check(s3.prefix(), s3.errorOutputPrefix(), s3.customTimeZone());
      if ("Enabled".equals(s3.s3BackupModeAsString()) && s3.s3BackupDescription() == null) {
        throw FirehoseErrors.invalidArgument(
            "S3BackupConfiguration is required when S3BackupMode is Enabled.");
      }
      if (s3.s3BackupDescription() != null) {
        checkBucket(s3.s3BackupDescription().bucketARN());
        checkCompression(s3.s3BackupDescription().compressionFormatAsString());
        S3Keys.check(
            s3.s3BackupDescription().prefix(), s3.s3BackupDescription().errorOutputPrefix(), null);
      }
      if (s3.dataFormatConversionConfiguration() != null
          && !Boolean.FALSE.equals(s3.dataFormatConversionConfiguration().enabled())) {
        throw FirehoseErrors.invalidArgument(
            "This stack does not convert record formats (DataFormatConversionConfiguration).");
      }
      if (s3.dynamicPartitioningConfiguration() != null
          && Boolean.TRUE.equals(s3.dynamicPartitioningConfiguration().enabled())) {
        throw FirehoseErrors.invalidArgument(
            "This stack does not partition records dynamically"
                + " (DynamicPartitioningConfiguration).");
      }
      checkProcessing(s3.processingConfiguration());
    } else {
      HttpEndpointDestinationDescription http = destination.http();
      S3DestinationDescription s3 = http.s3DestinationDescription();
      checkBucket(s3.bucketARN());
      checkCompression(s3.compressionFormatAsString());
      S3Keys.check(s3.prefix(), s3.errorOutputPrefix(), null);
      checkProcessing(http.processingConfiguration());
    }
  }

  private static void checkBucket(String bucketArn) {
    Arn arn = Arn.parse(bucketArn).orElse(null);
    if (arn == null
        || !arn.service().equals("s3")
        || arn.resource().contains("/")
        || !arn.region().isEmpty()
        || !arn.accountId().isEmpty()) {
      throw FirehoseErrors.invalidArgument(
          "BucketARN " + bucketArn + " is not a valid bucket ARN.");
    }
  }

  private static void checkCompression(String compression) {
    if (compression.equals("Snappy") || compression.equals("HADOOP_SNAPPY")) {
      throw FirehoseErrors.invalidArgument(
          "This stack writes UNCOMPRESSED, GZIP and ZIP objects; it does not write "
              + compression
              + ".");
    }
  }

  private static void checkProcessing(ProcessingConfiguration processing) {
    if (processing == null) {
      return;
    }
    for (Processor processor : processing.processors()) {
      String type = Objects.requireNonNullElse(processor.typeAsString(), "null");
      switch (type) {
        case "Lambda" -> {
          String arn = null;
          for (ProcessorParameter parameter : processor.parameters()) {
            if ("LambdaArn".equals(parameter.parameterNameAsString())) {
              arn = parameter.parameterValue();
            } else if ("NumberOfRetries".equals(parameter.parameterNameAsString())) {
              checkNumber(parameter, 0, 300);
            } else if ("BufferSizeInMBs".equals(parameter.parameterNameAsString())) {
              checkNumber(parameter, 0.2, 3);
            }
          }
          if (arn == null || Arn.parse(arn).filter(a -> a.service().equals("lambda")).isEmpty()) {
            throw FirehoseErrors.invalidArgument(
                "A Lambda processor needs the LambdaArn parameter: the ARN of a function.");
          }
        }
        case "AppendDelimiterToRecord" -> {
          // appends a newline to each record, as AWS does
        }
        default ->
            throw FirehoseErrors.invalidArgument(
                "This stack runs the Lambda and AppendDelimiterToRecord processors; it does not"
                    + " run "
                    + type
                    + ".");
      }
    }
  }

  private static void checkNumber(ProcessorParameter parameter, double min, double max) {
    try {
      double value = Double.parseDouble(parameter.parameterValue());
      if (value >= min && value <= max) {
        return;
      }
    } catch (NumberFormatException | NullPointerException notANumber) {
      // refused below
    }
    throw FirehoseErrors.invalidArgument(
        "Processor parameter "
            + parameter.parameterNameAsString()
            + " must be a number from "
            + min
            + " to "
            + max
            + ", not "
            + parameter.parameterValue()
            + ".");
  }
}
