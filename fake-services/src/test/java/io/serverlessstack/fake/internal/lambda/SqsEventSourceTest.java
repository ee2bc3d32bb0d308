package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Messages sent with the real SQS client reach functions through event source mappings, on a manual
 * virtual clock: a mapping polls once per second of it, so each {@code advance} of a second is one
 * poll, and visibility timeouts pass only when the test says so.
 */
class SqsEventSourceTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String WORKER = "io.serverlessstack.fake.handlers.OrderWorker";
  static final String ECHO = "io.serverlessstack.fake.handlers.QueueEventEcho";
  static final ObjectMapper JSON = new ObjectMapper();

  static String map(String queueUrl, String function) {
    return map(queueUrl, function, request -> {});
  }

  static String map(
      String queueUrl, String function, Consumer<CreateEventSourceMappingRequest.Builder> more) {
    return stack
        .lambda()
        .createEventSourceMapping(
            request ->
                more.accept(request.eventSourceArn(stack.arn(queueUrl)).functionName(function)))
        .uuid();
  }

  static Consumer<CreateEventSourceMappingRequest.Builder> reportingItemFailures() {
    return request ->
        request.functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
  }

  /** One poll of every mapping. */
  static void poll() {
    stack.advance(Duration.ofSeconds(1));
  }

  static List<JournalEvent> journal(String service, String type, String resource) {
    return stack
        .server()
        .inspector()
        .journal(
            0, JournalFilter.all().withService(service).withTypes(type).withResource(resource));
  }

  static List<JournalEvent> lambdaEvents(String type, String function) {
    return journal(LambdaEvents.SERVICE, type, function);
  }

  /** Waits until {@code function} ran {@code count} times (succeeded or failed). */
  static void awaitInvocationsEnded(String function, int count) throws InterruptedException {
    Await.until(
        () ->
            lambdaEvents(LambdaEvents.SUCCEEDED, function).size()
                    + lambdaEvents(LambdaEvents.FAILED, function).size()
                >= count);
  }

  static List<String> deletedBodies(String queue) {
    return journal(SqsEvents.SERVICE, SqsEvents.MESSAGE_DELETED, queue).stream()
        .map(event -> event.detail(SqsEvents.Details.BODY))
        .toList();
  }

  static void awaitDeleted(String queue, int count) throws InterruptedException {
    Await.until(() -> deletedBodies(queue).size() >= count);
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static int inFlight(String url) {
    return stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
  }

  static int visible(String url) {
    return stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
  }

  // ---- the event

  @Test
  void theHandlerGetsTheSqsEventAwsSendsAndTheHandledBatchIsDeleted() throws Exception {
    TestFunctions.create(stack, "echo", ECHO);
    String url = stack.createQueue("orders");
    long sent = stack.now().toEpochMilli();
    SendMessageResponse plain = stack.send(url, "{\"order\":1}");
    SendMessageResponse withAttributes =
        stack.send(
            url,
            request ->
                request
                    .messageBody("second")
                    .messageAttributes(
                        Map.of(
                            "Author", SqsStack.string("John Grisham"),
                            "WeeksOn", SqsStack.number("6"),
                            "Cover", SqsStack.binary((byte) 1, (byte) 2))));
    map(url, "echo");

    poll();
    awaitDeleted("orders", 2);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "echo");
    assertThat(invoked).hasSize(1);
    assertThat(invoked.get(0).detail(LambdaEvents.Details.TRIGGER)).isEqualTo(stack.arn(url));
    JsonNode records = json(invoked.get(0).detail(LambdaEvents.Details.PAYLOAD)).get("Records");
    assertThat(records).hasSize(2);
    for (JsonNode record : records) {
      // AWS's members, in AWS's order (as its recorded events have them).
      assertThat(fieldNames(record))
          .containsExactly(
              "messageId",
              "receiptHandle",
              "body",
              "attributes",
              "messageAttributes",
              "md5OfMessageAttributes",
              "md5OfBody",
              "eventSource",
              "eventSourceARN",
              "awsRegion");
      assertThat(fieldNames(record.get("attributes")))
          .containsExactly(
              "ApproximateReceiveCount",
              "SentTimestamp",
              "SenderId",
              "ApproximateFirstReceiveTimestamp");
      assertThat(record.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
      assertThat(record.get("attributes").get("SentTimestamp").asText()).isEqualTo("" + sent);
      assertThat(record.get("attributes").get("SenderId").asText()).isEqualTo("000000000000");
      assertThat(record.get("attributes").get("ApproximateFirstReceiveTimestamp").asText())
          .isEqualTo("" + (sent + 1000));
      assertThat(record.get("receiptHandle").asText()).isNotBlank();
      assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
      assertThat(record.get("eventSourceARN").asText())
          .isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
      assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
    }
    JsonNode first = records.get(0);
    assertThat(first.get("messageId").asText()).isEqualTo(plain.messageId());
    assertThat(first.get("body").asText()).isEqualTo("{\"order\":1}");
    assertThat(first.get("md5OfBody").asText()).isEqualTo(plain.md5OfMessageBody());
    assertThat(first.get("messageAttributes").isEmpty()).isTrue();
    assertThat(first.get("md5OfMessageAttributes").isNull()).isTrue();
    JsonNode second = records.get(1);
    assertThat(second.get("messageId").asText()).isEqualTo(withAttributes.messageId());
    assertThat(second.get("md5OfMessageAttributes").asText())
        .isEqualTo(withAttributes.md5OfMessageAttributes());
    JsonNode attributes = second.get("messageAttributes");
    assertThat(attributes.get("Author").toString())
        .isEqualTo(
            "{\"stringValue\":\"John Grisham\",\"stringListValues\":[],\"binaryListValues\":[],"
                + "\"dataType\":\"String\"}");
    assertThat(attributes.get("WeeksOn").toString())
        .isEqualTo(
            "{\"stringValue\":\"6\",\"stringListValues\":[],\"binaryListValues\":[],"
                + "\"dataType\":\"Number\"}");
    assertThat(attributes.get("Cover").toString())
        .isEqualTo(
            "{\"binaryValue\":\"AQI=\",\"stringListValues\":[],\"binaryListValues\":[],"
                + "\"dataType\":\"Binary\"}");

    // What the Java handler read from its typed SQSEvent.
    JsonNode typed =
        json(
            lambdaEvents(LambdaEvents.SUCCEEDED, "echo")
                .get(0)
                .detail(LambdaEvents.Details.RESPONSE));
    assertThat(typed).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode read = typed.get(i);
      JsonNode record = records.get(i);
      for (String member :
          List.of("messageId", "receiptHandle", "body", "md5OfBody", "eventSource", "awsRegion")) {
        assertThat(read.get(member).asText()).as(member).isEqualTo(record.get(member).asText());
      }
      assertThat(read.get("eventSourceArn").asText()).isEqualTo(stack.arn(url));
      assertThat(read.get("attributes")).isEqualTo(record.get("attributes"));
    }
    // The runtime writes the handler's answer without its null members.
    assertThat(typed.get(0).hasNonNull("md5OfMessageAttributes")).isFalse();
    assertThat(typed.get(1).get("md5OfMessageAttributes").asText())
        .isEqualTo(withAttributes.md5OfMessageAttributes());
    JsonNode typedAttributes = typed.get(1).get("messageAttributes");
    assertThat(typedAttributes.get("Author").get("stringValue").asText()).isEqualTo("John Grisham");
    assertThat(typedAttributes.get("WeeksOn").get("dataType").asText()).isEqualTo("Number");
    assertThat(typedAttributes.get("Cover").get("binaryValue").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2}));

    assertThat(visible(url)).isZero();
    assertThat(inFlight(url)).isZero();
  }

  @Test
  void aFifoRecordCarriesItsGroupDeduplicationIdAndSequenceNumber() throws Exception {
    TestFunctions.create(stack, "echo", ECHO);
    String url = stack.createFifoQueue("orders.fifo", Map.of());
    SendMessageResponse sent = stack.sendFifo(url, "group-1", "first");
    map(url, "echo");

    poll();
    awaitDeleted("orders.fifo", 1);

    JsonNode record =
        json(lambdaEvents(LambdaEvents.INVOKED, "echo").get(0).detail(LambdaEvents.Details.PAYLOAD))
            .get("Records")
            .get(0);
    JsonNode attributes = record.get("attributes");
    assertThat(fieldNames(attributes))
        .containsExactly(
            "ApproximateReceiveCount",
            "SentTimestamp",
            "SequenceNumber",
            "MessageGroupId",
            "SenderId",
            "MessageDeduplicationId",
            "ApproximateFirstReceiveTimestamp");
    assertThat(attributes.get("SequenceNumber").asText()).isEqualTo(sent.sequenceNumber());
    assertThat(attributes.get("MessageGroupId").asText()).isEqualTo("group-1");
    assertThat(attributes.get("MessageDeduplicationId").asText()).isEqualTo("first");
  }

  // ---- failures

  @Test
  void aFailedBatchComesBackAfterTheVisibilityTimeout() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    stack.send(url, "o-1:crash");
    map(url, "worker");

    poll();
    awaitInvocationsEnded("worker", 1);

    assertThat(lambdaEvents(LambdaEvents.FAILED, "worker")).hasSize(1);
    assertThat(inFlight(url)).isEqualTo(1);
    stack.advance(Duration.ofSeconds(29)); // polls find nothing: the message is still hidden
    assertThat(inFlight(url)).isEqualTo(1);
    poll(); // 30 seconds after the receive: it is back, and received again
    awaitInvocationsEnded("worker", 2);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "worker");
    assertThat(invoked).hasSize(2);
    assertThat(invoked.get(1).detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("2");
    assertThat(
            json(invoked.get(1).detail(LambdaEvents.Details.PAYLOAD))
                .at("/Records/0/attributes/ApproximateReceiveCount")
                .asText())
        .isEqualTo("2");
    assertThat(deletedBodies("orders")).isEmpty();
  }

  @Test
  void reportedItemFailuresComeBackAndTheRestIsDeleted() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    stack.send(url, "o-1");
    String failing = stack.send(url, "o-2:fail").messageId();
    stack.send(url, "o-3");
    map(url, "worker", reportingItemFailures());

    poll();
    awaitDeleted("orders", 2);

    assertThat(deletedBodies("orders")).containsExactly("o-1", "o-3");
    List<JournalEvent> reported = lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "worker");
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).detail(LambdaEvents.Details.FAILED_ITEMS)).isEqualTo(failing);
    assertThat(reported.get(0).detail(LambdaEvents.Details.TRIGGER)).isEqualTo(stack.arn(url));
    assertThat(inFlight(url)).isEqualTo(1);
    assertThat(visible(url)).isZero();
  }

  @Test
  void withoutReportBatchItemFailuresTheAnswerIsIgnoredAndAllIsDeleted() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    stack.send(url, "o-1");
    stack.send(url, "o-2:fail");
    map(url, "worker");

    poll();
    awaitDeleted("orders", 2);

    assertThat(lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "worker")).isEmpty();
    assertThat(inFlight(url)).isZero();
  }

  @Test
  void anAnswerNamingAnItemNotInTheBatchFailsTheWholeBatch() throws Exception {
    TestFunctions.create(stack, "stranger", "io.serverlessstack.fake.handlers.StrangerReporter");
    String url = stack.createQueue("orders");
    String first = stack.send(url, "o-1").messageId();
    String second = stack.send(url, "o-2").messageId();
    map(url, "stranger", reportingItemFailures());

    poll();
    Await.until(() -> !lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "stranger").isEmpty());

    assertThat(
            lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "stranger")
                .get(0)
                .detail(LambdaEvents.Details.FAILED_ITEMS))
        .isEqualTo(first + "," + second);
    assertThat(inFlight(url)).isEqualTo(2);
    assertThat(deletedBodies("orders")).isEmpty();
  }

  @Test
  void aThrottledBatchStaysHiddenAndComesBackLater() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    stack
        .lambda()
        .putFunctionConcurrency(r -> r.functionName("worker").reservedConcurrentExecutions(0));
    String url = stack.createQueue("orders", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
    stack.send(url, "o-1");
    map(url, "worker");

    poll();
    Await.until(() -> !lambdaEvents(LambdaEvents.THROTTLED, "worker").isEmpty());

    assertThat(
            lambdaEvents(LambdaEvents.THROTTLED, "worker")
                .get(0)
                .detail(LambdaEvents.Details.TRIGGER))
        .isEqualTo(stack.arn(url));
    assertThat(inFlight(url)).isEqualTo(1);
    stack.lambda().deleteFunctionConcurrency(r -> r.functionName("worker"));
    stack.advance(Duration.ofSeconds(10));
    awaitDeleted("orders", 1);
    assertThat(lambdaEvents(LambdaEvents.SUCCEEDED, "worker")).hasSize(1);
  }

  @Test
  void aBatchEndsAtTheSynchronousPayloadLimit() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    String megabyte = "x".repeat(1_000_000);
    for (int i = 1; i <= 7; i++) {
      stack.send(url, megabyte + i);
    }
    map(url, "worker", request -> request.batchSize(10).maximumBatchingWindowInSeconds(1));

    poll(); // seven megabytes gathered: six go at once, as much as one invocation takes
    awaitDeleted("orders", 6);
    poll(); // the window of the seventh has passed
    awaitDeleted("orders", 7);

    assertThat(lambdaEvents(LambdaEvents.INVOKED, "worker"))
        .extracting(event -> json(event.detail(LambdaEvents.Details.PAYLOAD)).get("Records").size())
        .containsExactly(6, 1);
  }

  // ---- FIFO

  @Test
  void fifoGroupsStayInOrderWhenItemsFail() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url =
        stack.createFifoQueue("orders.fifo", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    for (String body : List.of("a1", "a2:fail-once", "b1", "a3", "b2", "a4")) {
      stack.sendFifo(url, body.substring(0, 1), body);
    }
    map(url, "worker", reportingItemFailures());

    poll();
    awaitDeleted("orders.fifo", 3); // a1, b1, b2; a2 failed and a3, a4 wait behind it
    assertThat(deletedBodies("orders.fifo")).containsExactlyInAnyOrder("a1", "b1", "b2");
    assertThat(inFlight(url)).isEqualTo(3);

    stack.advance(Duration.ofSeconds(30));
    awaitDeleted("orders.fifo", 6);

    List<String> deleted = deletedBodies("orders.fifo");
    assertThat(deleted.stream().filter(body -> body.startsWith("a")))
        .containsExactly("a1", "a2:fail-once", "a3", "a4");
    assertThat(deleted.stream().filter(body -> body.startsWith("b"))).containsExactly("b1", "b2");
  }

  @Test
  void aFifoGroupHasOneBatchInFlightAtATime() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createFifoQueue("orders.fifo", Map.of());
    for (String body : List.of("a1", "b1", "a2", "b2", "a3", "b3")) {
      stack.sendFifo(url, body.substring(0, 1), body);
    }
    map(url, "worker", request -> request.batchSize(1));

    for (int round = 1; round <= 3; round++) {
      poll();
      awaitDeleted("orders.fifo", 2 * round);
    }

    // Each round ran one batch per group, and a group's next batch only once the last was deleted.
    List<String> sequence = new ArrayList<>();
    for (JournalEvent event : stack.server().inspector().journal()) {
      if (event.type().equals(LambdaEvents.INVOKED)) {
        sequence.add(
            "invoked "
                + json(event.detail(LambdaEvents.Details.PAYLOAD)).at("/Records/0/body").asText());
      } else if (event.type().equals(SqsEvents.MESSAGE_DELETED)) {
        sequence.add("deleted " + event.detail(SqsEvents.Details.BODY));
      }
    }
    for (String group : List.of("a", "b")) {
      assertThat(sequence.stream().filter(step -> step.contains(" " + group)))
          .containsExactly(
              "invoked " + group + "1",
              "deleted " + group + "1",
              "invoked " + group + "2",
              "deleted " + group + "2",
              "invoked " + group + "3",
              "deleted " + group + "3");
    }
  }

  // ---- settings

  @Test
  void messagesTheFilterRejectsAreDeletedWithoutAnInvocation() throws Exception {
    TestFunctions.create(stack, "echo", ECHO);
    String url = stack.createQueue("orders");
    stack.send(url, "{\"kind\":\"order\",\"id\":1}");
    stack.send(url, "{\"kind\":\"refund\",\"id\":2}");
    stack.send(url, "kind order, in plain text");
    map(
        url,
        "echo",
        request ->
            request.filterCriteria(
                criteria ->
                    criteria.filters(
                        Filter.builder().pattern("{\"body\":{\"kind\":[\"order\"]}}").build())));

    poll();
    awaitDeleted("orders", 3);
    awaitInvocationsEnded("echo", 1);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "echo");
    assertThat(invoked).hasSize(1);
    JsonNode records = json(invoked.get(0).detail(LambdaEvents.Details.PAYLOAD)).get("Records");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("body").asText()).isEqualTo("{\"kind\":\"order\",\"id\":1}");
    assertThat(visible(url) + inFlight(url)).isZero();
  }

  @Test
  void aDisabledMappingDoesNotPollUntilEnabled() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    TestFunctions.create(stack, "witness", WORKER);
    String url = stack.createQueue("orders");
    String witnessUrl = stack.createQueue("witnessed");
    stack.send(url, "o-1");
    String uuid = map(url, "worker", request -> request.enabled(false));
    map(witnessUrl, "witness");

    stack.send(witnessUrl, "w-1");
    poll();
    awaitDeleted("witnessed", 1); // the enabled mapping's poll ran; the disabled one has none

    assertThat(journal(SqsEvents.SERVICE, SqsEvents.MESSAGE_RECEIVED, "orders")).isEmpty();
    assertThat(visible(url)).isEqualTo(1);

    stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
    poll();
    awaitDeleted("orders", 1);

    stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));
    stack.send(url, "o-2");
    stack.send(witnessUrl, "w-2");
    poll();
    awaitDeleted("witnessed", 2);
    assertThat(visible(url)).isEqualTo(1);
  }

  @Test
  void theBatchingWindowGathersMessagesUntilItEnds() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    for (int i = 1; i <= 3; i++) {
      stack.send(url, "early-" + i);
    }
    map(url, "worker", request -> request.batchSize(100).maximumBatchingWindowInSeconds(5));

    poll(); // gathers the first three and waits for the window
    Await.until(() -> journal(SqsEvents.SERVICE, SqsEvents.MESSAGE_RECEIVED, "orders").size() == 3);
    stack.send(url, "late-1");
    stack.send(url, "late-2");
    stack.advance(Duration.ofSeconds(5));
    awaitDeleted("orders", 5);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "worker");
    assertThat(invoked).hasSize(1);
    assertThat(json(invoked.get(0).detail(LambdaEvents.Details.PAYLOAD)).get("Records")).hasSize(5);
  }

  @Test
  void aFullBatchGoesBeforeTheWindowEnds() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    for (int i = 1; i <= 25; i++) {
      stack.send(url, "o-" + i);
    }
    map(url, "worker", request -> request.batchSize(12).maximumBatchingWindowInSeconds(300));

    poll();
    awaitDeleted("orders", 24);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "worker");
    assertThat(invoked).hasSize(2);
    for (JournalEvent event : invoked) {
      assertThat(json(event.detail(LambdaEvents.Details.PAYLOAD)).get("Records")).hasSize(12);
    }
    assertThat(inFlight(url)).isEqualTo(1); // the 25th waits for the window or eleven more
  }

  @Test
  void anUpdatedBatchSizeTakesEffectOnTheNextPoll() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    String url = stack.createQueue("orders");
    String uuid = map(url, "worker");
    stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).batchSize(1));
    for (int i = 1; i <= 3; i++) {
      stack.send(url, "o-" + i);
    }

    poll();
    awaitDeleted("orders", 3);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "worker");
    assertThat(invoked).hasSize(3);
    for (Iterator<JournalEvent> each = invoked.iterator(); each.hasNext(); ) {
      assertThat(json(each.next().detail(LambdaEvents.Details.PAYLOAD)).get("Records")).hasSize(1);
    }
  }

  @Test
  void aMappingWhoseFunctionIsGoneReadsNothing() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    TestFunctions.create(stack, "witness", WORKER);
    String url = stack.createQueue("orders");
    String witnessUrl = stack.createQueue("witnessed");
    String uuid = map(url, "worker");
    map(witnessUrl, "witness");
    stack.lambda().deleteFunction(r -> r.functionName("worker"));
    stack.send(url, "o-1");
    stack.send(witnessUrl, "w-1");

    poll();
    awaitDeleted("witnessed", 1);

    assertThat(journal(SqsEvents.SERVICE, SqsEvents.MESSAGE_RECEIVED, "orders")).isEmpty();
    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(uuid)).state())
        .isEqualTo("Enabled");
    TestFunctions.create(stack, "worker", WORKER);
    poll();
    awaitDeleted("orders", 1);
  }
}
