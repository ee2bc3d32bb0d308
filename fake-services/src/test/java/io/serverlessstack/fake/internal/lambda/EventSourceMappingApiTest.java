package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;

/**
 * Event source mappings from SQS queues, created, read, changed, listed and deleted through the
 * real {@link LambdaClient}, with the answers and errors AWS gives (as recorded from AWS in
 * LocalStack's validated snapshots, e.g. {@code test_lambda_integration_sqs.snapshot.json}).
 */
class EventSourceMappingApiTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String WORKER = "io.serverlessstack.fake.handlers.OrderWorker";

  static String functionArn(String name) {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
  }

  static String queueArn(String name) {
    return "arn:aws:sqs:us-east-1:000000000000:" + name;
  }

  static CreateEventSourceMappingResponse map(
      String queue, String function, Consumer<CreateEventSourceMappingRequest.Builder> more) {
    return stack
        .lambda()
        .createEventSourceMapping(
            request -> more.accept(request.eventSourceArn(queueArn(queue)).functionName(function)));
  }

  static CreateEventSourceMappingResponse map(String queue, String function) {
    return map(queue, function, request -> {});
  }

  @Test
  void aNewMappingAnswersCreatingWithSqsDefaultsAndIsEnabledAfter() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    CreateEventSourceMappingResponse created = map("orders", "worker");

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(created.uuid()).matches("[0-9a-f-]{36}");
    assertThat(created.eventSourceMappingArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
    assertThat(created.eventSourceArn()).isEqualTo(queueArn("orders"));
    assertThat(created.functionArn()).isEqualTo(functionArn("worker"));
    assertThat(created.batchSize()).isEqualTo(10);
    assertThat(created.maximumBatchingWindowInSeconds()).isZero();
    assertThat(created.state()).isEqualTo("Creating");
    assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
    assertThat(created.hasFunctionResponseTypes()).isTrue(); // AWS answers an empty list
    assertThat(created.functionResponseTypes()).isEmpty();
    assertThat(created.filterCriteria()).isNull();
    assertThat(created.scalingConfig()).isNull();
    assertThat(created.lastModified()).isEqualTo(SqsStack.START);

    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid())).state())
        .isEqualTo("Enabled");
  }

  @Test
  void aMappingCreatedDisabledAnswersDisabled() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    CreateEventSourceMappingResponse created = map("orders", "worker", r -> r.enabled(false));

    assertThat(created.state()).isEqualTo("Disabled");
    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid())).state())
        .isEqualTo("Disabled");
  }

  @Test
  void theFunctionArnKeepsTheVersionOrAliasTheMappingNames() {
    TestFunctions.create(stack, "worker", WORKER);
    LambdaClient lambda = stack.lambda();
    lambda.publishVersion(r -> r.functionName("worker"));
    lambda.createAlias(r -> r.functionName("worker").name("live").functionVersion("1"));
    List<String> queues = List.of("q1", "q2", "q3", "q4", "q5");
    queues.forEach(stack::createQueue);

    assertThat(map("q1", "worker").functionArn()).isEqualTo(functionArn("worker"));
    assertThat(map("q2", "worker:$LATEST").functionArn())
        .isEqualTo(functionArn("worker") + ":$LATEST");
    assertThat(map("q3", "worker:1").functionArn()).isEqualTo(functionArn("worker") + ":1");
    assertThat(map("q4", functionArn("worker") + ":live").functionArn())
        .isEqualTo(functionArn("worker") + ":live");
    assertThat(map("q5", functionArn("worker")).functionArn()).isEqualTo(functionArn("worker"));
  }

  @Test
  void settingsGivenAtCreationAreAnsweredBack() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    CreateEventSourceMappingResponse created =
        map(
            "orders",
            "worker",
            r ->
                r.batchSize(500)
                    .maximumBatchingWindowInSeconds(30)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .filterCriteria(f -> f.filters(pattern("{\"body\":{\"kind\":[\"a\"]}}")))
                    .scalingConfig(s -> s.maximumConcurrency(7)));

    GetEventSourceMappingResponse got =
        stack.lambda().getEventSourceMapping(r -> r.uuid(created.uuid()));
    assertThat(got.batchSize()).isEqualTo(500);
    assertThat(got.maximumBatchingWindowInSeconds()).isEqualTo(30);
    assertThat(got.functionResponseTypes())
        .containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
    assertThat(got.filterCriteria().filters().get(0).pattern())
        .isEqualTo("{\"body\":{\"kind\":[\"a\"]}}");
    assertThat(got.scalingConfig().maximumConcurrency()).isEqualTo(7);
  }

  @Test
  void updatesChangeTheSettingsAndAnswerTheTransition() {
    TestFunctions.create(stack, "worker", WORKER);
    TestFunctions.create(stack, "other", WORKER);
    stack.createQueue("orders");
    String uuid = map("orders", "worker").uuid();
    LambdaClient lambda = stack.lambda();

    UpdateEventSourceMappingResponse resized =
        lambda.updateEventSourceMapping(r -> r.uuid(uuid).batchSize(5).functionName("other"));
    assertThat(resized.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(resized.state()).isEqualTo("Updating");
    assertThat(resized.batchSize()).isEqualTo(5);
    assertThat(resized.functionArn()).isEqualTo(functionArn("other"));

    assertThat(lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false)).state())
        .isEqualTo("Disabling");
    assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()).isEqualTo("Disabled");
    assertThat(lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true)).state())
        .isEqualTo("Enabling");
    assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()).isEqualTo("Enabled");

    GetEventSourceMappingResponse kept = lambda.getEventSourceMapping(r -> r.uuid(uuid));
    assertThat(kept.batchSize()).isEqualTo(5);
    assertThat(kept.functionArn()).isEqualTo(functionArn("other"));
  }

  @Test
  void aDeletedMappingAnswersDeletingAndIsGone() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");
    String uuid = map("orders", "worker").uuid();

    var deleted = stack.lambda().deleteEventSourceMapping(r -> r.uuid(uuid));

    assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(deleted.state()).isEqualTo("Deleting");
    assertThat(deleted.uuid()).isEqualTo(uuid);
    assertThatThrownBy(() -> stack.lambda().getEventSourceMapping(r -> r.uuid(uuid)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(stack.lambda().listEventSourceMappings().eventSourceMappings()).isEmpty();
  }

  @Test
  void listingFiltersByQueueAndFunctionAndPages() {
    TestFunctions.create(stack, "worker", WORKER);
    TestFunctions.create(stack, "other", WORKER);
    stack.createQueue("orders");
    stack.createQueue("refunds");
    String workerOrders = map("orders", "worker").uuid();
    String workerRefunds = map("refunds", "worker").uuid();
    String otherOrders = map("orders", "other").uuid();
    LambdaClient lambda = stack.lambda();

    assertThat(uuids(lambda.listEventSourceMappings(r -> r.eventSourceArn(queueArn("orders")))))
        .containsExactlyInAnyOrder(workerOrders, otherOrders);
    assertThat(uuids(lambda.listEventSourceMappings(r -> r.functionName("worker"))))
        .containsExactlyInAnyOrder(workerOrders, workerRefunds);
    assertThat(
            uuids(
                lambda.listEventSourceMappings(
                    r -> r.functionName(functionArn("other")).eventSourceArn(queueArn("orders")))))
        .containsExactly(otherOrders);
    assertThat(uuids(lambda.listEventSourceMappings(r -> r.functionName("nobody")))).isEmpty();

    ListEventSourceMappingsResponse first = lambda.listEventSourceMappings(r -> r.maxItems(2));
    ListEventSourceMappingsResponse second =
        lambda.listEventSourceMappings(r -> r.maxItems(2).marker(first.nextMarker()));
    assertThat(first.eventSourceMappings()).hasSize(2);
    assertThat(second.nextMarker()).isNull();
    assertThat(uuids(first)).doesNotContainAnyElementsOf(uuids(second)).hasSize(2);
    assertThat(uuids(second)).hasSize(1);
  }

  @Test
  void aStackResetForgetsTheMappings() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");
    map("orders", "worker");

    stack.server().reset();

    assertThat(stack.lambda().listEventSourceMappings().eventSourceMappings()).isEmpty();
  }

  static Filter pattern(String pattern) {
    return Filter.builder().pattern(pattern).build();
  }

  static List<String> uuids(ListEventSourceMappingsResponse response) {
    return response.eventSourceMappings().stream()
        .map(EventSourceMappingConfiguration::uuid)
        .toList();
  }

  // ---- errors

  @Test
  void anUnknownQueueIsTheFailedReceiveMessageAwsReports() {
    TestFunctions.create(stack, "worker", WORKER);

    assertThatThrownBy(() -> map("missing", "worker"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Error occurred while ReceiveMessage. SQS Error Code:"
                + " AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue"
                + " does not exist.");
  }

  @Test
  void anUnknownFunctionIsRefusedBeforeTheQueueIsLookedAt() {
    assertThatThrownBy(() -> map("missing", "nobody"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Function does not exist");
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");
    assertThatThrownBy(() -> map("orders", "worker:7"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Function does not exist");
  }

  @Test
  void anUnknownUuidIsNotFoundForGetUpdateAndDelete() {
    LambdaClient lambda = stack.lambda();
    String uuid = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE";

    for (Runnable call :
        List.<Runnable>of(
            () -> lambda.getEventSourceMapping(r -> r.uuid(uuid)),
            () -> lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false)),
            () -> lambda.deleteEventSourceMapping(r -> r.uuid(uuid)))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
          .hasMessageStartingWith("The resource you requested does not exist.");
    }
  }

  @Test
  void aSecondMappingOfTheSameQueueAndFunctionConflicts() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");
    String uuid = map("orders", "worker").uuid();

    assertThatThrownBy(() -> map("orders", "worker"))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith(
            "An event source mapping with SQS arn (\" "
                + queueArn("orders")
                + " \") and function (\" worker \") already exists. Please update or delete the"
                + " existing mapping with UUID "
                + uuid);
  }

  @Test
  void batchSizesOutsideTheModelAreValidationErrors() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    assertValidationError(
        () -> map("orders", "worker", r -> r.batchSize(0)),
        "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 1");
    assertValidationError(
        () -> map("orders", "worker", r -> r.batchSize(10_001).maximumBatchingWindowInSeconds(1)),
        "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
    assertValidationError(
        () -> map("orders", "worker", r -> r.scalingConfig(s -> s.maximumConcurrency(1))),
        "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to"
            + " satisfy constraint: Member must have value greater than or equal to 2");
    assertValidationError(
        () -> map("orders", "worker", r -> r.maximumBatchingWindowInSeconds(301)),
        "1 validation error detected: Value '301' at 'maximumBatchingWindowInSeconds' failed to"
            + " satisfy constraint: Member must have value less than or equal to 300");
  }

  static void assertValidationError(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
            })
        .hasMessageStartingWith(message);
  }

  @Test
  void batchesOverTenNeedABatchingWindowAndFifoQueuesTakeNone() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");
    stack.createFifoQueue("orders.fifo", Map.of());

    assertThatThrownBy(() -> map("orders", "worker", r -> r.batchSize(11)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is"
                + " greater than 10");
    assertThatThrownBy(
            () ->
                map(
                    "orders.fifo",
                    "worker",
                    r -> r.batchSize(11).maximumBatchingWindowInSeconds(1)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Batching window is not supported for FIFO queues");
    String uuid =
        map("orders", "worker", r -> r.batchSize(10_000).maximumBatchingWindowInSeconds(1)).uuid();
    assertThatThrownBy(
            () ->
                stack
                    .lambda()
                    .updateEventSourceMapping(r -> r.uuid(uuid).maximumBatchingWindowInSeconds(0)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Maximum batch window in seconds must be greater than 0");
  }

  @Test
  void theQueuesVisibilityTimeoutMustCoverTheFunctionsTimeout() {
    TestFunctions.create(stack, "worker", WORKER);
    TestFunctions.create(stack, "slow", WORKER, 60);
    stack.createQueue("orders"); // SQS's default visibility timeout: 30 seconds

    assertThatThrownBy(() -> map("orders", "slow"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
    String uuid = map("orders", "worker").uuid();
    assertThatThrownBy(
            () -> stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).functionName("slow")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
  }

  @Test
  void filterPatternsThatAreNotEventPatternsAreRefused() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    for (String pattern :
        List.of("simple string", "{\"eventSource\": \"aws:sqs\"}", "{\"eventSource\": []}")) {
      assertThatThrownBy(
              () ->
                  map("orders", "worker", r -> r.filterCriteria(f -> f.filters(pattern(pattern)))))
          .as(pattern)
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageStartingWith("Invalid filter pattern definition.");
    }
    assertThatThrownBy(
            () -> map("orders", "worker", r -> r.filterCriteria(f -> f.filters(pattern(null)))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Invalid filter pattern definition.");
  }

  @Test
  void streamSettingsAndSourcesOtherThanQueuesAreRefused() {
    TestFunctions.create(stack, "worker", WORKER);
    stack.createQueue("orders");

    assertThatThrownBy(
            () -> map("orders", "worker", r -> r.startingPosition(EventSourcePosition.LATEST)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("StartingPosition is not valid for SQS event sources.");
    assertThatThrownBy(() -> stack.lambda().createEventSourceMapping(r -> r.functionName("worker")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Unrecognized event source.");
    assertThatThrownBy(
            () ->
                map(
                    "orders",
                    "worker",
                    r ->
                        r.destinationConfig(d -> d.onFailure(f -> f.destination(queueArn("dlq"))))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Unsupported DestinationConfig parameter for given event source mapping type.");
  }
}
