package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * What a user may rely on whichever way the stack runs: written once, run by {@link
 * InJvmSqsContractTest} and {@link ContainerSqsContractTest}. Each subclass only says where the
 * stack runs; the stack has a virtual clock in both.
 */
@SqsQueue(name = "contract-dlq")
@SqsQueue(
    name = "contract",
    deadLetterQueue = "contract-dlq",
    maxReceiveCount = 2,
    visibilityTimeout = 30)
@SqsQueue(name = "contract-dlq.fifo", fifo = true)
@SqsQueue(
    name = "contract.fifo",
    fifo = true,
    contentBasedDeduplication = true,
    deadLetterQueue = "contract-dlq.fifo",
    maxReceiveCount = 1)
abstract class SqsContract {

  private static final Duration PAST_VISIBILITY_TIMEOUT = Duration.ofSeconds(31);

  @Test
  void messagesRoundTripWithAttributesThroughTheUnmodifiedSdk(
      SqsClient sqs, @SqsQueueName("contract") SqsQueueHandle queue) {
    sqs.sendMessage(
        send ->
            send.queueUrl(queue.url())
                .messageBody("héllo, wörld")
                .messageAttributes(
                    Map.of(
                        "kind",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("greeting")
                            .build())));

    List<Message> received =
        sqs.receiveMessage(receive -> receive.queueUrl(queue.url()).messageAttributeNames("All"))
            .messages();

    assertThat(received).extracting(Message::body).containsExactly("héllo, wörld");
    assertThat(received.get(0).messageAttributes().get("kind").stringValue()).isEqualTo("greeting");
    assertThat(queue).hasBeenSentMessageWithBody("héllo, wörld").hasInFlightMessages(1);
    sqs.deleteMessage(
        delete -> delete.queueUrl(queue.url()).receiptHandle(received.get(0).receiptHandle()));
    assertThat(queue).isEmpty();
  }

  @Test
  void unreceivedMessageGoesToTheDeadLetterQueueAfterMaxReceives(
      SqsClient sqs,
      ClockControl clock,
      @SqsQueueName("contract") SqsQueueHandle queue,
      @SqsQueueName("contract-dlq") SqsQueueHandle deadLetters) {
    sqs.sendMessage(send -> send.queueUrl(queue.url()).messageBody("poison"));

    for (int receive = 0; receive < 2; receive++) {
      assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url())).messages()).hasSize(1);
      clock.advance(PAST_VISIBILITY_TIMEOUT);
    }
    assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url())).messages()).isEmpty();

    assertThat(queue).hasMovedMessageToDeadLetterQueue("poison").afterBeingReceived(2);
    assertThat(deadLetters).hasVisibleMessages(1).hasBeenSentMessageWithBody("poison");
  }

  @Test
  void fifoQueueDeliversEachGroupInSendOrderAndDeduplicatesByContent(
      SqsClient sqs, @SqsQueueName("contract.fifo") SqsQueueHandle queue) {
    for (String body : List.of("a1", "b1", "a2", "a1", "b2", "a3")) {
      sqs.sendMessage(
          send ->
              send.queueUrl(queue.url()).messageBody(body).messageGroupId(body.substring(0, 1)));
    }

    assertThat(queue).hasBeenSentNoDuplicates().hasVisibleMessages(5);
    assertThat(queue).messagesOfGroup("a").wereSentInOrder("a1", "a2", "a3");
    assertThat(queue).messagesOfGroup("b").wereSentInOrder("b1", "b2");
  }

  @Test
  void fifoGroupIsHeldBackWhileItsHeadIsInFlightThenDeadLettered(
      SqsClient sqs,
      ClockControl clock,
      @SqsQueueName("contract.fifo") SqsQueueHandle queue,
      @SqsQueueName("contract-dlq.fifo") SqsQueueHandle deadLetters) {
    sqs.sendMessage(s -> s.queueUrl(queue.url()).messageBody("first").messageGroupId("g"));
    sqs.sendMessage(s -> s.queueUrl(queue.url()).messageBody("second").messageGroupId("g"));

    assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url())).messages())
        .extracting(Message::body)
        .containsExactly("first");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url())).messages()).isEmpty();

    clock.advance(PAST_VISIBILITY_TIMEOUT);

    assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url())).messages())
        .extracting(Message::body)
        .containsExactly("second");
    assertThat(queue).hasMovedMessageToDeadLetterQueue("first").afterBeingReceived(1);
    assertThat(deadLetters).hasBeenSentMessageWithBody("first");
  }

  @Test
  void errorsReachTheSdkAsItsOwnExceptions(SqsClient sqs) {
    assertThatThrownBy(() -> sqs.getQueueUrl(get -> get.queueName("no-such-queue")))
        .isInstanceOf(QueueDoesNotExistException.class)
        .satisfies(
            error ->
                assertThat(((QueueDoesNotExistException) error).awsErrorDetails().errorCode())
                    .isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
  }

  @Test
  void eachTestStartsFromTheDeclaredQueuesOnly(StackInspector inspector) {
    assertThat(inspector.queues())
        .extracting(queue -> queue.name())
        .containsExactlyInAnyOrder(
            "contract", "contract-dlq", "contract.fifo", "contract-dlq.fifo");
    assertThat(inspector.queues()).allSatisfy(queue -> assertThat(queue.messages()).isEmpty());
  }
}
