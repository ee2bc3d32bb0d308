package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * A function that keeps failing sends its messages to the queue's dead-letter queue through SQS's
 * own redrive, at once on the idle-skipping clock: while the test long-polls the dead-letter queue
 * the clock skips each visibility timeout.
 */
class SqsEventSourceDeadLetterTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  @Test
  void aMessageItsFunctionKeepsFailingLandsInTheDeadLetterQueueAfterMaxReceiveCount()
      throws Exception {
    TestFunctions.create(stack, "worker", "io.serverlessstack.fake.handlers.OrderWorker");
    String dlq = stack.createQueue("orders-dlq");
    String url =
        stack.createQueue(
            "orders",
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                "5",
                QueueAttributeName.REDRIVE_POLICY,
                stack.redrivePolicy(dlq, 3)));
    String messageId = stack.send(url, "o-1:crash").messageId();
    var sent = stack.now();
    stack
        .lambda()
        .createEventSourceMapping(r -> r.eventSourceArn(stack.arn(url)).functionName("worker"));

    ReceiveMessageResponse dead = stack.longPoll(dlq, 20).get();

    assertThat(dead.messages()).extracting(Message::messageId).containsExactly(messageId);
    assertThat(dead.messages().get(0).attributesAsStrings())
        .containsEntry("DeadLetterQueueSourceArn", stack.arn(url));
    var journal = stack.server().inspector();
    assertThat(
            journal.journal(
                0,
                JournalFilter.all()
                    .withService(LambdaEvents.SERVICE)
                    .withTypes(LambdaEvents.FAILED)
                    .withResource("worker")))
        .hasSize(3);
    assertThat(
            journal.journal(
                0,
                JournalFilter.all()
                    .withService(SqsEvents.SERVICE)
                    .withTypes(SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE)
                    .withResource("orders")))
        .hasSize(1);
    // Three receives five seconds apart: the clock skipped the visibility timeouts.
    assertThat(Duration.between(sent, stack.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }
}
