package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.DeliveryOutcome;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import io.serverlessstack.fake.internal.sns.SnsEngine;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.OnFailure;
import software.amazon.awssdk.services.lambda.model.OnSuccess;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;

/**
 * Lambda's event source mappings: what CreateEventSourceMapping and its siblings accept, with AWS's
 * checks and errors, and the mappings themselves, each an {@link SqsEventSource} polling its queue
 * or a {@link KinesisEventSource} reading its stream. They belong to the {@link LambdaEngine}; a
 * reset forgets them. Deleting a mapping's function, queue or stream leaves the mapping, as AWS
 * does; it reads nothing until they are back.
 */
final class EventSourceMappings {

  private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappings.class);

  private static final String FUNCTION_RESPONSE_TYPE = "ReportBatchItemFailures";

  /** The largest batch of either kind of source. */
  private static final int MAX_BATCH_SIZE = 10_000;

  /** Where a stream mapping may start, as Lambda's validation lists them. */
  private static final List<String> STARTING_POSITIONS =
      List.of("LATEST", "AT_TIMESTAMP", "TRIM_HORIZON");

  private final LambdaEngine engine;
  private final Supplier<SqsEngine> sqs;
  private final Supplier<KinesisEngine> kinesis;
  private final Supplier<SnsEngine> sns;
  private final DeliveryBus bus;
  private final ScopedResources<EventSource> mappings =
      new ScopedResources<>("lambda", "event-source-mapping:");

  /**
   * @param sqs the stack's SQS engine, looked up on first use (the SQS classes load only then);
   *     throws {@link IllegalArgumentException} when the stack does not run SQS
   * @param kinesis likewise, the stack's Kinesis engine
   * @param sns likewise, the stack's SNS engine, which on-failure topics are published to with
   */
  EventSourceMappings(
      LambdaEngine engine,
      Supplier<SqsEngine> sqs,
      Supplier<KinesisEngine> kinesis,
      Supplier<SnsEngine> sns,
      DeliveryBus bus) {
    this.engine = engine;
    this.sqs = sqs;
    this.kinesis = kinesis;
    this.sns = sns;
    this.bus = bus;
  }

  /** What Create and Update may set; {@code null} leaves a setting as it is, or at its default. */
  private record Changes(
      String functionName,
      Boolean enabled,
      Integer batchSize,
      Integer batchingWindowSeconds,
      FilterCriteria filterCriteria,
      List<String> functionResponseTypes,
      ScalingConfig scalingConfig,
      DestinationConfig destinationConfig,
      Integer parallelizationFactor,
      Integer maximumRetryAttempts,
      Integer maximumRecordAgeSeconds,
      Boolean bisectBatchOnFunctionError,
      Integer tumblingWindowSeconds) {

    static Changes of(CreateEventSourceMappingRequest request) {
      return new Changes(
          request.functionName(),
          request.enabled(),
          request.batchSize(),
          request.maximumBatchingWindowInSeconds(),
          request.filterCriteria(),
          request.hasFunctionResponseTypes() ? request.functionResponseTypesAsStrings() : null,
          request.scalingConfig(),
          request.destinationConfig(),
          request.parallelizationFactor(),
          request.maximumRetryAttempts(),
          request.maximumRecordAgeInSeconds(),
          request.bisectBatchOnFunctionError(),
          request.tumblingWindowInSeconds());
    }

    static Changes of(UpdateEventSourceMappingRequest request) {
      return new Changes(
          request.functionName(),
          request.enabled(),
          request.batchSize(),
          request.maximumBatchingWindowInSeconds(),
          request.filterCriteria(),
          request.hasFunctionResponseTypes() ? request.functionResponseTypesAsStrings() : null,
          request.scalingConfig(),
          request.destinationConfig(),
          request.parallelizationFactor(),
          request.maximumRetryAttempts(),
          request.maximumRecordAgeInSeconds(),
          request.bisectBatchOnFunctionError(),
          request.tumblingWindowInSeconds());
    }
  }

  // ---- the API

  /**
   * Creates a mapping; it answers {@code Creating}, or {@code Disabled} when not enabled.
   *
   * @param baseUrl the stack as the caller reaches it, for the envelopes of on-failure topics
   */
  synchronized EventSourceMappingConfiguration create(
      Scope caller, String baseUrl, CreateEventSourceMappingRequest request) {
    Changes changes = Changes.of(request);
    checkMembers(changes, request.startingPositionAsString());
    String sourceArn = request.eventSourceArn();
    if (sourceArn == null) {
      throw LambdaErrors.invalidParameter("Unrecognized event source.");
    }
    String service = Arn.parse(sourceArn).map(Arn::service).orElse("");
    return switch (service) {
      case "sqs" -> createSqs(caller, request, changes);
      case "kinesis" -> createKinesis(caller, baseUrl, request, changes);
      default ->
          throw LambdaErrors.invalidParameter(
              "Unsupported event source: "
                  + sourceArn
                  + ". The stack maps SQS queues and Kinesis streams to functions; other sources"
                  + " are not implemented.");
    };
  }

  private EventSourceMappingConfiguration createSqs(
      Scope caller, CreateEventSourceMappingRequest request, Changes changes) {
    String queueArn = request.eventSourceArn();
    if (request.startingPositionAsString() != null || request.startingPositionTimestamp() != null) {
      throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
    }
    if (changes.functionName() == null) {
      throw LambdaErrors.required("functionName");
    }
    refuseStreamSettings(changes);
    SqsEventSource.Settings settings = settings(caller, SqsEventSource.Settings.DEFAULTS, changes);
    SqsEngine.SourceQueue queue = sourceQueue(queueArn);
    checkQueue(queue, settings);
    for (EventSource existing : mappings.in(caller)) {
      if (existing.eventSourceArn().equals(queueArn)
          && existing.function().qualifiedArn().equals(settings.functionArn())) {
        throw LambdaErrors.conflict(
            "An event source mapping with SQS arn (\" "
                + queueArn
                + " \") and function (\" "
                + settings.function().name()
                + " \") already exists. Please update or delete the existing mapping with UUID "
                + existing.uuid());
      }
    }
    String uuid = Ids.randomUuid();
    SqsEventSource mapping =
        new SqsEventSource(
            uuid,
            caller,
            mappings.arn(caller, uuid).toString(),
            queueArn,
            settings,
            engine,
            sqs.get(),
            bus);
    mappings.putIfAbsent(new ScopedResources.Key(caller, uuid), mapping);
    mapping.apply(settings);
    return mapping.configuration(settings.enabled() ? "Creating" : "Disabled");
  }

  private EventSourceMappingConfiguration createKinesis(
      Scope caller, String baseUrl, CreateEventSourceMappingRequest request, Changes changes) {
    String sourceArn = request.eventSourceArn();
    String position = request.startingPositionAsString();
    if (position == null) {
      throw LambdaErrors.invalidParameter(
          "1 validation error detected: Value null at 'startingPosition' failed to satisfy"
              + " constraint: Member must not be null.");
    }
    Instant timestamp = request.startingPositionTimestamp();
    if (position.equals("AT_TIMESTAMP") && timestamp == null) {
      throw LambdaErrors.invalidParameter("Need to specify a timestamp");
    }
    if (changes.functionName() == null) {
      throw LambdaErrors.required("functionName");
    }
    refuseQueueSettings(changes);
    KinesisEventSource.Settings settings =
        kinesisSettings(caller, KinesisEventSource.Settings.DEFAULTS, changes);
    KinesisEngine streams = sourceStream(sourceArn);
    for (EventSource existing : mappings.in(caller)) {
      if (existing.eventSourceArn().equals(sourceArn)
          && existing.function().qualifiedArn().equals(settings.functionArn())) {
        throw LambdaErrors.conflict(
            "The event source arn (\" "
                + sourceArn
                + " \") and function (\" "
                + settings.function().name()
                + " \") provided mapping already exists. Please update or delete the existing"
                + " mapping with UUID "
                + existing.uuid());
      }
    }
    String uuid = Ids.randomUuid();
    KinesisEventSource mapping =
        new KinesisEventSource(
            uuid,
            caller,
            mappings.arn(caller, uuid).toString(),
            sourceArn,
            position,
            position.equals("AT_TIMESTAMP") ? timestamp : null,
            settings,
            engine,
            streams,
            bus,
            (destination, sender, record) -> sendOnFailure(destination, sender, record, baseUrl));
    mappings.putIfAbsent(new ScopedResources.Key(caller, uuid), mapping);
    mapping.position();
    mapping.apply(settings);
    return mapping.configuration(settings.enabled() ? "Creating" : "Disabled");
  }

  EventSourceMappingConfiguration get(Scope caller, String uuid) {
    EventSource mapping = mapping(caller, uuid);
    return mapping.configuration(mapping.enabled() ? "Enabled" : "Disabled");
  }

  /**
   * Changes a mapping; it answers {@code Enabling} or {@code Disabling} when {@code Enabled} flips
   * it, else {@code Updating}.
   */
  synchronized EventSourceMappingConfiguration update(
      Scope caller, UpdateEventSourceMappingRequest request) {
    Changes changes = Changes.of(request);
    checkMembers(changes, null);
    EventSource mapping = mapping(caller, request.uuid());
    boolean before = mapping.enabled();
    if (mapping instanceof SqsEventSource queueMapping) {
      refuseStreamSettings(changes);
      SqsEventSource.Settings after = settings(caller, queueMapping.settings(), changes);
      checkQueue(sourceQueue(queueMapping.queueArn), after);
      queueMapping.apply(after);
    } else if (mapping instanceof KinesisEventSource streamMapping) {
      refuseQueueSettings(changes);
      streamMapping.apply(kinesisSettings(caller, streamMapping.settings(), changes));
    }
    boolean after = mapping.enabled();
    String state = before == after ? "Updating" : after ? "Enabling" : "Disabling";
    return mapping.configuration(state);
  }

  /** Deletes a mapping; it answers {@code Deleting}. */
  synchronized EventSourceMappingConfiguration delete(Scope caller, String uuid) {
    EventSource mapping = mapping(caller, uuid);
    mappings.remove(new ScopedResources.Key(caller, uuid), mapping);
    mapping.close();
    return mapping.configuration("Deleting");
  }

  /**
   * The mappings of one account and region, of one source and one function if asked: an unqualified
   * function name matches its mappings of every version and alias.
   */
  List<EventSourceMappingConfiguration> list(
      Scope caller, String eventSourceArn, String functionName) {
    FunctionRef function =
        functionName == null
            ? null
            : FunctionRef.parse(FunctionRef.Form.PLAIN, "functionName", functionName, null, caller);
    return mappings.in(caller).stream()
        .filter(
            mapping -> eventSourceArn == null || mapping.eventSourceArn().equals(eventSourceArn))
        .filter(
            mapping -> {
              if (function == null) {
                return true;
              }
              FunctionRef mapped = mapping.function();
              return function.qualifier() == null
                  ? mapped.arn().equals(function.arn())
                  : mapped.qualifiedArn().equals(function.qualifiedArn());
            })
        .map(mapping -> mapping.configuration(mapping.enabled() ? "Enabled" : "Disabled"))
        .toList();
  }

  /**
   * Sends a stream mapping's record of a discarded batch to its on-failure destination: a topic
   * through SNS's Publish, a queue through the delivery bus. What cannot arrive is logged, as
   * Lambda reports it only in its metrics.
   */
  private void sendOnFailure(String destination, String sender, String record, String baseUrl) {
    String service = Arn.parse(destination).map(Arn::service).orElse("");
    if (service.equals("sns")) {
      try {
        sns.get().publish(destination, record, baseUrl);
      } catch (AwsErrorException | IllegalArgumentException unreachable) {
        LOG.warn(
            "On-failure destination {} is unreachable: {}", destination, unreachable.getMessage());
      }
      return;
    }
    if (bus == null) {
      return;
    }
    bus.deliver(destination, Delivery.of(Ids.randomUuid(), sender, record))
        .thenAccept(
            outcome -> {
              if (!(outcome instanceof DeliveryOutcome.Delivered)) {
                LOG.warn("On-failure destination {} is unreachable: {}", destination, outcome);
              }
            });
  }

  /** Stops and forgets every mapping. */
  synchronized void reset() {
    mappings.clear().forEach(EventSource::close);
  }

  private EventSource mapping(Scope caller, String uuid) {
    EventSource mapping = uuid == null ? null : mappings.get(caller, uuid);
    if (mapping == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return mapping;
  }

  // ---- checks, in the order AWS makes them

  /** The members' modelled constraints, which Lambda checks before anything else. */
  private static void checkMembers(Changes changes, String startingPosition) {
    Integer concurrency =
        changes.scalingConfig() == null ? null : changes.scalingConfig().maximumConcurrency();
    // One at a time: a mapping's first broken constraint is the one reported.
    LambdaErrors.requireInRange("batchSize", changes.batchSize(), 1, MAX_BATCH_SIZE);
    LambdaErrors.requireInRange(
        "maximumBatchingWindowInSeconds", changes.batchingWindowSeconds(), 0, 300);
    LambdaErrors.requireInRange("parallelizationFactor", changes.parallelizationFactor(), 1, 10);
    LambdaErrors.requireInRange(
        "maximumRecordAgeInSeconds", changes.maximumRecordAgeSeconds(), -1, 604_800);
    LambdaErrors.requireInRange("maximumRetryAttempts", changes.maximumRetryAttempts(), -1, 10_000);
    LambdaErrors.requireInRange("tumblingWindowInSeconds", changes.tumblingWindowSeconds(), 0, 900);
    LambdaErrors.requireInRange("scalingConfig.maximumConcurrency", concurrency, 2, 1000);
    if (startingPosition != null && !STARTING_POSITIONS.contains(startingPosition)) {
      throw LambdaErrors.validation(
          "startingPosition",
          startingPosition,
          "Member must satisfy enum value set: [" + String.join(", ", STARTING_POSITIONS) + "]");
    }
    if (changes.functionResponseTypes() != null) {
      for (String type : changes.functionResponseTypes()) {
        if (!FUNCTION_RESPONSE_TYPE.equals(type)) {
          throw LambdaErrors.validation(
              "functionResponseTypes",
              changes.functionResponseTypes(),
              "Member must satisfy constraint: [Member must satisfy enum value set: ["
                  + FUNCTION_RESPONSE_TYPE
                  + "]]");
        }
      }
    }
  }

  /** What a queue's mapping refuses: the settings of stream sources. */
  private static void refuseStreamSettings(Changes changes) {
    refuse("DestinationConfig", changes.destinationConfig());
    refuse("ParallelizationFactor", changes.parallelizationFactor());
    refuse("MaximumRetryAttempts", changes.maximumRetryAttempts());
    refuse("MaximumRecordAgeInSeconds", changes.maximumRecordAgeSeconds());
    refuse("BisectBatchOnFunctionError", changes.bisectBatchOnFunctionError());
    refuse("TumblingWindowInSeconds", changes.tumblingWindowSeconds());
  }

  /** What a stream's mapping refuses: the settings of queue sources. */
  private static void refuseQueueSettings(Changes changes) {
    refuse("ScalingConfig", changes.scalingConfig());
  }

  private static void refuse(String parameter, Object value) {
    if (value != null) {
      throw LambdaErrors.invalidParameter(
          "Unsupported " + parameter + " parameter for given event source mapping type.");
    }
  }

  /** {@code before} with {@code changes}, checked as Lambda checks a mapping's settings. */
  private SqsEventSource.Settings settings(
      Scope caller, SqsEventSource.Settings before, Changes changes) {
    int batchSize = changes.batchSize() != null ? changes.batchSize() : before.batchSize();
    int window =
        changes.batchingWindowSeconds() != null
            ? changes.batchingWindowSeconds()
            : before.batchingWindowSeconds();
    if (batchSize > SqsEventSource.MAX_BATCH_SIZE_WITHOUT_WINDOW && window < 1) {
      throw LambdaErrors.invalidParameter(
          "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater"
              + " than 10");
    }
    FilterCriteria filterCriteria =
        changes.filterCriteria() != null ? changes.filterCriteria() : before.filterCriteria();
    EventFilter filter =
        changes.filterCriteria() != null ? EventFilter.of(filterCriteria) : before.filter();
    FunctionRef function =
        changes.functionName() != null
            ? existingFunction(caller, changes.functionName())
            : before.function();
    boolean reportBatchItemFailures =
        changes.functionResponseTypes() != null
            ? changes.functionResponseTypes().contains(FUNCTION_RESPONSE_TYPE)
            : before.reportBatchItemFailures();
    // A ScalingConfig without a limit removes the limit.
    Integer maximumConcurrency =
        changes.scalingConfig() != null
            ? changes.scalingConfig().maximumConcurrency()
            : before.maximumConcurrency();
    return new SqsEventSource.Settings(
        function,
        changes.enabled() != null ? changes.enabled() : before.enabled(),
        batchSize,
        window,
        reportBatchItemFailures,
        filterCriteria,
        filter,
        maximumConcurrency,
        engine.clock.now());
  }

  /** {@code before} with {@code changes}, checked as Lambda checks a stream mapping's settings. */
  private KinesisEventSource.Settings kinesisSettings(
      Scope caller, KinesisEventSource.Settings before, Changes changes) {
    String onFailure = before.onFailure();
    DestinationConfig destinations = changes.destinationConfig();
    if (destinations != null) {
      OnSuccess onSuccess = destinations.onSuccess();
      if (onSuccess != null && onSuccess.destination() != null) {
        throw LambdaErrors.invalidParameter(
            "Unsupported DestinationConfig parameter for given event source mapping type.");
      }
      OnFailure failure = destinations.onFailure();
      onFailure =
          failure == null || failure.destination() == null || failure.destination().isEmpty()
              ? null
              : failure.destination();
      String service = onFailure == null ? "" : Arn.parse(onFailure).map(Arn::service).orElse("");
      if (onFailure != null && !service.equals("sqs") && !service.equals("sns")) {
        throw LambdaErrors.invalidParameter(
            "The provided destination config DestinationConfig(onSuccess=null,"
                + " onFailure=OnFailure(destination="
                + onFailure
                + ")) is invalid.");
      }
    }
    if (changes.tumblingWindowSeconds() != null && changes.tumblingWindowSeconds() > 0) {
      throw LambdaErrors.invalidParameter(
          "TumblingWindowInSeconds is not supported: the stack's Kinesis event source mappings do"
              + " not implement tumbling windows.");
    }
    Integer age = changes.maximumRecordAgeSeconds();
    if (age != null && age != -1 && age < 60) {
      throw LambdaErrors.invalidParameter(
          "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800"
              + " (inclusive)");
    }
    FilterCriteria filterCriteria =
        changes.filterCriteria() != null ? changes.filterCriteria() : before.filterCriteria();
    EventFilter filter =
        changes.filterCriteria() != null ? EventFilter.of(filterCriteria) : before.filter();
    FunctionRef function =
        changes.functionName() != null
            ? existingFunction(caller, changes.functionName())
            : before.function();
    return new KinesisEventSource.Settings(
        function,
        orElse(changes.enabled(), before.enabled()),
        orElse(changes.batchSize(), before.batchSize()),
        orElse(changes.batchingWindowSeconds(), before.batchingWindowSeconds()),
        orElse(changes.parallelizationFactor(), before.parallelizationFactor()),
        orElse(changes.maximumRetryAttempts(), before.maximumRetryAttempts()),
        orElse(age, before.maximumRecordAgeSeconds()),
        orElse(changes.bisectBatchOnFunctionError(), before.bisectBatchOnFunctionError()),
        changes.functionResponseTypes() != null
            ? changes.functionResponseTypes().contains(FUNCTION_RESPONSE_TYPE)
            : before.reportBatchItemFailures(),
        filterCriteria,
        filter,
        onFailure,
        engine.clock.now());
  }

  private static <T> T orElse(T value, T otherwise) {
    return value != null ? value : otherwise;
  }

  /**
   * The Kinesis engine, once the stream or consumer a mapping names is known to exist; Lambda
   * reports a missing one as not found.
   */
  private KinesisEngine sourceStream(String sourceArn) {
    try {
      KinesisEngine streams = kinesis.get();
      streams.sourceStream(sourceArn);
      return streams;
    } catch (AwsErrorException | IllegalArgumentException missing) {
      // Not there, or the stack does not run Kinesis: no stream exists.
      throw LambdaErrors.invalidParameter("Stream not found: " + sourceArn);
    }
  }

  /** The function (and version or alias) a mapping names, which must exist. */
  private FunctionRef existingFunction(Scope caller, String functionName) {
    FunctionRef ref =
        FunctionRef.parse(FunctionRef.Form.PLAIN, "functionName", functionName, null, caller);
    LambdaFunction function = engine.functionByArn(ref.arn());
    if (function == null || function.resolve(ref.qualifier(), 0) == null) {
      throw LambdaErrors.invalidParameter("Function does not exist");
    }
    return ref;
  }

  /** The queue a mapping reads; Lambda reports a missing one as its failed ReceiveMessage. */
  private SqsEngine.SourceQueue sourceQueue(String queueArn) {
    try {
      return sqs.get().sourceQueue(queueArn);
    } catch (AwsErrorException missing) {
      throw sqsError(missing.queryCode(), missing.getMessage());
    } catch (IllegalArgumentException notRun) {
      // The stack does not run SQS: no queue exists.
      throw sqsError(
          "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }
  }

  private static AwsErrorException sqsError(String code, String message) {
    return LambdaErrors.invalidParameter(
        "Error occurred while ReceiveMessage. SQS Error Code: "
            + code
            + ". SQS Error Message: "
            + message);
  }

  /** What Lambda requires of the queue: no batching window on FIFO, time for the function. */
  private void checkQueue(SqsEngine.SourceQueue queue, SqsEventSource.Settings settings) {
    if (queue.fifo() && settings.batchingWindowSeconds() > 0) {
      throw LambdaErrors.invalidParameter("Batching window is not supported for FIFO queues");
    }
    int functionTimeout = functionTimeoutSeconds(settings.function());
    if (queue.visibilityTimeoutSeconds() < functionTimeout) {
      throw LambdaErrors.invalidParameter(
          "Queue visibility timeout: "
              + queue.visibilityTimeoutSeconds()
              + " seconds is less than Function timeout: "
              + functionTimeout
              + " seconds");
    }
  }

  private int functionTimeoutSeconds(FunctionRef ref) {
    LambdaFunction function = engine.functionByArn(ref.arn());
    LambdaFunction.Version version = function == null ? null : function.resolve(ref.qualifier(), 0);
    Integer timeout = version == null ? null : version.configuration().timeout();
    return timeout == null ? LambdaEngine.DEFAULT_TIMEOUT_SECONDS : timeout;
  }
}
