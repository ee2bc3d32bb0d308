package io.serverlessstack.junit;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.SubscriptionView;
import io.serverlessstack.api.TopicView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;

/** {@code @SnsTopic} declarations and {@link SnsTopicHandle}s on an in-JVM stack. */
@ServerlessStack
@SqsQueue(name = "billing")
@SqsQueue(name = "audit")
@SqsQueue(name = "undeliverable")
@SqsQueue(name = "shipping.fifo")
@SnsTopic(
    name = "orders",
    attributes = "DisplayName=Orders",
    subscriptions = {
      @SnsSubscription(endpoint = "billing"),
      @SnsSubscription(
          endpoint = "audit",
          rawMessageDelivery = true,
          filterPolicy = "{\"store\":[\"example_corp\"]}",
          deadLetterQueue = "undeliverable"),
      @SnsSubscription(protocol = "https", endpoint = "https://hooks.example.com/orders")
    })
@SnsTopic(
    name = "shipments.fifo",
    contentBasedDeduplication = true,
    subscriptions =
        @SnsSubscription(
            endpoint = "arn:aws:sqs:us-east-1:000000000000:shipping.fifo",
            filterPolicy = "{\"kind\":[\"parcel\"]}",
            filterPolicyScope = "MessageBody"))
class SnsTopicExtensionTest {

  private static List<String> topicsSeenBeforeAll;

  @BeforeAll
  static void declaredTopicsExistForBeforeAllMethods(SnsClient sns) {
    topicsSeenBeforeAll = sns.listTopics().topics().stream().map(Topic::topicArn).toList();
  }

  @Test
  void declaredTopicsExistBeforeAllAndBeforeEachTest(SnsClient sns) {
    List<String> expected =
        List.of(
            "arn:aws:sns:us-east-1:000000000000:orders",
            "arn:aws:sns:us-east-1:000000000000:shipments.fifo");
    assertThat(topicsSeenBeforeAll).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sns.listTopics().topics())
        .extracting(Topic::topicArn)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void declaredSettingsBecomeTopicAndSubscriptionAttributes(
      StackInspector inspector,
      @SqsQueueName("billing") SqsQueueHandle billing,
      @SqsQueueName("audit") SqsQueueHandle audit,
      @SqsQueueName("undeliverable") SqsQueueHandle undeliverable,
      @SqsQueueName("shipping.fifo") SqsQueueHandle shipping) {
    TopicView orders = inspector.topic("orders").orElseThrow();
    TopicView shipments = inspector.topic("shipments.fifo").orElseThrow();

    assertThat(orders.fifo()).isFalse();
    assertThat(orders.attributes()).containsEntry("DisplayName", "Orders");
    assertThat(orders.subscriptions())
        .extracting(SubscriptionView::protocol, SubscriptionView::endpoint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sqs", billing.arn()),
            org.assertj.core.groups.Tuple.tuple("sqs", audit.arn()),
            org.assertj.core.groups.Tuple.tuple("https", "https://hooks.example.com/orders"));
    SubscriptionView toAudit = orders.subscription(audit.arn()).orElseThrow();
    assertThat(toAudit.rawMessageDelivery()).isTrue();
    assertThat(toAudit.filterPolicy()).isEqualTo("{\"store\":[\"example_corp\"]}");
    assertThat(toAudit.filterPolicyScope()).isEqualTo("MessageAttributes");
    assertThat(toAudit.deadLetterTargetArn()).isEqualTo(undeliverable.arn());
    SubscriptionView toBilling = orders.subscription(billing.arn()).orElseThrow();
    assertThat(toBilling.rawMessageDelivery()).isFalse();
    assertThat(toBilling.filterPolicy()).isNull();
    assertThat(orders.subscription("https://hooks.example.com/orders").orElseThrow())
        .matches(SubscriptionView::pendingConfirmation)
        .matches(subscription -> subscription.confirmationToken() != null);

    assertThat(shipments.fifo()).isTrue();
    assertThat(shipments.attributes())
        .containsEntry("FifoTopic", "true")
        .containsEntry("ContentBasedDeduplication", "true");
    assertThat(shipments.subscriptions())
        .singleElement()
        .satisfies(
            subscription -> {
              assertThat(subscription.endpoint()).isEqualTo(shipping.arn());
              assertThat(subscription.filterPolicyScope()).isEqualTo("MessageBody");
            });
  }

