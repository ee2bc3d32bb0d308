package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.SnsEvents;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Topic assertions against a real stack: a topic {@code orders} fanning out to queue {@code work}
 * (enveloped, no filter) and queue {@code audit} (raw, only {@code store=example_corp}).
 */
class TopicAssertTest {

  private static final String AUDIT_POLICY = "{\"store\":[\"example_corp\"]}";

  private static LiveStack stack;
  private String orders;
  private String work;
  private String audit;
  private String auditSubscription;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void freshTopic() {
    stack.server.reset();
    orders = stack.createTopic("orders");
    work = stack.createQueue("work");
    audit = stack.createQueue("audit");
    stack.subscribe(orders, work, Map.of());
    auditSubscription =
        stack.subscribe(
            orders, audit, Map.of("RawMessageDelivery", "true", "FilterPolicy", AUDIT_POLICY));
  }

  private InspectableTopic topic() {
    return stack.topic(orders);
  }

  // ---- exists

  @Test
  void existsPassesForATopicOfTheStackByNameOrArn() {
    assertThat(topic()).exists();
    assertThat(stack.topic("orders")).exists();
  }

  @Test
  void existsFailsNamingTheTopicsThereAre() {
    assertThatThrownBy(() -> assertThat(stack.topic("payments")).exists())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting topic \"payments\" to exist")
        .hasMessageContaining("its topics are:\n  [\"orders\"]")
        .hasMessageContaining("Subscriptions now: the topic does not exist (now)")
        .hasMessageContaining("The journal recorded for topic \"payments\" (0 events):");
  }

  // ---- hasPublished

  @Test
  void hasPublishedPassesForAPublishedMessageByTextOrPredicate() {
    stack.publish(orders, "order-1");

    assertThat(topic())
        .hasPublished("order-1")
        .hasPublished(message -> message.startsWith("order-"))
        .hasPublished(message -> message.endsWith("1"), "ending in 1");
  }

  @Test
  void hasPublishedFailsShowingSubscriptionsAndWhatTheJournalRecorded() {
    stack.publish(orders, "order-1", "store", "example_corp");

    assertThatThrownBy(() -> assertThat(topic()).hasPublished("order-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting topic \"orders\" to have published message \"order-2\"")
        .hasMessageContaining("but none of the 1 messages published to it matched.")
        .hasMessageContaining("Subscriptions now: 2")
        .hasMessageContaining("  sqs \"work\" enveloped")
        .hasMessageContaining("  sqs \"audit\" raw filterPolicy=" + AUDIT_POLICY)
        .hasMessageContaining("The journal recorded for topic \"orders\"")
        .hasMessageMatching(
            "(?s).*#\\d+ TopicCreated.*#\\d+ Subscribed sqs \"work\".*"
                + "#\\d+ MessagePublished message=\"order-1\""
                + " attribute.store=\"example_corp\" id=.*");
  }

  @Test
  void hasPublishedWithAPredicateFailsNamingTheDescribedCondition() {
    stack.publish(orders, "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasPublished(message -> message.isEmpty()))
        .hasMessageContaining(
            "to have published a message matching the given predicate\nbut none of the 1");
    assertThatThrownBy(
            () -> assertThat(topic()).hasPublished(message -> message.isEmpty(), "an empty one"))
        .hasMessageContaining("to have published an empty one\n");
  }

  // ---- hasPublishedInOrder

  @Test
  void hasPublishedInOrderPassesForEachGroupOfAFifoTopicInItsOrder() {
    String fifo = stack.createFifoTopic("orders.fifo");
    for (String message : new String[] {"a1", "b1", "a2", "a1", "b2", "a3"}) {
      stack.publishToGroup(fifo, message.substring(0, 1), message);
    }

    assertThat(stack.topic(fifo))
        .hasPublishedInOrder("a", "a1", "a2", "a3")
        .hasPublishedInOrder("b", "b1", "b2")
        .hasPublishedInOrder("c");
  }

  @Test
  void hasPublishedInOrderFailsShowingTheOrderPublished() {
    String fifo = stack.createFifoTopic("orders.fifo");
    stack.publishToGroup(fifo, "g", "first");
    stack.publishToGroup(fifo, "g", "second");

    assertThatThrownBy(
            () -> assertThat(stack.topic(fifo)).hasPublishedInOrder("g", "second", "first"))
        .hasMessageContaining(
            "Expecting the messages of group \"g\" published to topic \"orders.fifo\" to be"
                + " exactly, in this order:\n  [\"second\", \"first\"]\n"
                + "but these were published to the group, in this order:\n"
                + "  [\"first\", \"second\"]")
        .hasMessageContaining("Subscriptions now: 0 (FIFO topic)")
        .hasMessageContaining("MessagePublished message=\"first\" group=\"g\" seq=");
  }

  @Test
  void hasPublishedInOrderOnAStandardTopicSaysItsMessagesHaveNoGroup() {
    stack.publish(orders, "first");

    assertThatThrownBy(() -> assertThat(topic()).hasPublishedInOrder("g", "first"))
        .hasMessageContaining("but these were published to the group, in this order:\n  []")
        .hasMessageContaining("The topic is a standard topic: its messages have no group");
  }

  // ---- hasDeliveredTo

  @Test
  void hasDeliveredToFindsTheSubscriberByQueueNameUrlArnSubscriptionArnOrHandle() {
    stack.publish(orders, "order-1", "store", "example_corp");

    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1").inEnvelope();
    assertThat(topic()).hasDeliveredTo(stack.arn(work), "order-1");
    assertThat(topic()).hasDeliveredTo(work, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo(auditSubscription, "order-1").asRawMessage();
    assertThat(topic()).hasDeliveredTo(stack.queue("audit"), "order-1");
    assertThat(topic()).hasDeliveredTo(stack.queue("work"), message -> message.endsWith("-1"));
    assertThat(topic()).hasDeliveredTo("audit", message -> message.startsWith("order"));
  }

  @Test
  void hasDeliveredToFailsNamingTheFilterPolicyRuleThatKeptTheMessageOut() {
    stack.publish(orders, "order-1", "store", "other_corp");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");

    assertThat(topic()).eventually().hasFilteredOut("audit", "order-1");

    assertThatThrownBy(
            () ->
                assertThat(topic())
                    .within(Duration.ofMillis(50))
                    .hasDeliveredTo("audit", "order-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expecting topic \"orders\" to have delivered message \"order-1\" to \"audit\"\n"
                + "but its filter policy kept message ")
        .hasMessageContaining(
            " out, failed rule: \"store\": [\"example_corp\"] did not match \"other_corp\".")
        .hasMessageMatching(
            "(?s).*#\\d+ MessageFilteredOut for sqs \"audit\" message=\"order-1\""
                + " failedRule=\"store\": \\[\"example_corp\"\\] did not match \"other_corp\".*")
        .hasMessageContaining("(still not so after waiting 0.05s and checking");
  }

  @Test
  void hasDeliveredToAQueueHandleFailsWhenTheTopicHasNoSubscriptionForIt() {
    stack.createQueue("elsewhere");
    stack.publish(orders, "order-1");

    assertThatThrownBy(
            () -> assertThat(topic()).hasDeliveredTo(stack.queue("elsewhere"), "order-1"))
        .hasMessageContaining(
            "to have delivered message \"order-1\" to queue \"elsewhere\"\n"
                + "but the topic has no subscription delivering to queue \"elsewhere\".");
  }

  @Test
  void hasDeliveredToFailsSayingWhenNoSuchMessageWasPublished() {
    stack.publish(orders, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("work", "order-2"))
        .hasMessageContaining(
            "but no such message was published to the topic (1 message was published to it).");
    assertThatThrownBy(
            () -> assertThat(topic()).hasDeliveredTo(stack.queue("work"), String::isEmpty))
        .hasMessageContaining(
            "to have delivered a message matching the given predicate to queue \"work\"");
    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("work", String::isEmpty))
        .hasMessageContaining("no such message was published");
  }

  @Test
  void hasDeliveredToFailsSayingThatAPendingSubscriptionGetsNothing() {
    stack.sns.subscribe(
        request -> request.topicArn(orders).protocol("email").endpoint("ops@example.com"));
    stack.publish(orders, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("ops@example.com", "order-1"))
        .hasMessageContaining(
            "but its subscription is pending confirmation, and SNS delivers nothing to a"
                + " subscription until it is confirmed.")
        .hasMessageContaining("  email \"ops@example.com\" pending confirmation enveloped");
  }

  @Test
  void hasDeliveredToFailsWithTheReasonADeliveryFailed() {
    String gone = stack.createQueue("gone");
    stack.subscribe(orders, gone, Map.of());
    stack.sqs.deleteQueue(request -> request.queueUrl(gone));
    stack.publish(orders, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");
    awaitJournal(
        SnsEvents.DELIVERY_FAILED); // fan-out is asynchronous: the failure comes in its time

    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("gone", "order-1"))
        .hasMessageContaining("but delivering message ")
        .hasMessageContaining(" failed for good after ")
        .hasMessageContaining("does not exist")
        .hasMessageMatching("(?s).*#\\d+ DeliveryFailed to sqs \"gone\".*");
  }

  @Test
  void asRawMessageFailsForAnEnvelopedDelivery() {
    stack.publish(orders, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("work", "order-1").asRawMessage())
        .hasMessageContaining(
            "to have delivered message \"order-1\" to \"work\" as a raw message\n"
                + "but it was delivered in SNS's JSON envelope: the subscription's"
                + " RawMessageDelivery was false.")
        .hasMessageMatching(
            "(?s).*#\\d+ MessageDelivered to sqs \"work\" enveloped message=\"order-1\" id=.*");
  }

  @Test
  void inEnvelopeFailsForARawDelivery() {
    stack.publish(orders, "order-1", "store", "example_corp");
    assertThat(topic()).eventually().hasDeliveredTo("audit", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasDeliveredTo("audit", "order-1").inEnvelope())
        .hasMessageContaining(
            "to \"audit\" in an SNS envelope\n"
                + "but it was delivered raw: the subscription's RawMessageDelivery was true.");
  }

  // ---- hasFilteredOut

  @Test
  void hasFilteredOutPassesWhenTheFilterPolicyKeptTheMessageFromTheSubscriber() {
    stack.publish(orders, "order-1", "store", "other_corp");

    assertThat(topic())
        .eventually()
        .hasFilteredOut("audit", "order-1")
        .hasFilteredOut(auditSubscription, message -> message.startsWith("order"))
        .hasFilteredOut(stack.queue("audit"), "order-1")
        .hasFilteredOut(stack.queue("audit"), message -> message.endsWith("1"));
  }

  @Test
  void hasFilteredOutFailsWhenTheMessageWasDeliveredShowingThePolicy() {
    stack.publish(orders, "order-1", "store", "example_corp");
    // Fan-out is asynchronous: both deliveries must be recorded before the failures are read.
    assertThat(topic()).eventually().hasDeliveredTo("audit", "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasFilteredOut("audit", "order-1"))
        .hasMessageContaining(
            "Expecting topic \"orders\" to have kept message \"order-1\" from \"audit\" by the"
                + " subscription's filter policy\nbut it delivered such a message there (message ")
        .hasMessageContaining(
            "): the subscription's filter policy (" + AUDIT_POLICY + ") let it through.");
    assertThatThrownBy(() -> assertThat(topic()).hasFilteredOut(stack.queue("work"), "order-1"))
        .hasMessageContaining("the subscription's filter policy (none) let it through.");
  }

  @Test
  void hasFilteredOutFailsWhenNothingSuchWasPublishedOrThereIsNoSubscription() {
    stack.publish(orders, "order-1", "store", "other_corp");
    assertThat(topic()).eventually().hasFilteredOut("audit", "order-1");

    assertThatThrownBy(() -> assertThat(topic()).hasFilteredOut("audit", "order-2"))
        .hasMessageContaining("but no such message was published to the topic");
    assertThatThrownBy(
            () -> assertThat(topic()).hasFilteredOut(stack.queue("audit"), String::isEmpty))
        .hasMessageContaining("to have kept a message matching the given predicate from queue");
    assertThatThrownBy(() -> assertThat(topic()).hasFilteredOut("nobody", "order-1"))
        .hasMessageContaining("but the topic has no subscription delivering to \"nobody\".");
    assertThatThrownBy(
            () -> assertThat(topic()).hasFilteredOut("nobody", message -> message.equals("x")))
        .hasMessageContaining("but the topic has no subscription delivering to \"nobody\".");
  }

  @Test
  void hasFilteredOutFailsWhenTheJournalRecordsNoFilteringOfThePublishedMessage() {
    stack.publish(orders, "order-1");
    assertThat(topic()).eventually().hasDeliveredTo("work", "order-1");
    stack.sqs.deleteQueue(request -> request.queueUrl(work));
    stack.publish(orders, "order-2");
    assertThat(topic()).eventually().hasFilteredOut("audit", "order-2");

    assertThatThrownBy(() -> assertThat(topic()).hasFilteredOut("work", "order-2"))
        .hasMessageContaining("but the journal records no filtering of such a message for it.");
  }

  // ---- polling and entry points

  @Test
  void eventuallyWaitsForADeliveryThatHappensAfterTheAssertionStarted() {
    java.util.concurrent.CompletableFuture<Void> later =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stack.publish(orders, "late");
            });

    assertThat(topic()).within(Duration.ofSeconds(5)).hasDeliveredTo("work", "late").inEnvelope();
    later.join();
  }

  @Test
  void withinFailsAfterItsTimeoutSayingHowLongItWaited() {
    assertThatThrownBy(
            () -> assertThat(topic()).within(Duration.ofMillis(50)).hasPublished("never"))
        .hasMessageContaining("(still not so after waiting 0.05s and checking");
  }

  @Test
  void theStackAssertionLeadsToATopicByNameOrArn() {
    stack.publish(orders, "order-1");

    assertThat(stack.server.inspector()).topic("orders").hasPublished("order-1").exists();
    assertThat(stack.server.inspector())
        .topic(orders)
        .eventually()
        .hasDeliveredTo("work", "order-1");
    assertThatThrownBy(
            () ->
                assertThat(stack.server.inspector())
                    .as("the orders topic")
                    .topic("orders")
                    .hasPublished("order-2"))
        .hasMessageContaining("[the orders topic]");
  }

  /** Polls the journal until an SNS event of this type is recorded, for at most 10 seconds. */
  private static void awaitJournal(String type) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JournalFilter filter = JournalFilter.all().withService(SnsEvents.SERVICE).withTypes(type);
    while (stack.server.inspector().journal(0, filter).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + type + " in the journal after 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }
}
