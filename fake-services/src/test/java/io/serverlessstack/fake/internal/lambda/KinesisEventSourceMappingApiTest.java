package io.serverlessstack.fake.internal.lambda;

import static io.serverlessstack.fake.internal.lambda.EventSourceMappingApiTest.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;

/**
 * Event source mappings from Kinesis streams, created, read, changed, listed and deleted through
 * the real {@link LambdaClient}, with the answers and errors AWS gives (as AWS's documentation and
 * recorded answers show them, e.g. LocalStack's validated {@code
 * test_lambda_integration_kinesis.snapshot.json}).
 */
class KinesisEventSourceMappingApiTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String CONSUMER = "io.serverlessstack.fake.handlers.StreamFailer";

  static String functionArn(String name) {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
  }

  static String streamArn(String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  static CreateEventSourceMappingResponse map(
      String stream, String function, Consumer<CreateEventSourceMappingRequest.Builder> more) {
    return stack
        .lambda()
        .createEventSourceMapping(
            request ->
                more.accept(
                    request
                        .eventSourceArn(streamArn(stream))
                        .functionName(function)
                        .startingPosition(EventSourcePosition.LATEST)));
  }

  static void createStream(String name) {
    stack.kinesis().createStream(b -> b.streamName(name).shardCount(1));
  }

  @Test
  void aNewMappingAnswersCreatingWithKinesisDefaultsAndIsEnabledAfter() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");

    CreateEventSourceMappingResponse created = map("orders", "consumer", r -> {});

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(created.uuid()).matches("[0-9a-f-]{36}");
    assertThat(created.eventSourceMappingArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
    assertThat(created.eventSourceArn()).isEqualTo(streamArn("orders"));
    assertThat(created.functionArn()).isEqualTo(functionArn("consumer"));
    assertThat(created.startingPosition()).isEqualTo(EventSourcePosition.LATEST);
    assertThat(created.startingPositionTimestamp()).isNull();
    assertThat(created.batchSize()).isEqualTo(100);
    assertThat(created.maximumBatchingWindowInSeconds()).isZero();
    assertThat(created.parallelizationFactor()).isEqualTo(1);
    assertThat(created.maximumRetryAttempts()).isEqualTo(-1);
    assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(-1);
    assertThat(created.bisectBatchOnFunctionError()).isFalse();
    assertThat(created.tumblingWindowInSeconds()).isZero();
    assertThat(created.destinationConfig().onFailure().destination()).isNull();
    assertThat(created.destinationConfig().onSuccess()).isNull();
    assertThat(created.hasFunctionResponseTypes()).isTrue();
    assertThat(created.functionResponseTypes()).isEmpty();
    assertThat(created.filterCriteria()).isNull();
    assertThat(created.scalingConfig()).isNull();
    assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
    assertThat(created.state()).isEqualTo("Creating");
    assertThat(created.stateTransitionReason()).isEqualTo("User action");
    assertThat(created.lastModified()).isEqualTo(stack.now());

    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid())).state())
        .isEqualTo("Enabled");
  }

  @Test
  void settingsGivenAtCreationAreAnsweredBackAndUpdatesChangeThem() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");
    String failures = stack.createQueue("failures");
    Instant from = stack.now().minusSeconds(60);

    CreateEventSourceMappingResponse created =
        map(
            "orders",
            "consumer",
            r ->
                r.startingPosition(EventSourcePosition.AT_TIMESTAMP)
                    .startingPositionTimestamp(from)
                    .batchSize(500)
                    .maximumBatchingWindowInSeconds(30)
                    .parallelizationFactor(5)
                    .maximumRetryAttempts(3)
                    .maximumRecordAgeInSeconds(3600)
                    .bisectBatchOnFunctionError(true)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .filterCriteria(
                        f ->
                            f.filters(
                                Filter.builder().pattern("{\"data\":{\"kind\":[\"a\"]}}").build()))
                    .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));

    GetEventSourceMappingResponse got =
        stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid()));
    assertThat(got.startingPosition()).isEqualTo(EventSourcePosition.AT_TIMESTAMP);
    assertThat(got.startingPositionTimestamp()).isEqualTo(from);
    assertThat(got.batchSize()).isEqualTo(500);
    assertThat(got.maximumBatchingWindowInSeconds()).isEqualTo(30);
    assertThat(got.parallelizationFactor()).isEqualTo(5);
    assertThat(got.maximumRetryAttempts()).isEqualTo(3);
    assertThat(got.maximumRecordAgeInSeconds()).isEqualTo(3600);
    assertThat(got.bisectBatchOnFunctionError()).isTrue();
    assertThat(got.functionResponseTypes())
        .containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
    assertThat(got.filterCriteria().filters().get(0).pattern())
        .isEqualTo("{\"data\":{\"kind\":[\"a\"]}}");
    assertThat(got.destinationConfig().onFailure().destination()).isEqualTo(stack.arn(failures));

    UpdateEventSourceMappingResponse updated =
        stack
            .lambda()
            .updateEventSourceMapping(
                r ->
                    r.uuid(created.uuid())
                        .maximumRetryAttempts(-1)
                        .parallelizationFactor(1)
                        .bisectBatchOnFunctionError(false)
                        .destinationConfig(d -> d.onFailure(f -> f.destination(null))));
    assertThat(updated.state()).isEqualTo("Updating");
    assertThat(updated.maximumRetryAttempts()).isEqualTo(-1);
    assertThat(updated.parallelizationFactor()).isEqualTo(1);
    assertThat(updated.bisectBatchOnFunctionError()).isFalse();
    assertThat(updated.destinationConfig().onFailure().destination()).isNull();
    assertThat(updated.batchSize()).isEqualTo(500); // unchanged
    assertThat(updated.startingPosition()).isEqualTo(EventSourcePosition.AT_TIMESTAMP);

    assertThat(
            stack
                .lambda()
                .updateEventSourceMapping(r -> r.uuid(created.uuid()).enabled(false))
                .state())
        .isEqualTo("Disabling");
    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid())).state())
        .isEqualTo("Disabled");
  }

  @Test
  void mappingsAreListedByStreamAndFunctionAndDeleted() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    TestFunctions.create(stack, "auditor", CONSUMER);
    createStream("orders");
    createStream("payments");
    String orders = map("orders", "consumer", r -> {}).uuid();
    String audit = map("orders", "auditor", r -> {}).uuid();
    String payments = map("payments", "consumer", r -> {}).uuid();
    LambdaClient lambda = stack.lambda();

    assertThat(uuids(lambda.listEventSourceMappings(r -> r.eventSourceArn(streamArn("orders")))))
        .containsExactlyInAnyOrder(orders, audit);
    assertThat(uuids(lambda.listEventSourceMappings(r -> r.functionName("consumer"))))
        .containsExactlyInAnyOrder(orders, payments);
    assertThat(lambda.deleteEventSourceMapping(r -> r.uuid(orders)).state()).isEqualTo("Deleting");
    assertThat(uuids(lambda.listEventSourceMappings(r -> {})))
        .containsExactlyInAnyOrder(audit, payments);
  }

  static List<String> uuids(
      software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse response) {
    return response.eventSourceMappings().stream()
        .map(EventSourceMappingConfiguration::uuid)
        .toList();
  }

  // ---- errors

  @Test
  void aStreamNeedsAStartingPositionAndAtTimestampATimestamp() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");

    assertThatThrownBy(
            () ->
                stack
                    .lambda()
                    .createEventSourceMapping(
                        r -> r.eventSourceArn(streamArn("orders")).functionName("consumer")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value null at 'startingPosition' failed to satisfy"
                + " constraint: Member must not be null.");
    assertThatThrownBy(
            () ->
                map(
                    "orders",
                    "consumer",
                    r -> r.startingPosition(EventSourcePosition.AT_TIMESTAMP)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Need to specify a timestamp");
    assertValidationError(
        () -> map("orders", "consumer", r -> r.startingPosition("EARLIEST")),
        "1 validation error detected: Value 'EARLIEST' at 'startingPosition' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP,"
            + " TRIM_HORIZON]");
  }

  @Test
  void streamSettingsOutsideTheModelAreValidationErrors() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");

    assertValidationError(
        () -> map("orders", "consumer", r -> r.parallelizationFactor(11)),
        "1 validation error detected: Value '11' at 'parallelizationFactor' failed to satisfy"
            + " constraint: Member must have value less than or equal to 10");
    assertValidationError(
        () -> map("orders", "consumer", r -> r.maximumRetryAttempts(-2)),
        "1 validation error detected: Value '-2' at 'maximumRetryAttempts' failed to satisfy"
            + " constraint: Member must have value greater than or equal to -1");
    assertValidationError(
        () -> map("orders", "consumer", r -> r.maximumRecordAgeInSeconds(604_801)),
        "1 validation error detected: Value '604801' at 'maximumRecordAgeInSeconds' failed to"
            + " satisfy constraint: Member must have value less than or equal to 604800");
    assertValidationError(
        () -> map("orders", "consumer", r -> r.batchSize(10_001)),
        "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
  }

  @Test
  void aRecordAgeUnderAMinuteIsRefusedAsAwsRefusesIt() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");

    assertThatThrownBy(() -> map("orders", "consumer", r -> r.maximumRecordAgeInSeconds(30)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800"
                + " (inclusive)");
    String uuid = map("orders", "consumer", r -> r.maximumRecordAgeInSeconds(60)).uuid();
    assertThatThrownBy(
            () ->
                stack
                    .lambda()
                    .updateEventSourceMapping(r -> r.uuid(uuid).maximumRecordAgeInSeconds(0)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("MaximumRecordAgeInSeconds must be either -1 (forever)");
  }

  @Test
  void onFailureDestinationsAreQueuesOrTopicsAndOnSuccessIsNotForStreams() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");

    assertThatThrownBy(
            () ->
                map(
                    "orders",
                    "consumer",
                    r ->
                        r.destinationConfig(
                            d ->
                                d.onSuccess(
                                    s ->
                                        s.destination("arn:aws:sqs:us-east-1:000000000000:done")))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Unsupported DestinationConfig parameter for given event source mapping type.");
    assertThatThrownBy(
            () ->
                map(
                    "orders",
                    "consumer",
                    r ->
                        r.destinationConfig(
                            d -> d.onFailure(f -> f.destination(functionArn("consumer"))))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "The provided destination config DestinationConfig(onSuccess=null,"
                + " onFailure=OnFailure(destination="
                + functionArn("consumer")
                + ")) is invalid.");
    assertThat(
            map(
                    "orders",
                    "consumer",
                    r ->
                        r.destinationConfig(
                            d ->
                                d.onFailure(
                                    f ->
                                        f.destination(
                                            "arn:aws:sns:us-east-1:000000000000:alarms"))))
                .destinationConfig()
                .onFailure()
                .destination())
        .isEqualTo("arn:aws:sns:us-east-1:000000000000:alarms");
  }

  @Test
  void settingsOfTheOtherKindOfSourceAreRefused() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");
    String queue = stack.createQueue("jobs");

    assertThatThrownBy(
            () -> map("orders", "consumer", r -> r.scalingConfig(s -> s.maximumConcurrency(5))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Unsupported ScalingConfig parameter for given event source mapping type.");
    assertThatThrownBy(
            () ->
                stack
                    .lambda()
                    .createEventSourceMapping(
                        r ->
                            r.eventSourceArn(stack.arn(queue))
                                .functionName("consumer")
                                .parallelizationFactor(2)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Unsupported ParallelizationFactor parameter for given event source mapping type.");
    assertThatThrownBy(() -> map("orders", "consumer", r -> r.tumblingWindowInSeconds(60)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("TumblingWindowInSeconds is not supported");
  }

  @Test
  void anUnknownStreamOrConsumerIsNotFoundAndAnUnknownFunctionComesFirst() {
    assertThatThrownBy(() -> map("missing", "nobody", r -> {}))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Function does not exist");
    TestFunctions.create(stack, "consumer", CONSUMER);

    assertThatThrownBy(() -> map("missing", "consumer", r -> {}))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Stream not found: " + streamArn("missing"));
    createStream("orders");
    String consumerArn = streamArn("orders") + "/consumer/nobody:1893456000";
    assertThatThrownBy(
            () ->
                stack
                    .lambda()
                    .createEventSourceMapping(
                        r ->
                            r.eventSourceArn(consumerArn)
                                .functionName("consumer")
                                .startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Stream not found: " + consumerArn);
  }

  @Test
  void aSecondMappingOfTheSameStreamAndFunctionConflicts() {
    TestFunctions.create(stack, "consumer", CONSUMER);
    createStream("orders");
    String uuid = map("orders", "consumer", r -> {}).uuid();

    assertThatThrownBy(() -> map("orders", "consumer", r -> {}))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith(
            "The event source arn (\" "
                + streamArn("orders")
                + " \") and function (\" consumer \") provided mapping already exists. Please"
                + " update or delete the existing mapping with UUID "
                + uuid);
  }
}
