package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.SqsStack.string;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.*;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** Redrive: after maxReceiveCount receives a message moves to the dead-letter queue, intact. */
class SqsDeadLetterTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final String TRACE_HEADER =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  private final SqsClient sqs = stack.sqs();

  @Test
  void messageMovesToTheDeadLetterQueueAfterMaxReceiveCountWithItsAttributes() {
    String source = stack.createQueueWithDeadLetterQueue("orders", 2);
    String dlq = url("orders-dlq");
    SendMessageResponse sent =
        stack.send(
            source,
            b ->
                b.messageBody("poison")
                    .messageAttributes(Map.of("MyAttribute", string("foobar")))
                    .messageSystemAttributes(SqsStack.traceHeader(TRACE_HEADER)));

    assertThat(receiveAndRelease(source)).hasSize(1);
    assertThat(receiveAndRelease(source)).hasSize(1);
    assertThat(receiveAndRelease(source)).isEmpty();

    Message dead = stack.receive(dlq, 10).get(0);
    assertThat(dead.messageId()).isEqualTo(sent.messageId());
    assertThat(dead.body()).isEqualTo("poison");
    assertThat(dead.messageAttributes()).isEqualTo(Map.of("MyAttribute", string("foobar")));
    assertThat(dead.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
    assertThat(dead.attributes())
        .containsEntry(AWS_TRACE_HEADER, TRACE_HEADER)
        .containsEntry(DEAD_LETTER_QUEUE_SOURCE_ARN, stack.arn(source))
        .containsEntry(APPROXIMATE_RECEIVE_COUNT, "3");
    assertThat(stack.server().inspector().journal())
        .extracting(JournalEvent::type)
        .contains(SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE);
  }

  @Test
  void messagesBelowMaxReceiveCountStayOnTheSourceQueue() {
    String source = stack.createQueueWithDeadLetterQueue("patient", 3);
    stack.send(source, "retried");

    receiveAndRelease(source);
    receiveAndRelease(source);

    assertThat(stack.receiveBodies(source, 10)).containsExactly("retried");
    assertThat(stack.receive(url("patient-dlq"), 10)).isEmpty();
  }

  @Test
  void fifoMessagesMoveToAFifoDeadLetterQueueKeepingTheirGroupAndOrder() {
    String source = stack.createQueueWithDeadLetterQueue("payments.fifo", 1);
    String dlq = url("payments-dlq.fifo");
    stack.sendFifo(source, "account-1", "debit");
    stack.sendFifo(source, "account-1", "credit");
    stack.sendFifo(source, "account-2", "refund");

    assertThat(receiveAndRelease(source)).hasSize(3);
    assertThat(receiveAndRelease(source)).isEmpty();

    List<Message> dead = stack.receive(dlq, 10);
    assertThat(dead)
        .extracting(Message::body)
        .containsExactlyInAnyOrder("debit", "credit", "refund");
    assertThat(dead)
        .filteredOn(message -> "account-1".equals(message.attributes().get(MESSAGE_GROUP_ID)))
        .extracting(Message::body)
        .containsExactly("debit", "credit");
    assertThat(dead)
        .allSatisfy(
            message ->
                assertThat(message.attributes())
                    .containsKey(SEQUENCE_NUMBER)
                    .containsEntry(DEAD_LETTER_QUEUE_SOURCE_ARN, stack.arn(source)));
  }

  @Test
  void aMessageIsDeadLetteredEvenWhileOthersOfItsFifoGroupFollow() {
    String source = stack.createQueueWithDeadLetterQueue("mixed.fifo", 1);
    stack.sendFifo(source, "g", "first");
    assertThat(receiveAndRelease(source)).hasSize(1);
    stack.sendFifo(source, "g", "second");

    assertThat(stack.receiveBodies(source, 10)).containsExactly("second");
    assertThat(stack.receiveBodies(url("mixed-dlq.fifo"), 10)).containsExactly("first");
  }

  /** Receives up to ten messages and makes them visible again at once. */
  private static List<Message> receiveAndRelease(String url) {
    return stack.receive(url, b -> b.maxNumberOfMessages(10).visibilityTimeout(0));
  }

  private String url(String name) {
    return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
  }
}
