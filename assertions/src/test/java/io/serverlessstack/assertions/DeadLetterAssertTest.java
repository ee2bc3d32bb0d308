package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class DeadLetterAssertTest {

  private static LiveStack stack;
  private String orders;
  private String deadLetters;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void queueWithDeadLetterQueue() {
    stack.server.reset();
    deadLetters = stack.createQueue("orders-dlq");
    orders =
        stack.createQueue(
            "orders",
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                "30",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\""
                    + stack.arn(deadLetters)
                    + "\",\"maxReceiveCount\":\"3\"}"));
  }

  /** Receives without deleting until the queue moves the message on (receive 4). */
  private void failToProcess(int receives) {
    for (int i = 0; i < receives; i++) {
      stack.receiveOne(orders);
      stack.advance(Duration.ofSeconds(31));
    }
  }

  @Test
  void hasMovedMessageToDeadLetterQueuePassesOnceItWasReceivedMaxReceiveCountTimes() {
    stack.send(orders, "poison");
    stack.send(orders, "fine");
    Message fine = null;
    for (int i = 0; i < 4; i++) {
      for (Message message :
          stack
              .sqs
              .receiveMessage(request -> request.queueUrl(orders).maxNumberOfMessages(10))
              .messages()) {
        if (message.body().equals("fine")) {
          fine = message;
        }
      }
      if (fine != null) {
        stack.delete(orders, fine);
        fine = null;
      }
      stack.advance(Duration.ofSeconds(31));
    }

    assertThat(stack.queue("orders"))
        .hasMovedMessageToDeadLetterQueue("poison")
        .afterBeingReceived(3);
    assertThat(stack.queue("orders"))
        .hasMovedMessageToDeadLetterQueue(body -> body.startsWith("poi"));
    assertThat(stack.queue("orders")).isEmpty();
    assertThat(stack.queue("orders-dlq"))
        .hasBeenSentMessageWithBody("poison")
        .hasVisibleMessages(1);
  }

  @Test
  void hasMovedMessageToDeadLetterQueueStillPassesAfterTheDeadLetterQueueWasDrained() {
    stack.send(orders, "poison");
    failToProcess(4);
    Message dead = stack.receiveOne(deadLetters);
    stack.delete(deadLetters, dead);

    assertThat(stack.queue("orders"))
        .hasMovedMessageToDeadLetterQueue("poison")
        .afterBeingReceived(3);
  }

  @Test
  void afterBeingReceivedFailsWithTheCountTheJournalRecorded() {
    stack.send(orders, "poison");
    failToProcess(4);

    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders"))
                    .hasMovedMessageToDeadLetterQueue("poison")
                    .afterBeingReceived(2))
        .hasMessageContaining(
            "Expecting queue \"orders\" to have moved a message with body \"poison\" to its"
                + " dead-letter queue after being received 2 times")
        .hasMessageContaining("but it moved such a message after being received 3 times.")
        .hasMessageContaining(
            "MessageMovedToDeadLetterQueue body=\"poison\" receiveCount=3 deadLetterQueue=\"orders-dlq\"");
  }

  @Test
  void hasMovedMessageToDeadLetterQueueFailsBeforeTheReceiveThatMovesTheMessage() {
    stack.send(orders, "poison");
    failToProcess(3);

    assertThatThrownBy(
            () -> assertThat(stack.queue("orders")).hasMovedMessageToDeadLetterQueue("poison"))
        .hasMessageContaining(
            "but it moved no such message (such messages were received 3 times in all")
        .hasMessageContaining("\"maxReceiveCount\":3")
        .hasMessageContaining("VISIBLE \"poison\" receiveCount=3");
  }

  @Test
  void deadLetteredMessagesCountAsSentToTheDeadLetterQueue() {
    stack.send(orders, "poison");
    failToProcess(4);

    assertThatThrownBy(
            () -> assertThat(stack.queue("orders-dlq")).hasBeenSentMessageWithBody("other"))
        .hasMessageContaining("MessageMovedToDeadLetterQueue from \"orders\" body=\"poison\"");
  }
}