  @Test
  void topicHandleCarriesNameArnAndPublishesThroughTheStack(
      @SnsTopicName("orders") SnsTopicHandle orders,
      @SqsQueueName("billing") SqsQueueHandle billing,
      @SqsQueueName("audit") SqsQueueHandle audit) {
    assertThat(orders.name()).isEqualTo("orders");
    assertThat(orders.arn()).isEqualTo("arn:aws:sns:us-east-1:000000000000:orders");
    assertThat(orders.nameOrArn()).isEqualTo(orders.arn());
    assertThat(orders.fifo()).isFalse();

    String messageId = orders.publish("order-42");

    assertThat(messageId).isNotBlank();
    assertThat(orders)
        .hasPublished("order-42")
        .eventually()
        .hasDeliveredTo(billing, "order-42")
        .inEnvelope();
    assertThat(orders).eventually().hasFilteredOut(audit, "order-42");
    assertThat(billing).eventually().hasBeenSentMessageWithBody("order-42");
    assertThatThrownBy(() -> orders.publish("g", "order-43"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Standard topic orders has no message groups: call publish(message)");
  }

  @Test
  void fifoTopicHandlePublishesToAGroupDeduplicatingByContent(
      @SnsTopicName("shipments.fifo") SnsTopicHandle shipments,
      @SqsQueueName("shipping.fifo") SqsQueueHandle shipping) {
    String first = shipments.publish("parcels", "{\"kind\":\"parcel\",\"id\":1}");
    String again = shipments.publish("parcels", "{\"kind\":\"parcel\",\"id\":1}");
    shipments.publish("parcels", "{\"kind\":\"parcel\",\"id\":2}");
    shipments.publish("parcels", "{\"kind\":\"letter\",\"id\":3}");

    assertThat(again).as("deduplicated by content").isEqualTo(first);
    assertThat(shipments.fifo()).isTrue();
    assertThat(shipments)
        .hasPublishedInOrder(
            "parcels",
            "{\"kind\":\"parcel\",\"id\":1}",
            "{\"kind\":\"parcel\",\"id\":2}",
            "{\"kind\":\"letter\",\"id\":3}")
        .eventually()
        .hasFilteredOut(shipping, message -> message.contains("letter"));
    assertThat(shipping)
        .eventually()
        .hasMessageCount(2)
        .messagesOfGroup("parcels")
        .wereSentInOrder("{\"kind\":\"parcel\",\"id\":1}", "{\"kind\":\"parcel\",\"id\":2}");
    assertThatThrownBy(() -> shipments.publish("no group"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "FIFO topic shipments.fifo needs a message group: call publish(groupId, message)");
  }

  @Test
  @SqsQueue(name = "method-only")
  @SnsTopic(name = "method-topic", subscriptions = @SnsSubscription(endpoint = "method-only"))
  void aTestMethodDeclaresTopicsOfItsOwn(
      StackInspector inspector,
      @SnsTopicName("method-topic") SnsTopicHandle topic,
      @SqsQueueName("method-only") SqsQueueHandle queue) {
    topic.publish("just for this test");

    assertThat(inspector.topics()).hasSize(3);
    assertThat(queue).eventually().hasBeenSentMessageWithBody("just for this test");
  }

  @Test
  void aPendingSubscriptionIsConfirmedWithTheTokenInspectionShows(
      SnsClient sns, StackInspector inspector, @SnsTopicName("orders") SnsTopicHandle orders) {
    SubscriptionView pending =
        inspector
            .topic("orders")
            .orElseThrow()
            .subscription("https://hooks.example.com/orders")
            .orElseThrow();

    sns.confirmSubscription(
        confirm -> confirm.topicArn(orders.arn()).token(pending.confirmationToken()));

    assertThat(inspector.topic("orders").orElseThrow().subscription(pending.arn()).orElseThrow())
        .matches(subscription -> !subscription.pendingConfirmation())
        .matches(subscription -> subscription.confirmationToken() == null);
  }

  @Test
  void injectedSyncAndAsyncSnsClientsReachTheStack(
      SnsClient sns,
      SnsAsyncClient snsAsync,
      @SnsTopicName("orders") SnsTopicHandle orders,
      @SqsQueueName("billing") SqsQueueHandle billing) {
    String created = snsAsync.createTopic(create -> create.name("made-async")).join().topicArn();
    sns.publish(publish -> publish.topicArn(orders.arn()).message("sync"));
    snsAsync
        .publish(
            publish ->
                publish
                    .topicArn(orders.arn())
                    .message("async")
                    .messageAttributes(
                        Map.of(
                            "store",
                            software.amazon.awssdk.services.sns.model.MessageAttributeValue
                                .builder()
                                .dataType("String")
                                .stringValue("example_corp")
                                .build())))
        .join();

    assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).contains(created);
    assertThat(orders).hasPublished("sync").hasPublished("async");
    assertThat(orders).eventually().hasDeliveredTo("audit", "async").asRawMessage();
    assertThat(billing).eventually().hasBeenSentMessagesWithBodies("sync", "async");
  }

  @Test
  void topicHandlesAreEqualByArn(
      @SnsTopicName("orders") SnsTopicHandle orders,
      @SnsTopicName("orders") SnsTopicHandle again,
      @SnsTopicName("shipments.fifo") SnsTopicHandle shipments) {
    assertThat(orders).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(shipments);
    assertThat(orders).hasToString("SnsTopicHandle[arn:aws:sns:us-east-1:000000000000:orders]");
  }
}
