package io.serverlessstack.examples;

import static io.serverlessstack.assertions.StackAssertions.assertThat;

import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SnsSubscription;
import io.serverlessstack.junit.SnsTopic;
import io.serverlessstack.junit.SnsTopicHandle;
import io.serverlessstack.junit.SnsTopicName;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

@ServerlessStack
@SqsQueue(name = "billing")
@SqsQueue(name = "audit")
@SnsTopic( // created after the queues; an SQS endpoint names a queue on the stack
    name = "orders",
    subscriptions = {
      @SnsSubscription(endpoint = "billing"),
      @SnsSubscription(
          endpoint = "audit",
          rawMessageDelivery = true,
          filterPolicy = "{\"priority\": [\"high\"]}")
    })
class TopicFanOutTest {

  @Test
  void everyOrderIsBilledAndOnlyUrgentOnesAudited(
      SnsClient sns,
      @SnsTopicName("orders") SnsTopicHandle orders,
      @SqsQueueName("billing") SqsQueueHandle billing,
      @SqsQueueName("audit") SqsQueueHandle audit) {
    MessageAttributeValue high =
        MessageAttributeValue.builder().dataType("String").stringValue("high").build();
    sns.publish(
        request ->
            request
                .topicArn(orders.arn())
                .message("order-1")
                .messageAttributes(Map.of("priority", high)));
    orders.publish("order-2"); // the handle publishes with the stack's own client

    assertThat(orders).hasPublished("order-1").hasPublished("order-2");
    // SNS delivers after Publish has answered: eventually() polls.
    assertThat(orders).eventually().hasDeliveredTo(audit, "order-1").asRawMessage();
    assertThat(orders).eventually().hasFilteredOut(audit, "order-2");
    // Billing gets SNS's JSON envelope; queue assertions look inside it.
    assertThat(billing).eventually().hasBeenSentMessagesWithBodies("order-1", "order-2");
  }
}
