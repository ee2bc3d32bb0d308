package com.example.orders;

import static io.serverlessstack.assertions.StackAssertions.assertThat;

import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The quick start in container mode: the image is built on this machine, never pulled. */
@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER)
@SqsQueue(name = "orders")
class ContainerModeTest {

  @Test
  void placedOrderReachesTheQueueInTheContainer(@SqsQueueName("orders") SqsQueueHandle orders) {
    try (SqsClient sqs = SqsClient.create()) {
      sqs.sendMessage(message -> message.queueUrl(orders.url()).messageBody("order-7"));
    }

    assertThat(orders).eventually().hasBeenSentMessageWithBody("order-7");
  }
}
