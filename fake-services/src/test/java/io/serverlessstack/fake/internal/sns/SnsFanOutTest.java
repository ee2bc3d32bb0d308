package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SnsClients;
import io.serverlessstack.fake.SqsStack;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Publishing to a topic reaches every subscribed SQS queue, enveloped or raw, in order. */
class SnsFanOutTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private final SnsClient sns = stack.sns();
  private static final ObjectMapper JSON = new ObjectMapper();

  private String topic(String name) {
    return sns.createTopic(b -> b.name(name)).topicArn();
  }

  private String fifoTopic(String name) {
    return sns.createTopic(
            b ->
                b.name(name)
                    .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
        .topicArn();
  }

  private String subscribe(String topicArn, String queueUrl, Map<String, String> attrs) {
    return sns.subscribe(
            b ->
                b.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(stack.arn(queueUrl))
                    .attributes(attrs))
        .subscriptionArn();
  }

  /** Waits for {@code count} messages on the queue, then receives them all. */
  private static List<Message> awaitMessages(String url, int count) throws InterruptedException {
    Await.until(() -> stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES) >= count);
    List<Message> received = new ArrayList<>();
    while (received.size() < count) {
      List<Message> batch = stack.receive(url, 10);
      batch.forEach(message -> stack.delete(url, message));
      received.addAll(batch);
    }
    return received;
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void publishDeliversTheAwsEnvelopeToEverySubscribedQueue() throws Exception {
    String topicArn = topic("orders");
    List<String> queues = List.of(stack.createQueue("billing"), stack.createQueue("shipping"));
    List<String> subscriptions =
        queues.stream().map(url -> subscribe(topicArn, url, Map.of())).toList();

    PublishResponse published =
        sns.publish(
            b ->
                b.topicArn(topicArn)
                    .subject("New order")
                    .message("{\"id\":1}")
                    .messageAttributes(
                        Map.of(
                            "kind",
                            MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("order")
                                .build())));

    for (int i = 0; i < queues.size(); i++) {
      Message message = awaitMessages(queues.get(i), 1).get(0);
      JsonNode envelope = json(message.body());
      assertThat(envelope.fieldNames())
          .toIterable()
          .containsExactly(
              "Type",
              "MessageId",
              "TopicArn",
              "Subject",
              "Message",
              "Timestamp",
              "SignatureVersion",
              "Signature",
              "SigningCertURL",
              "UnsubscribeURL",
              "MessageAttributes");
      assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
      assertThat(envelope.get("MessageId").asText()).isEqualTo(published.messageId());
      assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
      assertThat(envelope.get("Subject").asText()).isEqualTo("New order");
      assertThat(envelope.get("Message").asText()).isEqualTo("{\"id\":1}");
      assertThat(envelope.get("Timestamp").asText()).isEqualTo("2030-01-01T00:00:00.000Z");
      assertThat(envelope.get("SignatureVersion").asText()).isEqualTo("1");
      assertThat(envelope.get("SigningCertURL").asText())
          .startsWith(stack.server().endpoint().toString());
      assertThat(envelope.get("UnsubscribeURL").asText())
          .startsWith(stack.server().endpoint() + "/?Action=Unsubscribe")
          .contains(java.net.URLEncoder.encode(subscriptions.get(i), "UTF-8"));
      assertThat(envelope.get("MessageAttributes").get("kind").get("Type").asText())
          .isEqualTo("String");
      assertThat(envelope.get("MessageAttributes").get("kind").get("Value").asText())
          .isEqualTo("order");
      assertThat(message.body()).contains("\"Type\" : \"Notification\"");
      assertThat(message.messageAttributes()).isEmpty();
    }
  }

  @Test
  void rawDeliveryDeliversTheBareMessageWithItsAttributesAsSqsAttributes() throws Exception {
    String topicArn = topic("raw");
    String url = stack.createQueue("raw-queue");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    sns.publish(
        b ->
            b.topicArn(topicArn)
                .message("plain text")
                .messageAttributes(
                    Map.of(
                        "kind",
                        MessageAttributeValue.builder().dataType("String").stringValue("a").build(),
                        "count",
                        MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                        "tags",
                        MessageAttributeValue.builder()
                            .dataType("String.Array")
                            .stringValue("[\"x\",\"y\"]")
                            .build(),
                        "blob",
                        MessageAttributeValue.builder()
                            .dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("bytes"))
                            .build())));

    Message message = awaitMessages(url, 1).get(0);
    assertThat(message.body()).isEqualTo("plain text");
    assertThat(message.messageAttributes()).containsOnlyKeys("kind", "count", "tags", "blob");
    assertThat(message.messageAttributes().get("count").dataType()).isEqualTo("Number");
    assertThat(message.messageAttributes().get("tags").dataType()).isEqualTo("String.Array");
    assertThat(message.messageAttributes().get("blob").binaryValue().asUtf8String())
        .isEqualTo("bytes");
  }

  @Test
  void structuredMessagesDeliverTheSqsEntryOrTheDefault() throws Exception {
    String topicArn = topic("structured");
    String url = stack.createQueue("structured-queue");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    sns.publish(
        b ->
            b.topicArn(topicArn)
                .messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\",\"http\":1}"));
    sns.publish(
        b ->
            b.topicArn(topicArn)
                .messageStructure("json")
                .message("{\"default\":\"only default\"}"));

    assertThat(awaitMessages(url, 2))
        .extracting(Message::body)
        .containsExactlyInAnyOrder("for queues", "only default");
    InvalidParameterException error =
        assertAwsError(
            () ->
                sns.publish(
                    b ->
                        b.topicArn(topicArn)
                            .messageStructure("json")
                            .message("{\"sqs\":\"no default\"}")),
            InvalidParameterException.class,
            "InvalidParameter",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid parameter: Message Structure - No default entry in JSON message body");
  }

  @Test
  void fifoTopicKeepsEachGroupsOrderAndDeduplicates() throws Exception {
    String topicArn = fifoTopic("ledger.fifo");
    String url = stack.createFifoQueue("ledger.fifo", Map.of());
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    List<PublishResponse> responses = new ArrayList<>();
    IntStream.range(0, 20)
        .forEach(
            i ->
                responses.add(
                    sns.publish(
                        b ->
                            b.topicArn(topicArn)
                                .message("m" + i)
                                .messageGroupId(i % 2 == 0 ? "even" : "odd"))));
    PublishResponse duplicate =
        sns.publish(b -> b.topicArn(topicArn).message("m0").messageGroupId("even"));

    assertThat(duplicate.messageId()).isEqualTo(responses.get(0).messageId());
    assertThat(responses)
        .extracting(PublishResponse::sequenceNumber)
        .isSorted()
        .doesNotHaveDuplicates()
        .allMatch(sequence -> sequence.length() == 20);
    Await.until(() -> stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES) >= 20);
    List<String> bodies = new ArrayList<>();
    for (int round = 0; round < 20 && bodies.size() < 20; round++) {
      for (Message message : stack.receive(url, 10)) {
        bodies.add(message.body());
        stack.delete(url, message);
      }
    }
    assertThat(bodies.stream().filter(b -> Integer.parseInt(b.substring(1)) % 2 == 0))
        .containsExactly("m0", "m2", "m4", "m6", "m8", "m10", "m12", "m14", "m16", "m18");
    assertThat(bodies.stream().filter(b -> Integer.parseInt(b.substring(1)) % 2 == 1))
        .containsExactly("m1", "m3", "m5", "m7", "m9", "m11", "m13", "m15", "m17", "m19");
    assertThat(stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
  }

  @Test
  void fifoEnvelopeCarriesTheSequenceNumber() throws Exception {
    String topicArn = fifoTopic("enveloped.fifo");
    String url = stack.createFifoQueue("enveloped.fifo", Map.of());
    subscribe(topicArn, url, Map.of());

    PublishResponse published =
        sns.publish(b -> b.topicArn(topicArn).message("hello").messageGroupId("g"));

    JsonNode envelope = json(awaitMessages(url, 1).get(0).body());
    assertThat(envelope.get("SequenceNumber").asText()).isEqualTo(published.sequenceNumber());
    assertThat(envelope.get("Message").asText()).isEqualTo("hello");
  }

  @Test
  void aStandardQueueMaySubscribeToAFifoTopicButAFifoQueueNotToAStandardTopic() {
    String fifo = fifoTopic("mixed.fifo");
    String standardQueue = stack.createQueue("standard-subscriber");
    String fifoQueue = stack.createFifoQueue("fifo-subscriber.fifo", Map.of());

    assertThat(subscribe(fifo, standardQueue, Map.of())).startsWith(fifo + ":");
    InvalidParameterException error =
        assertAwsError(
            () -> subscribe(topic("standard"), fifoQueue, Map.of()),
            InvalidParameterException.class,
            "InvalidParameter",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard"
                + " SNS topics");
  }

  @Test
  void publishBatchPublishesEachEntryAndAnswersPerEntry() throws Exception {
    String topicArn = topic("batched");
    String url = stack.createQueue("batched-queue");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    PublishBatchResponse response =
        sns.publishBatch(
            b ->
                b.topicArn(topicArn)
                    .publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("a").message("first").build(),
                        PublishBatchRequestEntry.builder().id("b").message("second").build()));

    assertThat(response.successful()).extracting(e -> e.id()).containsExactly("a", "b");
    assertThat(response.failed()).isEmpty();
    assertThat(awaitMessages(url, 2))
        .extracting(Message::body)
        .containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void theJournalRecordsThePublishAndEachDeliveryWithItsPayload() throws Exception {
    String topicArn = topic("journaled");
    String url = stack.createQueue("journaled-queue");
    String subscription = subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    String messageId = sns.publish(b -> b.topicArn(topicArn).message("recorded")).messageId();
    awaitMessages(url, 1);

    List<JournalEvent> events =
        stack.server().inspector().journal().stream()
            .filter(event -> event.service().equals(SnsEvents.SERVICE))
            .toList();
    assertThat(events)
        .extracting(JournalEvent::type)
        .containsSubsequence(
            SnsEvents.TOPIC_CREATED,
            SnsEvents.SUBSCRIBED,
            SnsEvents.MESSAGE_PUBLISHED,
            SnsEvents.MESSAGE_DELIVERED);
    JournalEvent delivered =
        events.stream()
            .filter(event -> event.type().equals(SnsEvents.MESSAGE_DELIVERED))
            .findFirst()
            .orElseThrow();
    assertThat(delivered.details())
        .containsEntry(SnsEvents.Details.MESSAGE_ID, messageId)
        .containsEntry(SnsEvents.Details.SUBSCRIPTION_ARN, subscription)
        .containsEntry(SnsEvents.Details.PAYLOAD, "recorded")
        .containsEntry(SnsEvents.Details.RAW, "true");
  }

  @Test
  void aDeletedQueuesMessagesGoToTheSubscriptionsDeadLetterQueue() throws Exception {
    String topicArn = topic("redriven");
    String gone = stack.createQueue("gone");
    String dlq = stack.createQueue("subscription-dlq");
    subscribe(
        topicArn,
        gone,
        Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + stack.arn(dlq) + "\"}"));
    stack.sqs().deleteQueue(b -> b.queueUrl(gone));

    sns.publish(b -> b.topicArn(topicArn).message("undeliverable"));

    JsonNode envelope = json(awaitMessages(dlq, 1).get(0).body());
    assertThat(envelope.get("Message").asText()).isEqualTo("undeliverable");
    Await.until(
        () ->
            stack.server().inspector().journal().stream()
                .anyMatch(event -> event.type().equals(SnsEvents.MESSAGE_DEAD_LETTERED)));
    assertThat(
            stack.server().inspector().journal().stream()
                .map(JournalEvent::type)
                .filter(type -> type.startsWith("Delivery") || type.endsWith("DeadLettered")))
        .containsExactly(SnsEvents.DELIVERY_FAILED, SnsEvents.MESSAGE_DEAD_LETTERED);
  }

  @Test
  void theAsyncClientPublishesToo() throws Exception {
    SnsAsyncClient async = stack.track(SnsClients.async(stack.server()));
    String topicArn = topic("async");
    String url = stack.createQueue("async-queue");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    async.publish(b -> b.topicArn(topicArn).message("from netty")).join();

    assertThat(awaitMessages(url, 1)).extracting(Message::body).containsExactly("from netty");
  }

  @Test
  void manySubscribersEachGetEveryMessageOnce() throws Exception {
    String topicArn = topic("wide");
    List<String> queues = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String url = stack.createQueue("wide-" + i);
      subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));
      queues.add(url);
    }

    IntStream.range(0, 50).forEach(i -> sns.publish(b -> b.topicArn(topicArn).message("m" + i)));

    for (Iterator<String> it = queues.iterator(); it.hasNext(); ) {
      List<String> bodies = awaitMessages(it.next(), 50).stream().map(Message::body).toList();
      assertThat(bodies).hasSize(50).doesNotHaveDuplicates();
    }
    for (String url : queues) {
      assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }
  }

  @Test
  void messageGroupThroughputScopeDeduplicatesWithinEachGroup() throws Exception {
    String topicArn =
        sns.createTopic(
                b ->
                    b.name("per-group.fifo")
                        .attributes(
                            Map.of(
                                "FifoTopic", "true",
                                "ContentBasedDeduplication", "true",
                                "FifoThroughputScope", "MessageGroup")))
            .topicArn();
    // The queue deduplicates per group too, or it would swallow what the topic let through.
    String url =
        stack.createFifoQueue(
            "per-group.fifo",
            Map.of(
                QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
                QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    String first =
        sns.publish(b -> b.topicArn(topicArn).message("same").messageGroupId("a")).messageId();
    String otherGroup =
        sns.publish(b -> b.topicArn(topicArn).message("same").messageGroupId("b")).messageId();
    String again =
        sns.publish(b -> b.topicArn(topicArn).message("same").messageGroupId("a")).messageId();

    assertThat(otherGroup).isNotEqualTo(first);
    assertThat(again).isEqualTo(first);
    assertThat(awaitMessages(url, 2)).extracting(Message::body).containsExactly("same", "same");
  }

  @Test
  void targetArnNamesATopicToo() throws Exception {
    String topicArn = topic("targeted");
    String url = stack.createQueue("targeted-queue");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    sns.publish(b -> b.targetArn(topicArn).message("by target"));

    assertThat(awaitMessages(url, 1)).extracting(Message::body).containsExactly("by target");
  }

  @Test
  void smsPublishedToAPhoneNumberIsRecorded() {
    String messageId =
        sns.publish(b -> b.phoneNumber("+15555550100").message("your code: 42")).messageId();

    JournalEvent published =
        stack.server().inspector().journal().stream()
            .filter(event -> event.type().equals(SnsEvents.MESSAGE_PUBLISHED))
            .findFirst()
            .orElseThrow();
    assertThat(published.resource()).isEqualTo("+15555550100");
    assertThat(published.details())
        .containsEntry(SnsEvents.Details.MESSAGE_ID, messageId)
        .containsEntry(SnsEvents.Details.PHONE_NUMBER, "+15555550100")
        .containsEntry(SnsEvents.Details.MESSAGE, "your code: 42");
  }
}
