package io.serverlessstack.fake.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SqsClients;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class FifoDeadLetterTest {

  @Test
  void fifoQueueMovesAMessageToItsDeadLetterQueueAfterMaxReceiveCountReceives() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().withVirtualClock().start();
        SqsClient sqs = SqsClients.sync(stack)) {
      String dlq =
          sqs.createQueue(
                  request ->
                      request
                          .queueName("orders-dlq.fifo")
                          .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
              .queueUrl();
      String dlqArn = stack.inspector().queue("orders-dlq.fifo").orElseThrow().arn();
      String orders =
          sqs.createQueue(
                  request ->
                      request
                          .queueName("orders.fifo")
                          .attributes(
                              Map.of(
                                  QueueAttributeName.FIFO_QUEUE, "true",
                                  QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true",
                                  QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                                  QueueAttributeName.REDRIVE_POLICY,
                                      "{\"deadLetterTargetArn\":\""
                                          + dlqArn
                                          + "\",\"maxReceiveCount\":\"1\"}")))
              .queueUrl();
      sqs.sendMessage(
          request -> request.queueUrl(orders).messageGroupId("g").messageBody("poison"));

      assertThat(sqs.receiveMessage(request -> request.queueUrl(orders)).messages()).hasSize(1);
      stack.virtualClock().orElseThrow().advance(Duration.ofSeconds(31));
      assertThat(sqs.receiveMessage(request -> request.queueUrl(orders)).messages()).isEmpty();

      assertThat(stack.inspector().journal())
          .extracting(JournalEvent::type)
          .contains(SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE);
      assertThat(sqs.receiveMessage(request -> request.queueUrl(dlq)).messages())
          .extracting(message -> message.body())
          .containsExactly("poison");
    }
  }
}
