package io.serverlessstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackInspector;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Test classes that {@link SnsTopicDeclarationTest} runs with the engine test kit, each showing one
 * behaviour of {@link SnsTopic} declarations. Not run on their own: the name matches no test-class
 * pattern.
 */
final class SnsTopicFixtures {

  private SnsTopicFixtures() {}

  @ServerlessStack
  @SnsTopic(name = "orders", fifo = true)
  static class FifoWithoutSuffix {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SnsTopic(name = "orders", contentBasedDeduplication = true)
  static class ContentBasedDeduplicationOnAStandardTopic {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SnsTopic(name = "orders", attributes = "DisplayName")
  static class MalformedAttribute {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SnsTopic(name = "orders", attributes = "Colour=blue")
  static class RejectedAttribute {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SnsTopic(name = "orders", subscriptions = @SnsSubscription(endpoint = "billing"))
  static class SubscriptionToAnUndeclaredQueue {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "billing")
  @SnsTopic(
      name = "orders",
      subscriptions = @SnsSubscription(endpoint = "billing", deadLetterQueue = "missing-dlq"))
  static class SubscriptionWithAnUndeclaredDeadLetterQueue {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "billing")
  @SnsTopic(
      name = "orders",
      subscriptions = @SnsSubscription(endpoint = "billing", filterPolicy = "{\"store\": 5}"))
  static class RejectedFilterPolicy {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "billing")
  @SnsTopic(
      name = "orders",
      subscriptions = @SnsSubscription(endpoint = "billing", filterPolicyScope = "Body"))
  static class UnknownFilterPolicyScope {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "billing")
  @SnsTopic(
      name = "orders",
      subscriptions = @SnsSubscription(endpoint = "billing", filterPolicyScope = "MessageBody"))
  static class FilterPolicyScopeWithoutFilterPolicy {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SnsTopic(name = "orders")
  @SnsTopic(name = "orders", attributes = "DisplayName=Orders")
  static class TopicDeclaredTwiceDifferently {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack(resetBetweenTests = false)
  @SnsTopic(name = "orders")
  static class MethodRedeclaresClassTopicWithoutReset {
    @Test
    @SnsTopic(name = "orders", attributes = "DisplayName=Orders")
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "billing")
  @SnsTopic(name = "orders")
  static class MethodRedeclaresClassTopic {
    @Test
    @SnsTopic(name = "orders", subscriptions = @SnsSubscription(endpoint = "billing"))
    void getsTheTopicAsItsMethodDeclaresIt(StackInspector inspector) {
      assertThat(inspector.topic("orders").orElseThrow().subscriptions()).hasSize(1);
    }

    @Test
    void getsTheTopicAsTheClassDeclaresIt(StackInspector inspector) {
      assertThat(inspector.topic("orders").orElseThrow().subscriptions()).isEmpty();
    }
  }

  @ServerlessStack(resetBetweenTests = false)
  @SqsQueue(name = "billing")
  @SnsTopic(name = "orders", subscriptions = @SnsSubscription(endpoint = "billing"))
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeepStateBetweenTests {
    @Test
    @Order(1)
    void leavesStateBehind(SnsClient sns, @SnsTopicName("orders") SnsTopicHandle orders) {
      String subscription =
          sns.listSubscriptionsByTopic(list -> list.topicArn(orders.arn()))
              .subscriptions()
              .get(0)
              .subscriptionArn();
      sns.unsubscribe(unsubscribe -> unsubscribe.subscriptionArn(subscription));
    }

    @Test
    @Order(2)
    void findsTheTopicAsTheFirstTestLeftIt(StackInspector inspector) {
      assertThat(inspector.topic("orders").orElseThrow().subscriptions()).isEmpty();
    }
  }

  @ServerlessStack
  @SnsTopic(name = "orders")
  static class HandleWithoutName {
    @Test
    void wantsAHandle(SnsClient sns, SnsTopicHandle orders) {}
  }

  @ServerlessStack
  static class HandleForUndeclaredTopic {
    @Test
    void wantsAHandle(@SnsTopicName("orders") SnsTopicHandle orders) {}
  }
}
