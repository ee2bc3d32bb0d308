package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldHaveDelivered.shouldHaveDelivered;

import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.api.SnsEvents.Details;
import io.serverlessstack.api.SubscriptionView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a message that a topic delivered to a subscriber, from {@link
 * TopicAssert#hasDeliveredTo(String, String)}: how it was delivered. Polls as the topic assertion
 * it came from did.
 */
public final class DeliveryAssert extends AbstractAssert<DeliveryAssert, InspectableTopic> {

  /** Which deliveries count. */
  enum How {
    ANY(""),
    RAW(" as a raw message"),
    ENVELOPED(" in an SNS envelope");

    final String words;

    How(String words) {
      this.words = words;
    }
  }

  private final Subscriber subscriber;
  private final Predicate<String> message;
  private final String description;
  private final Patience patience;

  DeliveryAssert(
      InspectableTopic topic,
      Subscriber subscriber,
      Predicate<String> message,
      String description,
      Patience patience) {
    super(topic, DeliveryAssert.class);
    this.subscriber = subscriber;
    this.message = message;
    this.description = description;
    this.patience = patience;
  }

  /**
   * Verifies that the message was delivered raw: the bare message, its attributes as the endpoint's
   * own (SQS message attributes), as a subscription with {@code RawMessageDelivery=true} delivers.
   */
  public DeliveryAssert asRawMessage() {
    return check(How.RAW);
  }

  /**
   * Verifies that the message was delivered in SNS's JSON envelope ({@code
   * {"Type":"Notification",…,"Message":…}}), as a subscription without raw message delivery
   * delivers.
   */
  public DeliveryAssert inEnvelope() {
    return check(How.ENVELOPED);
  }

  DeliveryAssert check(How how) {
    JournalTail tail = TopicSnapshot.tail(actual);
    ErrorMessageFactory failure =
        patience.await(() -> TopicSnapshot.take(actual, tail), snapshot -> failure(snapshot, how));
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  private ErrorMessageFactory failure(TopicSnapshot snapshot, How how) {
    Subscriber.Bound bound = subscriber.bind(snapshot.inspector());
    List<JournalEvent> delivered =
        snapshot.events(SnsEvents.MESSAGE_DELIVERED, bound).stream()
            .filter(event -> snapshot.carries(event, message))
            .toList();
    if (!delivered.isEmpty()) {
      if (how == How.ANY
          || delivered.stream()
              .anyMatch(event -> "true".equals(event.detail(Details.RAW)) == (how == How.RAW))) {
        return null;
      }
      return fail(
          snapshot,
          how,
          how == How.RAW
              ? "it was delivered in SNS's JSON envelope: the subscription's RawMessageDelivery"
                  + " was false."
              : "it was delivered raw: the subscription's RawMessageDelivery was true.");
    }
    return fail(snapshot, how, whyNotDelivered(snapshot, bound));
  }

  private ErrorMessageFactory fail(TopicSnapshot snapshot, How how, String found) {
    return shouldHaveDelivered(snapshot, description, subscriber.describe(), how.words, found);
  }

  /** What the journal shows instead of a delivery of such a message to the subscriber. */
  private String whyNotDelivered(TopicSnapshot snapshot, Subscriber.Bound bound) {
    if (!snapshot.hasSubscription(bound)) {
      return noSubscription(snapshot, subscriber);
    }
    List<String> reasons = new ArrayList<>();
    for (JournalEvent event : snapshot.events()) {
      if (!bound.matches(event) || !snapshot.carries(event, message)) {
        continue;
      }
      String id = "message " + shortId(event);
      switch (event.type()) {
        case SnsEvents.MESSAGE_FILTERED_OUT ->
            reasons.add(
                "its filter policy kept "
                    + id
                    + " out, failed rule: "
                    + event.detail(Details.FAILED_RULE));
        case SnsEvents.DELIVERY_RETRIED ->
            reasons.add(
                "delivering "
                    + id
                    + " failed "
                    + event.detail(Details.ATTEMPTS)
                    + " time(s) so far and is retried: "
                    + event.detail(Details.REASON));
        case SnsEvents.DELIVERY_FAILED ->
            reasons.add(
                "delivering "
                    + id
                    + " failed for good after "
                    + event.detail(Details.ATTEMPTS)
                    + " attempt(s): "
                    + event.detail(Details.REASON));
        case SnsEvents.MESSAGE_DEAD_LETTERED ->
            reasons.add(
                id
                    + " went to the subscription's dead-letter queue "
                    + event.detail(Details.DEAD_LETTER_QUEUE_ARN));
        default -> {}
      }
    }
    if (!reasons.isEmpty()) {
      return String.join(";" + System.lineSeparator() + "    ", reasons) + ".";
    }
    if (snapshot.published().stream()
        .noneMatch(event -> TopicAssert.matches(event.detail(Details.MESSAGE), message))) {
      return notPublished(snapshot);
    }
    if (snapshot.subscriptions(bound).stream().anyMatch(SubscriptionView::pendingConfirmation)) {
      return "its subscription is pending confirmation, and SNS delivers nothing to a subscription"
          + " until it is confirmed.";
    }
    int deliveries = snapshot.events(SnsEvents.MESSAGE_DELIVERED, bound).size();
    return "no such message was delivered to it ("
        + deliveries
        + (deliveries == 1 ? " delivery" : " deliveries")
        + " to it in all).";
  }

  static String noSubscription(TopicSnapshot snapshot, Subscriber subscriber) {
    return "the topic has no subscription delivering to "
        + subscriber.describe()
        + (snapshot.exists() ? "." : ", and does not exist (now).");
  }

  static String notPublished(TopicSnapshot snapshot) {
    int published = snapshot.published().size();
    return "no such message was published to the topic ("
        + published
        + (published == 1 ? " message was" : " messages were")
        + " published to it).";
  }

  static String shortId(JournalEvent event) {
    String messageId = event.detail(Details.MESSAGE_ID);
    return messageId == null || messageId.length() <= 8
        ? messageId
        : messageId.substring(0, 8) + "…";
  }
}
