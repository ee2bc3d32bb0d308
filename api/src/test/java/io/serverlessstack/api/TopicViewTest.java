package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicViewTest {

  private static final String ORDERS_ARN = "arn:aws:sns:us-east-1:000000000000:orders";
  private static final String OTHER_ORDERS_ARN = "arn:aws:sns:us-east-1:123456789012:orders";

  private final SubscriptionView toQueue =
      subscription(ORDERS_ARN + ":1", "sqs", "arn:aws:sqs:us-east-1:000000000000:work");
  private final SubscriptionView toWebhook =
      subscription(ORDERS_ARN + ":2", "https", "https://example.com/hook");
  private final TopicView orders = topic(ORDERS_ARN, List.of(toQueue, toWebhook));
  private final TopicView otherOrders = topic(OTHER_ORDERS_ARN, List.of());
  private final TopicView alerts = topic("arn:aws:sns:us-east-1:000000000000:alerts", List.of());

  @Test
  void aTopicIsTheResourceSnsTopicNamedByItsNameAndArn() {
    assertThat(orders.ref()).isEqualTo(new ResourceRef("sns", "topic", "orders", ORDERS_ARN));
    assertThat(TopicView.SERVICE).isEqualTo(SnsEvents.SERVICE);
  }

  @Test
  void aSubscriptionIsFoundByItsArnOrItsEndpoint() {
    assertThat(orders.subscription(ORDERS_ARN + ":2")).contains(toWebhook);
    assertThat(orders.subscription("arn:aws:sqs:us-east-1:000000000000:work")).contains(toQueue);
    assertThat(orders.subscription("https://example.com/other")).isEmpty();
  }

  @Test
  void viewsCopyWhatTheyAreGiven() {
    List<SubscriptionView> subscriptions = new ArrayList<>(List.of(toQueue));
    TopicView view = topic(ORDERS_ARN, subscriptions);
    subscriptions.clear();

    assertThat(view.subscriptions()).containsExactly(toQueue);
    assertThat(
            new SubscriptionView("a", "sqs", "e", false, null, false, null, null, null, null, null)
                .attributes())
        .isEmpty();
  }

  @Test
  void inspectorsFindTopicsByArnOrByNameAmongTheirResources() {
    StackInspector inspector = inspector(List.of(orders, otherOrders, alerts));

    assertThat(inspector.topics()).containsExactly(orders, otherOrders, alerts);
    assertThat(inspector.topic("orders")).contains(orders);
    assertThat(inspector.topic(OTHER_ORDERS_ARN)).contains(otherOrders);
    assertThat(inspector.topic("missing")).isEmpty();
    assertThat(inspector.topic("arn:aws:sns:us-east-1:000000000000:missing")).isEmpty();
  }

  @Test
  void anInspectorWithoutTopicsHasNone() {
    StackInspector queuesOnly =
        new StackInspector() {
          @Override
          public Instant now() {
            return Instant.EPOCH;
          }

          @Override
          public List<QueueView> queues() {
            return List.of();
          }

          @Override
          public List<JournalEvent> journal() {
            return List.of();
          }
        };

    assertThat(queuesOnly.topics()).isEmpty();
    assertThat(queuesOnly.topic("orders")).isEmpty();
    assertThat(queuesOnly.topic(ORDERS_ARN)).isEmpty();
  }

  @Test
  void anInspectableTopicNamesTheTopicOnItsInspector() {
    StackInspector inspector = inspector(List.of(orders));
    InspectableTopic topic = InspectableTopic.of(inspector, ORDERS_ARN);

    assertThat(topic.nameOrArn()).isEqualTo(ORDERS_ARN);
    assertThat(topic.inspector()).isSameAs(inspector);
    assertThat(topic).hasToString(ORDERS_ARN);
  }

  private static SubscriptionView subscription(String arn, String protocol, String endpoint) {
    return new SubscriptionView(
        arn, protocol, endpoint, false, null, false, null, null, null, null, Map.of());
  }

  private static TopicView topic(String arn, List<SubscriptionView> subscriptions) {
    String[] parts = arn.split(":");
    return new TopicView(
        parts[5], arn, parts[4], parts[3], false, Map.of("TopicArn", arn), subscriptions);
  }

  /** An inspector of topics only, as a stack with SNS implements it. */
  private static StackInspector inspector(List<TopicView> topics) {
    return new StackInspector() {
      @Override
      public Instant now() {
        return Instant.EPOCH;
      }

      @Override
      public List<QueueView> queues() {
        return List.of();
      }

      @Override
      public List<JournalEvent> journal() {
        return List.of();
      }

      @Override
      public List<ResourceView> resources(String service, String type) {
        return service.equals("sns") && type.equals("topic") ? List.copyOf(topics) : List.of();
      }

      @Override
      public Optional<ResourceView> resource(String arn) {
        return topics.stream()
            .filter(topic -> topic.arn().equals(arn))
            .map(ResourceView.class::cast)
            .findFirst();
      }
    };
  }
}
