package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;

/**
 * Lambda's event source mappings: what CreateEventSourceMapping and its siblings accept, with AWS's
 * checks and errors, and the mappings themselves, each an {@link SqsEventSource} polling its queue.
 * They belong to the {@link LambdaEngine}; a reset forgets them. Deleting a mapping's function or
 * queue leaves the mapping, as AWS does; it reads nothing until they are back.
 */
final class EventSourceMappings {

  private static final String FUNCTION_RESPONSE_TYPE = "ReportBatchItemFailures";

  private final LambdaEngine engine;
  private final Supplier<SqsEngine> sqs;
  private final DeliveryBus bus;
  private final ScopedResources<SqsEventSource> mappings =
      new ScopedResources<>("lambda", "event-source-mapping:");

  /**
   * @param sqs the stack's SQS engine, looked up on first use (the SQS classes load only then);
   *     throws {@link IllegalArgumentException} when the stack does not run SQS
   */
  EventSourceMappings(LambdaEngine engine, Supplier<SqsEngine> sqs, DeliveryBus bus) {
    this.engine = engine;
    this.sqs = sqs;
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
      DestinationConfig destinationConfig) {

    static Changes of(CreateEventSourceMappingRequest request) {
      return new Changes(
          request.functionName(),
          request.enabled(),
          request.batchSize(),
          request.maximumBatchingWindowInSeconds(),
          request.filterCriteria(),
          request.hasFunctionResponseTypes() ? request.functionResponseTypesAsStrings() : null,
          request.scalingConfig(),
          request.destinationConfig());
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
          request.destinationConfig());
    }
  }

  // ---- the API

  /** Creates a mapping; it answers {@code Creating}, or {@code Disabled} when not enabled. */
  synchronized EventSourceMappingConfiguration create(
      Scope caller, CreateEventSourceMappingRequest request) {
    Changes changes = Changes.of(request);
    checkMembers(changes);
    String queueArn = request.eventSourceArn();
    if (queueArn == null) {
      throw LambdaErrors.invalidParameter("Unrecognized event source.");
    }
    String service = Arn.parse(queueArn).map(Arn::service).orElse("");
    if (!service.equals("sqs")) {
      throw LambdaErrors.invalidParameter(
          "Unsupported event source: "
              + queueArn
              + ". The stack maps SQS queues to functions; other sources are not implemented.");
    }
    if (request.startingPosition() != null || request.startingPositionTimestamp() != null) {
      throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
    }
    if (changes.functionName() == null) {
      throw LambdaErrors.required("functionName");
    }
    SqsEventSource.Settings settings = settings(caller, SqsEventSource.Settings.DEFAULTS, changes);
    SqsEngine.SourceQueue queue = sourceQueue(queueArn);
    checkQueue(queue, settings);
    for (SqsEventSource existing : mappings.in(caller)) {
      if (existing.queueArn.equals(queueArn)
          && existing.settings().functionArn().equals(settings.functionArn())) {
        throw LambdaErrors.conflict(
            "An event source mapping with SQS arn (\" "
                + queueArn
                + " \") and function (\" "
                + settings.function().name()
                + " \") already exists. Please update or delete the existing mapping with UUID "
                + existing.uuid);
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

  EventSourceMappingConfiguration get(Scope caller, String uuid) {
    SqsEventSource mapping = mapping(caller, uuid);
    return mapping.configuration(mapping.settings().enabled() ? "Enabled" : "Disabled");
  }

  /**
   * Changes a mapping; it answers {@code Enabling} or {@code Disabling} when {@code Enabled} flips
   * it, else {@code Updating}.
   */
  synchronized EventSourceMappingConfiguration update(
      Scope caller, UpdateEventSourceMappingRequest request) {
    Changes changes = Changes.of(request);
    checkMembers(changes);
    SqsEventSource mapping = mapping(caller, request.uuid());
    SqsEventSource.Settings before = mapping.settings();
    SqsEventSource.Settings after = settings(caller, before, changes);
    checkQueue(sourceQueue(mapping.queueArn), after);
    mapping.apply(after);
    String state =
        before.enabled() == after.enabled()
            ? "Updating"
            : after.enabled() ? "Enabling" : "Disabling";
    return mapping.configuration(state);
  }

  /** Deletes a mapping; it answers {@code Deleting}. */
  synchronized EventSourceMappingConfiguration delete(Scope caller, String uuid) {
    SqsEventSource mapping = mapping(caller, uuid);
    mappings.remove(new ScopedResources.Key(caller, uuid), mapping);
    mapping.close();
    return mapping.configuration("Deleting");
  }

  /**
   * The mappings of one account and region, of one queue and one function if asked: an unqualified
   * function name matches its mappings of every version and alias.
   */
  List<EventSourceMappingConfiguration> list(
      Scope caller, String eventSourceArn, String functionName) {
    FunctionRef function =
        functionName == null
            ? null
            : FunctionRef.parse(FunctionRef.Form.PLAIN, "functionName", functionName, null, caller);
    return mappings.in(caller).stream()
        .filter(mapping -> eventSourceArn == null || mapping.queueArn.equals(eventSourceArn))
        .filter(
            mapping -> {
              if (function == null) {
                return true;
              }
              FunctionRef mapped = mapping.settings().function();
              return function.qualifier() == null
                  ? mapped.arn().equals(function.arn())
                  : mapped.qualifiedArn().equals(function.qualifiedArn());
            })
        .map(
            mapping -> mapping.configuration(mapping.settings().enabled() ? "Enabled" : "Disabled"))
        .toList();
  }

  /** Stops and forgets every mapping. */
  synchronized void reset() {
    mappings.clear().forEach(SqsEventSource::close);
  }

  private SqsEventSource mapping(Scope caller, String uuid) {
    SqsEventSource mapping = uuid == null ? null : mappings.get(caller, uuid);
    if (mapping == null) {
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    return mapping;
  }

  // ---- checks, in the order AWS makes them

  /** The members' modelled constraints, which Lambda checks before anything else. */
  private static void checkMembers(Changes changes) {
    Integer concurrency =
        changes.scalingConfig() == null ? null : changes.scalingConfig().maximumConcurrency();
    // One at a time: a mapping's first broken constraint is the one reported.
    LambdaErrors.requireInRange("batchSize", changes.batchSize(), 1, SqsEventSource.MAX_BATCH_SIZE);
    LambdaErrors.requireInRange(
        "maximumBatchingWindowInSeconds", changes.batchingWindowSeconds(), 0, 300);
    LambdaErrors.requireInRange("scalingConfig.maximumConcurrency", concurrency, 2, 1000);
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
    if (changes.destinationConfig() != null) {
      throw LambdaErrors.invalidParameter(
          "Unsupported DestinationConfig parameter for given event source mapping type.");
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
