package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.*;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.*;

import io.serverlessstack.fake.SdkDigests;
import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** FIFO queues: order per message group, groups held back while in flight, deduplication. */
class SqsFifoTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private final SqsClient sqs = stack.sqs();

  private static String fifoQueue(String name) {
    return stack.createFifoQueue(name, Map.of());
  }

  @Test
  void fifoQueueDeliversEachGroupInSendOrder() {
    String url = fifoQueue("ordered.fifo");
    IntStream.range(0, 6).forEach(i -> stack.sendFifo(url, i % 2 == 0 ? "even" : "odd", "m" + i));

    List<Message> received = stack.receive(url, 10);

    assertThat(bodiesOf(received, "even")).containsExactly("m0", "m2", "m4");
    assertThat(bodiesOf(received, "odd")).containsExactly("m1", "m3", "m5");
  }

  @Test
  void fifoQueueHoldsBackGroupWhileAMessageIsInFlight() {
    String url = fifoQueue("held.fifo");
    stack.sendFifo(url, "a", "a1");
    stack.sendFifo(url, "a", "a2");
    stack.sendFifo(url, "b", "b1");
    Message a1 = stack.receive(url, 1).get(0);
    assertThat(a1.body()).isEqualTo("a1");

    assertThat(stack.receiveBodies(url, 10)).containsExactly("b1");
    assertThat(stack.receive(url, 10)).isEmpty();

    stack.delete(url, a1);
    assertThat(stack.receiveBodies(url, 10)).containsExactly("a2");
  }

  @Test
  void groupIsReleasedWhenItsInFlightMessageBecomesVisibleAgain() {
    String url = stack.createFifoQueue("redelivered.fifo", Map.of(VISIBILITY_TIMEOUT, "30"));
    stack.sendFifo(url, "g", "first");
    stack.sendFifo(url, "g", "second");
    assertThat(stack.receiveBodies(url, 1)).containsExactly("first");

    stack.advance(Duration.ofSeconds(30));

    List<Message> again = stack.receive(url, 1);
    assertThat(again).extracting(Message::body).containsExactly("first");
    assertThat(again.get(0).attributes()).containsEntry(APPROXIMATE_RECEIVE_COUNT, "2");
  }

  @Test
  void aMessageKeptInvisibleHoldsBackTheMessagesBehindIt() {
    String url = stack.createFifoQueue("middle.fifo", Map.of(VISIBILITY_TIMEOUT, "1"));
    List.of("foo", "bar", "baz").forEach(body -> stack.sendFifo(url, "1", body));
    List<Message> all = stack.receive(url, 5);
    assertThat(all).extracting(Message::body).containsExactly("foo", "bar", "baz");

    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(all.get(1).receiptHandle()).visibilityTimeout(4));
    stack.advance(Duration.ofSeconds(2));

    assertThat(stack.receiveBodies(url, 5)).containsExactly("foo");
  }

  @Test
  void sequenceNumbersIncreaseAndTravelWithTheMessage() {
    String url = fifoQueue("sequenced.fifo");
    List<SendMessageResponse> sent =
        IntStream.range(0, 4).mapToObj(i -> stack.sendFifo(url, "g" + (i % 2), "s" + i)).toList();

    List<BigInteger> numbers = sent.stream().map(r -> new BigInteger(r.sequenceNumber())).toList();
    assertThat(numbers).isSorted().doesNotHaveDuplicates();
    for (Message message : stack.receive(url, 10)) {
      SendMessageResponse original =
          sent.stream()
              .filter(r -> r.messageId().equals(message.messageId()))
              .findFirst()
              .orElseThrow();
      assertThat(message.attributes())
          .containsEntry(SEQUENCE_NUMBER, original.sequenceNumber())
          .containsEntry(MESSAGE_DEDUPLICATION_ID, message.body())
          .containsKey(MESSAGE_GROUP_ID);
    }
  }

  // ---- deduplication

  @Test
  void duplicateDeduplicationIdWithinFiveMinutesIsAcceptedButNotDelivered() {
    String url = fifoQueue("dedup.fifo");
    SendMessageResponse first = stack.sendFifo(url, "g", "same");
    stack.sendFifo(url, "g", "same");

    Message only = stack.receive(url, 10).get(0);
    assertThat(stack.receive(url, 10)).isEmpty();

    stack.delete(url, only);
    stack.advance(Duration.ofMinutes(4));
    stack.sendFifo(url, "g", "same");
    assertThat(stack.receive(url, 10)).isEmpty();

    stack.advance(Duration.ofMinutes(1));
    SendMessageResponse accepted = stack.sendFifo(url, "g", "same");
    assertThat(accepted.messageId()).isNotEqualTo(first.messageId());
    assertThat(stack.receiveBodies(url, 10)).containsExactly("same");
  }

  @Test
  void duplicateWithDifferentContentIsAcknowledgedWithItsOwnDigests() {
    String url = fifoQueue("retried.fifo");
    Map<String, MessageAttributeValue> attributes = Map.of("attempt", SqsStack.number("2"));
    stack.send(
        url, b -> b.messageBody("attempt 1").messageGroupId("g").messageDeduplicationId("order-7"));

    // The SDK checks the answer's digests against what it sent, so a passing send proves them.
    SendMessageResponse retried =
        stack.send(
            url,
            b ->
                b.messageBody("attempt 2")
                    .messageAttributes(attributes)
                    .messageGroupId("g")
                    .messageDeduplicationId("order-7"));

    assertThat(retried.md5OfMessageAttributes()).isEqualTo(SdkDigests.ofAttributes(attributes));
    assertThat(stack.receiveBodies(url, 10)).containsExactly("attempt 1");
  }

  @Test
  void contentBasedDeduplicationUsesTheBodyAcrossGroups() {
    String url = stack.createFifoQueue("content.fifo", Map.of(CONTENT_BASED_DEDUPLICATION, "true"));
    stack.send(url, b -> b.messageBody("{\"foo\":\"bar\"}").messageGroupId("one"));
    stack.send(url, b -> b.messageBody("{\"foo\":\"bar\"}").messageGroupId("two"));
    stack.send(url, b -> b.messageBody("other").messageGroupId("one"));
    stack.send(
        url, b -> b.messageBody("other").messageGroupId("one").messageDeduplicationId("explicit"));

    List<Message> received = stack.receive(url, 10);

    assertThat(received)
        .extracting(Message::body)
        .containsExactly("{\"foo\":\"bar\"}", "other", "other");
    assertThat(received.get(0).attributes())
        .containsEntry(
            MESSAGE_DEDUPLICATION_ID,
            "7a38bf81f383f69433ad6e900d35b3e2385593f76a7b7ab5d4355b8ba41ee24b");
  }

  @Test
  void messageGroupDeduplicationScopeDeduplicatesWithinEachGroupOnly() {
    String url =
        stack.createFifoQueue("group-scope.fifo", Map.of(DEDUPLICATION_SCOPE, "messageGroup"));
    stack.send(url, b -> b.messageBody("Test").messageGroupId("1").messageDeduplicationId("d"));
    stack.send(url, b -> b.messageBody("Test").messageGroupId("2").messageDeduplicationId("d"));
    stack.send(url, b -> b.messageBody("Test").messageGroupId("2").messageDeduplicationId("d"));

    assertThat(stack.receive(url, 10))
        .extracting(message -> message.attributes().get(MESSAGE_GROUP_ID))
        .containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void receiveRequestAttemptIdReturnsTheSameMessagesOnRetry() {
    String url = fifoQueue("attempts.fifo");
    IntStream.range(0, 3).forEach(i -> stack.sendFifo(url, "g", "r" + i));

    List<Message> first =
        stack.receive(url, b -> b.maxNumberOfMessages(2).receiveRequestAttemptId("try-1"));
    List<Message> retried =
        stack.receive(url, b -> b.maxNumberOfMessages(2).receiveRequestAttemptId("try-1"));
    List<Message> other =
        stack.receive(url, b -> b.maxNumberOfMessages(2).receiveRequestAttemptId("try-2"));

    assertThat(first).extracting(Message::body).containsExactly("r0", "r1");
    assertThat(retried)
        .extracting(Message::messageId, Message::receiptHandle)
        .containsExactlyElementsOf(
            first.stream().map(m -> tuple(m.messageId(), m.receiptHandle())).toList());
    assertThat(other).isEmpty();
  }

  @Test
  void retryingAReceiveAttemptStartsItsVisibilityTimeoutAfresh() {
    String url = fifoQueue("attempt-visibility.fifo");
    stack.sendFifo(url, "g", "held");
    List<Message> first =
        stack.receive(url, b -> b.visibilityTimeout(30).receiveRequestAttemptId("try"));
    stack.advance(Duration.ofSeconds(20));

    List<Message> retried =
        stack.receive(url, b -> b.visibilityTimeout(30).receiveRequestAttemptId("try"));
    stack.advance(Duration.ofSeconds(20));

    assertThat(retried)
        .extracting(Message::receiptHandle)
        .containsExactly(first.get(0).receiptHandle());
    assertThat(stack.receive(url, 10)).as("hidden 30 s from the retry, not the receive").isEmpty();
    stack.advance(Duration.ofSeconds(11));
    assertThat(stack.receiveBodies(url, 10)).containsExactly("held");
  }

  @Test
  void aReceiveAttemptWhoseMessagesChangedCannotBeRetried() {
    String url = fifoQueue("attempt-changed.fifo");
    stack.sendFifo(url, "g", "deleted");
    stack.sendFifo(url, "h", "extended");
    Message deleted = stack.receive(url, b -> b.receiveRequestAttemptId("deleting")).get(0);
    Message extended = stack.receive(url, b -> b.receiveRequestAttemptId("extending")).get(0);
    stack.delete(url, deleted);
    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(extended.receiptHandle()).visibilityTimeout(60));

    for (String attempt : List.of("deleting", "extending")) {
      SqsException error =
          assertAwsError(
              () -> stack.receive(url, b -> b.receiveRequestAttemptId(attempt)),
              SqsException.class,
              "InvalidParameterValue",
              400);
      assertThat(error.awsErrorDetails().errorMessage())
          .isEqualTo(
              "Value "
                  + attempt
                  + " for parameter ReceiveRequestAttemptId is invalid. Reason: The"
                  + " receiveRequestAttemptId is not valid anymore since the receive call is not"
                  + " retryable.");
    }
  }

  // ---- FIFO rules on sending and deleting

  @Test
  void sendingWithoutAGroupIdIsAMissingParameter() {
    String url = fifoQueue("no-group.fifo");

    assertAwsError(
        () -> stack.send(url, b -> b.messageBody("x").messageDeduplicationId("d")),
        SqsException.class,
        "MissingParameter",
        400);
  }

  @Test
  void sendingWithoutADeduplicationIdNeedsContentBasedDeduplication() {
    String url = fifoQueue("no-dedup.fifo");

    assertAwsError(
        () -> stack.send(url, b -> b.messageBody("x").messageGroupId("g")),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void aBatchWithAnEntryMissingItsGroupIdFailsAsAWhole() {
    String url = fifoQueue("batch-group.fifo");

    assertAwsError(
        () ->
            sqs.sendMessageBatch(
                b ->
                    b.queueUrl(url)
                        .entries(
                            SendMessageBatchRequestEntry.builder()
                                .id("ok")
                                .messageBody("ok")
                                .messageGroupId("g")
                                .messageDeduplicationId("ok")
                                .build(),
                            SendMessageBatchRequestEntry.builder()
                                .id("no-group")
                                .messageBody("no group")
                                .messageDeduplicationId("no-group")
                                .build())),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void aBatchWithAnEntryMissingItsDeduplicationIdFailsAsAWhole() {
    String url = fifoQueue("batch-dedup.fifo");

    assertAwsError(
        () ->
            sqs.sendMessageBatch(
                b ->
                    b.queueUrl(url)
                        .entries(
                            SendMessageBatchRequestEntry.builder()
                                .id("ok")
                                .messageBody("ok")
                                .messageGroupId("g")
                                .messageDeduplicationId("ok")
                                .build(),
                            SendMessageBatchRequestEntry.builder()
                                .id("no-dedup")
                                .messageBody("no dedup")
                                .messageGroupId("g")
                                .build())),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void perMessageDelayIsRejectedButZeroMeansTheQueueDelay() {
    String url =
        stack.createFifoQueue(
            "delay.fifo", Map.of(CONTENT_BASED_DEDUPLICATION, "true", DELAY_SECONDS, "2"));

    assertAwsError(
        () -> stack.send(url, b -> b.messageBody("late").messageGroupId("g").delaySeconds(2)),
        SqsException.class,
        "InvalidParameterValue",
        400);
    stack.send(url, b -> b.messageBody("queue delay").messageGroupId("g").delaySeconds(0));

    assertThat(stack.receive(url, 10)).isEmpty();
    stack.advance(Duration.ofSeconds(2));
    assertThat(stack.receiveBodies(url, 10)).containsExactly("queue delay");
  }

  @Test
  void deleteWithAnExpiredReceiptHandleFails() {
    String url = stack.createFifoQueue("expired-handle.fifo", Map.of(VISIBILITY_TIMEOUT, "1"));
    stack.sendFifo(url, "1", "foobar");
    Message message = stack.receive(url, 1).get(0);
    stack.advance(Duration.ofSeconds(1));

    SqsException error =
        assertAwsError(
            () -> stack.delete(url, message), SqsException.class, "InvalidParameterValue", 400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Value "
                + message.receiptHandle()
                + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
  }

  @Test
  void deleteAfterExtendingTheVisibilitySucceeds() {
    String url = stack.createFifoQueue("extended.fifo", Map.of(VISIBILITY_TIMEOUT, "1"));
    stack.sendFifo(url, "1", "foobar");
    Message message = stack.receive(url, 1).get(0);
    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(5));
    stack.advance(Duration.ofSeconds(2));

    stack.delete(url, message);

    stack.advance(Duration.ofSeconds(5));
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void fifoMessagesExpireAfterTheRetentionPeriod() {
    String url = stack.createFifoQueue("retention.fifo", Map.of(MESSAGE_RETENTION_PERIOD, "60"));
    stack.sendFifo(url, "g", "old");
    stack.advance(Duration.ofSeconds(30));
    stack.sendFifo(url, "g", "young");
    stack.advance(Duration.ofSeconds(30));

    assertThat(stack.receiveBodies(url, 10)).containsExactly("young");
    assertThat(stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
  }

  private static List<String> bodiesOf(List<Message> messages, String group) {
    return messages.stream()
        .filter(message -> group.equals(message.attributes().get(MESSAGE_GROUP_ID)))
        .map(Message::body)
        .toList();
  }
}
