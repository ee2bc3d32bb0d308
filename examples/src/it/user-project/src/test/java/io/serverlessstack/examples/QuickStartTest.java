package io.serverlessstack.examples;

import static io.serverlessstack.assertions.StackAssertions.assertThat;

import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@ServerlessStack // fake AWS services in this JVM, started once for the class
@SqsQueue(name = "orders") // created before each test, on a clean stack
class QuickStartTest {

  @Test
  void placedOrderReachesTheQueue(@SqsQueueName("orders") SqsQueueHandle orders) {
    // An unconfigured client: the aws.* system properties point it at the stack.
    try (SqsClient sqs = SqsClient.create()) {
      sqs.sendMessage(message -> message.queueUrl(orders.url()).messageBody("order-42"));
    }

    // Reads the stack's journal; eventually() polls instead of sleeping.
    assertThat(orders).eventually().hasBeenSentMessageWithBody("order-42");
  }
}
