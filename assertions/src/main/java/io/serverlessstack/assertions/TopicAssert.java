package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldHaveDelivered.shouldHaveFilteredOut;
import static io.serverlessstack.assertions.ShouldHavePublished.shouldHavePublished;
import static io.serverlessstack.assertions.ShouldHavePublished.shouldHavePublishedInOrder;
import static io.serverlessstack.assertions.ShouldHaveTopic.shouldHaveTopic;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.api.SnsEvents.Details;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one SNS topic, made through the stack's {@link
 * io.serverlessstack.api.StackInspector} only, so they read the same for a stack in this JVM and
 * one in a container. Obtain one with {@link StackAssertions#assertThat(InspectableTopic)} (a topic
 * handle) or {@code StackAssertions.assertThat(inspector).topic("orders")}.
 *
 * <p>SNS keeps no messages, so these assertions read the journal. Words used here, in method names
 * and failure messages alike: a message was <em>published</em> when the topic accepted it ({@code
 * MessagePublished}; not a publish FIFO deduplication swallowed). The topic <em>delivered</em> it
 * to a subscription when the subscription's endpoint took it ({@code MessageDelivered}), and
 * <em>filtered it out</em> when the subscription's filter policy kept it from that subscription
 * ({@code MessageFilteredOut}). Deliveries happen on the stack's delivery threads, after {@code
 * Publish} has answered: assert them with {@link #eventually()}.
 *
 * <p>A subscriber is named by its subscription ARN or its endpoint (a queue ARN, an HTTP URL, an
 * email address, …); an SQS subscriber also by its queue's name or URL, or by a queue handle. The
 * message a subscriber got is compared as published: for an enveloped delivery, the envelope's
 * {@code Message}; for a raw one, the body.
 *
 * <p>By default each assertion looks once. After {@link #eventually()} or {@link
 * #within(Duration)}, every following assertion of the chain polls the inspector every 10 ms until
 * it holds or the timeout passes, and only then fails, with the last state it saw.
 *
 * <pre>{@code
 * assertThat(orders).hasPublished("order-42");
 * assertThat(orders).eventually().hasDeliveredTo(worker, "order-42").inEnvelope();
 * assertThat(orders).eventually().hasFilteredOut(audit, "order-42");
 * }</pre>
 */
public final class TopicAssert extends AbstractAssert<TopicAssert, InspectableTopic> {

  private Patience patience = Patience.NONE;

  TopicAssert(InspectableTopic topic) {
    super(topic, TopicAssert.class);
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public TopicAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /**
   * Makes the following assertions of this chain poll for up to {@code timeout} (wall clock) before
   * failing; {@link Duration#ZERO} makes them look once again.
   */
  public TopicAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the topic exists on the stack now. */
  public TopicAssert exists() {
    return check(
        snapshot ->
            snapshot.exists() ? null : shouldHaveTopic(snapshot, actual.inspector().topics()));
  }

  /** Verifies that a message with exactly this text was published to the topic. */
  public TopicAssert hasPublished(String message) {
    Objects.requireNonNull(message, "message");
    return hasPublished(message::equals, "message " + JournalListing.quote(message));
  }

  /** Verifies that a message satisfying {@code message} was published to the topic. */
  public TopicAssert hasPublished(Predicate<String> message) {
    return hasPublished(message, "a message matching the given predicate");
  }

  /**
   * Verifies that a message satisfying {@code message} was published to the topic.
   *
   * @param description what {@code message} accepts, for the failure message, e.g. {@code "a
   *     refund"}
   */
  public TopicAssert hasPublished(Predicate<String> message, String description) {
    Objects.requireNonNull(message, "message");
    return check(
        snapshot ->
            snapshot.published().stream()
                    .anyMatch(event -> matches(event.detail(Details.MESSAGE), message))
                ? null
                : shouldHavePublished(snapshot, description));
  }

  /**
   * Verifies that exactly these messages were published to message group {@code groupId} of a FIFO
   * topic, in this order: the topic's accepted publishes to the group ({@code MessagePublished};
   * deduplicated ones do not count) ordered by their sequence numbers. A missing, extra or repeated
   * message fails it as a reordering does.
   */
  public TopicAssert hasPublishedInOrder(String groupId, String... messages) {
    Objects.requireNonNull(groupId, "groupId");
    List<String> expected = List.of(messages);
    return check(
        snapshot -> {
          List<String> published =
              snapshot.published().stream()
                  .filter(event -> groupId.equals(event.detail(Details.MESSAGE_GROUP_ID)))
                  .sorted(Comparator.comparing(TopicAssert::fifoOrder))
                  .map(event -> event.detail(Details.MESSAGE))
                  .toList();
          return published.equals(expected)
              ? null
              : shouldHavePublishedInOrder(snapshot, groupId, expected, published);
        });
  }

  /**
   * Verifies that the topic delivered a message with exactly this text to {@code subscriber} (a
   * subscription ARN, an endpoint, or an SQS queue's name or URL); refine with {@link
   * DeliveryAssert#asRawMessage()} or {@link DeliveryAssert#inEnvelope()}. When it did not, the
   * failure says why, as far as the journal knows: the filter policy rule that kept the message
   * out, a failed delivery, a subscription pending confirmation, or a message never published.
   */
  public DeliveryAssert hasDeliveredTo(String subscriber, String message) {
    Objects.requireNonNull(message, "message");
    return delivered(
        Subscriber.of(subscriber), message::equals, "message " + JournalListing.quote(message));
  }

  /** As {@link #hasDeliveredTo(String, String)}, for a message satisfying {@code message}. */
  public DeliveryAssert hasDeliveredTo(String subscriber, Predicate<String> message) {
    return delivered(Subscriber.of(subscriber), message, "a message matching the given predicate");
  }

  /**
   * As {@link #hasDeliveredTo(String, String)}, to the subscriptions of this SQS queue (a queue
   * handle, say).
   */
  public DeliveryAssert hasDeliveredTo(InspectableQueue queue, String message) {
    Objects.requireNonNull(message, "message");
    return delivered(
        Subscriber.of(queue), message::equals, "message " + JournalListing.quote(message));
  }

  /** As {@link #hasDeliveredTo(InspectableQueue, String)}, for a message satisfying it. */
  public DeliveryAssert hasDeliveredTo(InspectableQueue queue, Predicate<String> message) {
    return delivered(Subscriber.of(queue), message, "a message matching the given predicate");
  }

  /**
   * Verifies that the filter policy of {@code subscriber}'s subscription kept a message with
   * exactly this text from it: the journal records {@code MessageFilteredOut} for that subscription
   * and a message published with this text. SNS delivered it to that subscription then not at all.
   */
  public TopicAssert hasFilteredOut(String subscriber, String message) {
    Objects.requireNonNull(message, "message");
    return filteredOut(
        Subscriber.of(subscriber), message::equals, "message " + JournalListing.quote(message));
  }

  /** As {@link #hasFilteredOut(String, String)}, for a message satisfying {@code message}. */
  public TopicAssert hasFilteredOut(String subscriber, Predicate<String> message) {
    return filteredOut(
        Subscriber.of(subscriber), message, "a message matching the given predicate");
  }

  /** As {@link #hasFilteredOut(String, String)}, for the subscriptions of this SQS queue. */
  public TopicAssert hasFilteredOut(InspectableQueue queue, String message) {
    Objects.requireNonNull(message, "message");
    return filteredOut(
        Subscriber.of(queue), message::equals, "message " + JournalListing.quote(message));
  }

  /** As {@link #hasFilteredOut(InspectableQueue, String)}, for a message satisfying it. */
  public TopicAssert hasFilteredOut(InspectableQueue queue, Predicate<String> message) {
    return filteredOut(Subscriber.of(queue), message, "a message matching the given predicate");
  }

  private DeliveryAssert delivered(
      Subscriber subscriber, Predicate<String> message, String description) {
    Objects.requireNonNull(message, "message");
    isNotNull();
    DeliveryAssert delivery =
        new DeliveryAssert(actual, subscriber, message, description, patience);
    delivery.info.description(info.description());
    return delivery.check(DeliveryAssert.How.ANY);
  }

  private TopicAssert filteredOut(
      Subscriber subscriber, Predicate<String> message, String description) {
    Objects.requireNonNull(message, "message");
    return check(
        snapshot -> {
          Subscriber.Bound bound = subscriber.bind(snapshot.inspector());
          if (snapshot.events(SnsEvents.MESSAGE_FILTERED_OUT, bound).stream()
              .anyMatch(event -> snapshot.carries(event, message))) {
            return null;
          }
          return shouldHaveFilteredOut(
              snapshot,
              description,
              subscriber.describe(),
              whyNotFilteredOut(snapshot, subscriber, bound, message));
        });
  }

  private static String whyNotFilteredOut(
      TopicSnapshot snapshot,
      Subscriber subscriber,
      Subscriber.Bound bound,
      Predicate<String> message) {
    if (!snapshot.hasSubscription(bound)) {
      return DeliveryAssert.noSubscription(snapshot, subscriber);
    }
    List<JournalEvent> delivered =
        snapshot.events(SnsEvents.MESSAGE_DELIVERED, bound).stream()
            .filter(event -> snapshot.carries(event, message))
            .toList();
    if (!delivered.isEmpty()) {
      String policies =
          String.join(
              ", ",
              snapshot.subscriptions(bound).stream()
                  .map(
                      subscription ->
                          subscription.filterPolicy() == null
                              ? "none"
                              : subscription.filterPolicy())
                  .toList());
      return "it delivered such a message there (message "
          + DeliveryAssert.shortId(delivered.get(0))
          + "): the subscription's filter policy ("
          + (policies.isEmpty() ? "unknown, the subscription is gone" : policies)
          + ") let it through.";
    }
    if (snapshot.published().stream()
        .noneMatch(event -> matches(event.detail(Details.MESSAGE), message))) {
      return DeliveryAssert.notPublished(snapshot);
    }
    return "the journal records no filtering of such a message for it.";
  }

  static boolean matches(String text, Predicate<String> message) {
    return text != null && message.test(text);
  }

  /** Sequence numbers have one width, so they sort as text. */
  private static String fifoOrder(JournalEvent event) {
    String sequenceNumber = event.detail(Details.SEQUENCE_NUMBER);
    return sequenceNumber != null ? sequenceNumber : String.format("%020d", event.sequence());
  }

  private TopicAssert check(Function<TopicSnapshot, ErrorMessageFactory> failureOf) {
    isNotNull();
    JournalTail tail = TopicSnapshot.tail(actual);
    ErrorMessageFactory failure = patience.await(() -> TopicSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
