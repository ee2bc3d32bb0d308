package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class QueueAssertTest {

  private static LiveStack stack;
  private String orders;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void freshQueue() {
    stack.server.reset();
    orders = stack.createQueue("orders");
  }

  @Test
  void hasBeenSentMessagePassesForAMessageSentToTheQueue() {
    stack.send(orders, "order-1");

    assertThat(stack.queue("orders"))
        .hasBeenSentMessageWithBody("order-1")
        .hasBeenSentMessageMatching(body -> body.startsWith("order-"));
  }

  @Test
  void hasBeenSentMessageWithBodyFailsShowingWhatTheJournalRecorded() {
    stack.send(orders, "order-1");

    assertThatThrownBy(
            () -> assertThat(stack.queue("orders")).hasBeenSentMessageWithBody("order-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expecting queue \"orders\" to have been sent a message with body \"order-2\"")
        .hasMessageContaining("none of the 1 messages sent to it matched")
        .hasMessageContaining("Now on the queue: 1 visible, 0 in flight, 0 delayed")
        .hasMessageContaining("VISIBLE \"order-1\"")
        .hasMessageContaining("The journal recorded for queue \"orders\" (2 events):")
        .hasMessageMatching("(?s).*#\\d+ QueueCreated.*#\\d+ MessageSent body=\"order-1\" id=.*");
  }

  @Test
  void hasBeenSentMessageMatchingFailureNamesTheDescribedCondition() {
    stack.send(orders, "order-1");

    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders"))
                    .hasBeenSentMessageMatching(
                        body -> body.contains("refund"), "mentioning a refund"))
        .hasMessageContaining("to have been sent a message mentioning a refund");
  }

  @Test
  void hasBeenSentMessagesWithBodiesListsOnlyTheMissingOnes() {
    stack.send(orders, "a");
    stack.send(orders, "c");

    assertThat(stack.queue("orders")).hasBeenSentMessagesWithBodies("c", "a");
    assertThatThrownBy(
            () -> assertThat(stack.queue("orders")).hasBeenSentMessagesWithBodies("a", "b", "c"))
        .hasMessageContaining("none was sent with these:%n  [\"b\"]".formatted());
  }

  @Test
  void eventuallyKeepsLookingUntilAnotherThreadSendsTheMessageLater() {
    CountDownLatch looks = new CountDownLatch(2);
    CompletableFuture<Void> sending = LiveStack.sendAfter(looks, () -> stack.send(orders, "late"));

    assertThat(stack.watchedQueue("orders", looks)).eventually().hasBeenSentMessageWithBody("late");
    sending.join();
  }

  @Test
  void withinFailsAfterTheTimeoutWithTheLastStateItSaw() {
    stack.send(orders, "order-1");

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders"))
                    .within(Duration.ofMillis(60))
                    .hasBeenSentMessageWithBody("never"))
        .hasMessageContaining("with body \"never\"")
        .hasMessageContaining("MessageSent body=\"order-1\"")
        .hasMessageMatching(
            "(?s).*still not so after waiting 0\\.06s and checking \\d+ times?\\).*");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(60));
  }

  @Test
  void withoutEventuallyAnAssertionLooksOnlyOnce() {
    assertThatThrownBy(() -> assertThat(stack.queue("orders")).hasBeenSentMessageWithBody("x"))
        .hasMessageNotContaining("still not so after waiting");
  }

  @Test
  void countsFollowVisibilityAndDelaysOnTheStackClock() {
    stack.send(orders, "first");
    stack.send(orders, "second");
    stack.sqs.sendMessage(
        request -> request.queueUrl(orders).messageBody("later").delaySeconds(10));
    stack.receiveOne(orders);

    assertThat(stack.queue("orders"))
        .hasVisibleMessages(1)
        .hasInFlightMessages(1)
        .hasDelayedMessages(1)
        .hasMessageCount(3);

    stack.advance(Duration.ofSeconds(10));

    assertThat(stack.queue("orders"))
        .hasVisibleMessages(2)
        .hasInFlightMessages(1)
        .hasDelayedMessages(0);
  }

  @Test
  void countFailureShowsExpectedActualAndEachMessage() {
    stack.send(orders, "first");
    stack.send(orders, "second");
    stack.receiveOne(orders);

    assertThatThrownBy(() -> assertThat(stack.queue("orders")).hasVisibleMessages(2))
        .hasMessageContaining("Expecting queue \"orders\" to hold 2 visible messages")
        .hasMessageContaining("but it holds 1.")
        .hasMessageContaining("IN_FLIGHT \"first\" receiveCount=1")
        .hasMessageContaining("VISIBLE \"second\" receiveCount=0")
        .hasMessageContaining("MessageReceived body=\"first\" receiveCount=1 visibilityTimeout=30");
  }

  @Test
  void failureShowsTheFirstMessagesInSendOrderAndCountsTheRest() {
    for (int i = 0; i < 60; i++) {
      stack.send(orders, "m" + i);
    }

    assertThatThrownBy(() -> assertThat(stack.queue("orders")).hasVisibleMessages(1))
        .hasMessageContaining("Now on the queue: 60 visible, 0 in flight, 0 delayed")
        .hasMessageMatching(
            "(?s).*"
                + IntStream.range(0, 20)
                    .mapToObj(i -> "  VISIBLE \"m" + i + "\" receiveCount=0\\R")
                    .collect(Collectors.joining())
                + "  … 40 more messages not shown\\R.*")
        .hasMessageNotContaining("\"m20\" receiveCount");
  }

  @Test
  void isEmptyPassesOnlyOnceEveryMessageIsDeleted() {
    stack.send(orders, "only");
    Message received = stack.receiveOne(orders);

    assertThatThrownBy(() -> assertThat(stack.queue("orders")).isEmpty())
        .hasMessageContaining("Expecting queue \"orders\" to be empty")
        .hasMessageContaining("but it holds 1 messages.");

    stack.delete(orders, received);
    assertThat(stack.queue("orders")).isEmpty();
  }

  @Test
  void assertionsOnAMissingQueueSayItDoesNotExistAndListTheQueues() {
    assertThatThrownBy(() -> assertThat(stack.queue("payments")).isEmpty())
        .hasMessageContaining("Expecting queue \"payments\" to exist")
        .hasMessageContaining("its queues are:%n  [\"orders\"]".formatted())
        .hasMessageContaining("the queue does not exist (now)");
    assertThatThrownBy(() -> assertThat(stack.queue("payments")).exists())
        .hasMessageContaining("to exist");
    assertThat(stack.queue("orders")).exists();
  }

  @Test
  void descriptionPrefixesTheFailure() {
    assertThatThrownBy(
            () -> assertThat(stack.queue("orders")).as("incoming orders").hasVisibleMessages(5))
        .hasMessageStartingWith("[incoming orders] ");
  }

  @Test
  void stackAssertLeadsToTheQueueByName() {
    stack.send(orders, "order-1");

    assertThat(stack.server.inspector()).queue("orders").hasBeenSentMessageWithBody("order-1");
    assertThatThrownBy(
            () -> assertThat(stack.server.inspector()).as("stack").queue("orders").isEmpty())
        .hasMessageStartingWith("[stack] ");
  }

  @Test
  void hasBeenSentNoDuplicatesFailsWhenAStandardQueueWasSentOneBodyTwice() {
    stack.send(orders, "order-1");
    stack.send(orders, "order-2");
    assertThat(stack.queue("orders")).hasBeenSentNoDuplicates();

    stack.send(orders, "order-1");
    assertThatThrownBy(() -> assertThat(stack.queue("orders")).hasBeenSentNoDuplicates())
        .hasMessageContaining("to have been sent no message body twice in one message group")
        .hasMessageContaining("but these were sent more than once:")
        .hasMessageContaining("body \"order-1\": 2 times");
  }

  @Test
  void hasBeenSentNoDuplicatesIgnoresSendsThatFifoDeduplicationSwallowed() {
    String fifo = stack.createFifoQueue("payments.fifo");
    stack.sendToGroup(fifo, "customer-1", "pay-1");
    stack.sendToGroup(fifo, "customer-1", "pay-1");
    stack.sendToGroup(fifo, "customer-2", "pay-2");

    assertThat(stack.queue("payments.fifo")).hasBeenSentNoDuplicates().hasMessageCount(2);
  }

  @Test
  void hasBeenSentNoDuplicatesNamesTheGroupOfADuplicate() {
    String fifo =
        stack.createQueue(
            "payments.fifo",
            Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"));
    for (String deduplicationId : new String[] {"one", "two"}) {
      stack.sqs.sendMessage(
          request ->
              request
                  .queueUrl(fifo)
                  .messageGroupId("customer-1")
                  .messageDeduplicationId(deduplicationId)
                  .messageBody("pay-1"));
    }

    assertThatThrownBy(() -> assertThat(stack.queue("payments.fifo")).hasBeenSentNoDuplicates())
        .hasMessageContaining("body \"pay-1\" in group \"customer-1\": 2 times");
  }
}
