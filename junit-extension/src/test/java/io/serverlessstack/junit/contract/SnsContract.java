package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.SubscriptionView;
import io.serverlessstack.api.TopicView;
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
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * What a user of SNS may rely on whichever way the stack runs: written once, run by {@link
 * InJvmSnsContractTest} and {@link ContainerSnsContractTest}, so topic inspection and assertions
 * read the same through the in-JVM inspector and the remote one.
 */
@SqsQueue(name = "sns-contract-billing")
@SqsQueue(name = "sns-contract-audit")
@SqsQueue(name = "sns-contract-shipping.fifo")
@SnsTopic(
    name = "contract-orders",
    subscriptions = {
      @SnsSubscription(endpoint = "sns-contract-billing"),
      @SnsSubscription(
          endpoint = "sns-contract-audit",
          rawMessageDelivery = true,
          filterPolicy = "{\"store\":[\"example_corp\"]}"),
      @SnsSubscription(protocol = "https", endpoint = "https://hooks.example.com/contract")
    })
@SnsTopic(
    name = "contract-shipments.fifo",
    contentBasedDeduplication = true,
    subscriptions = @SnsSubscription(endpoint = "sns-contract-shipping.fifo"))
abstract class SnsContract {

  private static MessageAttributeValue store(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  @Test
  void aPublishedMessageReachesEachQueueEnvelopedOrRawAsSubscribed(
      SnsClient sns,
      @SnsTopicName("contract-orders") SnsTopicHandle orders,
      @SqsQueueName("sns-contract-billing") SqsQueueHandle billing,
      @SqsQueueName("sns-contract-audit") SqsQueueHandle audit) {
    sns.publish(
        publish ->
            publish
                .topicArn(orders.arn())
                .message("order-42")
                .messageAttributes(Map.of("store", store("example_corp"))));

    assertThat(orders).hasPublished("order-42");
    assertThat(orders).eventually().hasDeliveredTo(billing, "order-42").inEnvelope();
    assertThat(orders).eventually().hasDeliveredTo(audit, "order-42").asRawMessage();
    assertThat(billing).eventually().hasBeenSentMessageWithBody("order-42");
    assertThat(audit).hasBeenSentMessageWithBody("order-42").hasVisibleMessages(1);
  }

  @Test
  void aFilterPolicyKeepsAMessageFromASubscriptionAndAFailureSaysWhichRule(
      @SnsTopicName("contract-orders") SnsTopicHandle orders,
      @SqsQueueName("sns-contract-billing") SqsQueueHandle billing,
      @SqsQueueName("sns-contract-audit") SqsQueueHandle audit) {
    orders.publish("no store");

    assertThat(orders).eventually().hasDeliveredTo(billing, "no store");
    assertThat(orders).eventually().hasFilteredOut(audit, "no store");
    assertThatThrownBy(() -> assertThat(orders).hasDeliveredTo(audit, "no store"))
        .hasMessageContaining("but its filter policy kept message ")
        .hasMessageContaining("failed rule: \"store\" missing");
    assertThat(audit).isEmpty();
  }

  @Test
  void aFifoTopicKeepsEachGroupsOrderThroughToAFifoQueue(
      @SnsTopicName("contract-shipments.fifo") SnsTopicHandle shipments,
      @SqsQueueName("sns-contract-shipping.fifo") SqsQueueHandle shipping) {
    for (String message : new String[] {"a1", "b1", "a2", "a1", "b2"}) {
      shipments.publish(message.substring(0, 1), message);
    }

    assertThat(shipments).hasPublishedInOrder("a", "a1", "a2").hasPublishedInOrder("b", "b1", "b2");
    assertThat(shipping).eventually().hasMessageCount(4).hasBeenSentNoDuplicates();
    assertThat(shipping).messagesOfGroup("a").wereSentInOrder("a1", "a2");
    assertThat(shipping).messagesOfGroup("b").wereSentInOrder("b1", "b2");
  }

  @Test
  void inspectionShowsTopicsSubscriptionsAndTheTokenThatConfirmsAPendingOne(
      SnsClient sns,
      StackInspector inspector,
      @SnsTopicName("contract-orders") SnsTopicHandle orders,
      @SqsQueueName("sns-contract-audit") SqsQueueHandle audit) {
    TopicView topic = inspector.topic(orders.arn()).orElseThrow();
    assertThat(inspector.topic("contract-orders")).contains(topic);
    assertThat(inspector.resource(orders.arn())).contains(topic);
    assertThat(topic.ref().type()).isEqualTo(TopicView.TYPE);
    assertThat(topic.subscription(audit.arn()).orElseThrow())
        .extracting(
            SubscriptionView::rawMessageDelivery,
            SubscriptionView::filterPolicy,
            SubscriptionView::filterPolicyScope)
        .containsExactly(true, "{\"store\":[\"example_corp\"]}", "MessageAttributes");
    SubscriptionView hook = topic.subscription("https://hooks.example.com/contract").orElseThrow();
    assertThat(hook.pendingConfirmation()).isTrue();

    sns.confirmSubscription(
        confirm -> confirm.topicArn(orders.arn()).token(hook.confirmationToken()));

    SubscriptionView confirmed =
        inspector.topic(orders.arn()).orElseThrow().subscription(hook.arn()).orElseThrow();
    assertThat(confirmed.pendingConfirmation()).isFalse();
    assertThat(confirmed.confirmationToken()).isNull();
  }

  @Test
  void eachTestStartsFromTheDeclaredTopicsOnly(StackInspector inspector) {
    assertThat(inspector.topics())
        .extracting(TopicView::name)
        .containsExactlyInAnyOrder("contract-orders", "contract-shipments.fifo");
    assertThat(inspector.topic("contract-orders").orElseThrow().subscriptions()).hasSize(3);
    assertThat(inspector.journal()).noneMatch(event -> event.type().equals("MessagePublished"));
  }

  @Test
  void errorsReachTheSdkAsItsOwnExceptions(SnsClient sns) {
    assertThatThrownBy(
            () ->
                sns.publish(
                    publish ->
                        publish
                            .topicArn("arn:aws:sns:us-east-1:000000000000:no-such-topic")
                            .message("lost")))
        .isInstanceOf(NotFoundException.class);
  }
}
