package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Queue assertions on messages an SNS topic delivered in its JSON envelope match the envelope's
 * {@code Message}, so a test never parses the envelope; raw bodies match as before.
 */
class EnvelopeAwareQueueAssertTest {

  private static LiveStack stack;
  private String orders;
  private String work;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void topicFanningOutToAQueue() {
    stack.server.reset();
    orders = stack.createTopic("orders");
    work = stack.createQueue("work");
    stack.subscribe(orders, work, Map.of());
  }

  @Test
  void anEnvelopedMessageMatchesByItsMessageAndByTheWholeEnvelope() {
    stack.publish(orders, "order-1");

    assertThat(stack.queue("work"))
        .eventually()
        .hasBeenSentMessageWithBody("order-1")
        .hasBeenSentMessageMatching(body -> body.equals("order-1"))
        .hasBeenSentMessagesWithBodies("order-1");
    String envelope = stack.receiveOne(work).body();
    assertThat(envelope).contains("\"Type\" : \"Notification\"", "\"Message\" : \"order-1\"");
    assertThat(stack.queue("work"))
        .hasBeenSentMessageWithBody(envelope)
        .hasBeenSentMessageMatching(body -> body.contains("\"TopicArn\""));
  }

  @Test
  void rawBodiesOnTheSameQueueStillMatchAsSent() {
    stack.publish(orders, "from the topic");
    stack.send(work, "sent directly");

    assertThat(stack.queue("work"))
        .eventually()
        .hasBeenSentMessagesWithBodies("sent directly", "from the topic");
  }

  @Test
  void aFailureShowsAnEnvelopeByItsMessage() {
    stack.publish(orders, "order-1");
    assertThat(stack.queue("work")).eventually().hasBeenSentMessageWithBody("order-1");

    assertThatThrownBy(() -> assertThat(stack.queue("work")).hasBeenSentMessageWithBody("order-2"))
        .hasMessageContaining("but none of the 1 messages sent to it matched.")
        .hasMessageContaining("  VISIBLE snsMessage=\"order-1\" receiveCount=0")
        .hasMessageMatching("(?s).*#\\d+ MessageSent snsMessage=\"order-1\" id=.*")
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("TopicArn"));
    assertThatThrownBy(
            () -> assertThat(stack.queue("work")).hasBeenSentMessagesWithBodies("order-1", "x"))
        .hasMessageContaining("but none was sent with these:\n  [\"x\"]");
  }

  @Test
  void hasBeenSentNoDuplicatesComparesTheMessagesInsideEnvelopes() {
    stack.publish(orders, "order-1");
    stack.publish(orders, "order-2");
    assertThat(stack.queue("work")).eventually().hasMessageCount(2).hasBeenSentNoDuplicates();

    stack.publish(orders, "order-1");
    assertThat(stack.queue("work")).eventually().hasMessageCount(3);

    assertThatThrownBy(() -> assertThat(stack.queue("work")).hasBeenSentNoDuplicates())
        .hasMessageContaining("body \"order-1\": 2 times");
  }

  @Test
  void groupOrderOfAFifoTopicDeliveredToAFifoQueueIsCheckedOnTheMessages() {
    String fifoTopic = stack.createFifoTopic("orders.fifo");
    String fifoQueue = stack.createFifoQueue("work.fifo");
    stack.subscribe(fifoTopic, fifoQueue, Map.of());
    stack.publishToGroup(fifoTopic, "alice", "a1");
    stack.publishToGroup(fifoTopic, "bob", "b1");
    stack.publishToGroup(fifoTopic, "alice", "a2");

    assertThat(stack.queue("work.fifo")).eventually().hasMessageCount(3);
    assertThat(stack.queue("work.fifo")).messagesOfGroup("alice").wereSentInOrder("a1", "a2");
    assertThatThrownBy(
            () ->
                assertThat(stack.queue("work.fifo"))
                    .messagesOfGroup("alice")
                    .wereSentInOrder("a2", "a1"))
        .hasMessageContaining("but these were sent, in this order:\n  [\"a1\", \"a2\"]");

    Message first = stack.receiveOne(fifoQueue);
    stack.delete(fifoQueue, first);
    stack.delete(fifoQueue, stack.receiveOne(fifoQueue));
    assertThat(stack.queue("work.fifo")).messagesOfGroup("alice").wereReceivedInOrder("a1");
  }

  @Test
  void aDeadLetteredEnvelopeIsFoundByItsMessage() {
    String deadLetters = stack.createQueue("work-dlq");
    String poisoned =
        stack.createQueue(
            "poisoned",
            Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\""
                    + stack.arn(deadLetters)
                    + "\",\"maxReceiveCount\":\"1\"}"));
    stack.subscribe(orders, poisoned, Map.of());
    stack.publish(orders, "poison");
    assertThat(stack.queue("poisoned")).eventually().hasVisibleMessages(1);

    assertThat(stack.receiveOne(poisoned)).isNotNull();
    stack.advance(Duration.ofSeconds(31));
    assertThat(stack.receiveOne(poisoned)).isNull();

    assertThat(stack.queue("poisoned")).hasMovedMessageToDeadLetterQueue("poison");
    assertThat(stack.queue("work-dlq")).hasBeenSentMessageWithBody("poison");
  }
}
