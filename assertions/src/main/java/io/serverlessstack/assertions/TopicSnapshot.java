package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.api.SnsEvents.Details;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.SubscriptionView;
import io.serverlessstack.api.TopicView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One look at a topic through the inspector: its subscriptions now and every SNS journal event
 * about it. SNS keeps no messages, so what was published and delivered is read from the journal.
 */
final class TopicSnapshot {

  /** The subscriptions a failure lists before it only counts the rest. */
  static final int MAX_SUBSCRIPTIONS = 20;

  private final String name;
  private final TopicView view;
  private final List<JournalEvent> events;
  private final StackInspector inspector;

  private TopicSnapshot(
      String name, TopicView view, List<JournalEvent> events, StackInspector inspector) {
    this.name = name;
    this.view = view;
    this.events = events;
    this.inspector = inspector;
  }

  /** The tail an assertion on {@code topic} reads: SNS events about that topic only. */
  static JournalTail tail(InspectableTopic topic) {
    return new JournalTail(
        topic.inspector(),
        JournalFilter.all().withService(SnsEvents.SERVICE).withResource(topic.nameOrArn()));
  }

  /** One look: the journal events new since {@code tail}'s last look, then the topic. */
  static TopicSnapshot take(InspectableTopic topic, JournalTail tail) {
    List<JournalEvent> events = tail.read();
    TopicView view = topic.inspector().topic(topic.nameOrArn()).orElse(null);
    String nameOrArn = topic.nameOrArn();
    String name = ResourceNames.nameOf(view == null ? null : view.name(), nameOrArn);
    return new TopicSnapshot(name, view, events, topic.inspector());
  }

  String name() {
    return name;
  }

  boolean exists() {
    return view != null;
  }

  Optional<TopicView> view() {
    return Optional.ofNullable(view);
  }

  StackInspector inspector() {
    return inspector;
  }

  /** Every journal event about the topic, oldest first. */
  List<JournalEvent> events() {
    return events;
  }

  List<JournalEvent> events(String type) {
    return events.stream().filter(event -> event.type().equals(type)).toList();
  }

  /** The messages the topic accepted ({@code MessagePublished}; not deduplicated ones). */
  List<JournalEvent> published() {
    return events(SnsEvents.MESSAGE_PUBLISHED);
  }

  /** The message published with {@code messageId}, as published, or {@code null}. */
  String publishedMessage(String messageId) {
    for (JournalEvent event : events) {
      if (event.type().equals(SnsEvents.MESSAGE_PUBLISHED)
          && Objects.equals(messageId, event.detail(Details.MESSAGE_ID))) {
        return event.detail(Details.MESSAGE);
      }
    }
    return null;
  }

  /**
   * The message a delivery, filtering or failure event is about, as its subscription got it: a raw
   * delivery's payload, an envelope's {@code Message}, else the message as published.
   */
  String messageOf(JournalEvent event) {
    String payload = event.detail(Details.PAYLOAD);
    if (payload != null) {
      if ("true".equals(event.detail(Details.RAW))) {
        return payload;
      }
      SnsEnvelope envelope = SnsEnvelope.of(payload);
      if (envelope != null) {
        return envelope.message();
      }
    }
    return publishedMessage(event.detail(Details.MESSAGE_ID));
  }

  /** Whether the message {@code event} is about satisfies {@code message}. */
  boolean carries(JournalEvent event, Predicate<String> message) {
    String text = messageOf(event);
    return text != null && message.test(text);
  }

  /** The events of {@code type} about {@code subscriber}'s subscriptions. */
  List<JournalEvent> events(String type, Subscriber.Bound subscriber) {
    return events.stream()
        .filter(event -> event.type().equals(type) && subscriber.matches(event))
        .toList();
  }

  /** The subscriptions of the topic now that are {@code subscriber}'s. */
  List<SubscriptionView> subscriptions(Subscriber.Bound subscriber) {
    return view == null
        ? List.of()
        : view.subscriptions().stream().filter(subscriber::matches).toList();
  }

  /** Whether {@code subscriber} has, or had while the journal watched, a subscription. */
  boolean hasSubscription(Subscriber.Bound subscriber) {
    return !subscriptions(subscriber).isEmpty()
        || !events(SnsEvents.SUBSCRIBED, subscriber).isEmpty();
  }

  /** The topic's subscriptions now, for failure messages. */
  String describeSubscriptions() {
    if (view == null) {
      return "the topic does not exist (now)";
    }
    List<SubscriptionView> subscriptions = view.subscriptions();
    StringBuilder text =
        new StringBuilder().append(subscriptions.size()).append(view.fifo() ? " (FIFO topic)" : "");
    for (SubscriptionView subscription :
        subscriptions.subList(0, Math.min(subscriptions.size(), MAX_SUBSCRIPTIONS))) {
      text.append(System.lineSeparator()).append("  ").append(describe(subscription));
    }
    int hidden = subscriptions.size() - MAX_SUBSCRIPTIONS;
    if (hidden > 0) {
      text.append(System.lineSeparator())
          .append("  … ")
          .append(hidden)
          .append(hidden == 1 ? " more subscription not shown" : " more subscriptions not shown");
    }
    return text.toString();
  }

  /** One subscription: where it delivers and how. */
  static String describe(SubscriptionView subscription) {
    StringBuilder text =
        new StringBuilder(
            TopicJournalListing.endpoint(subscription.protocol(), subscription.endpoint()));
    if (subscription.pendingConfirmation()) {
      text.append(" pending confirmation");
    }
    text.append(subscription.rawMessageDelivery() ? " raw" : " enveloped");
    if (subscription.filterPolicy() != null) {
      text.append(" filterPolicy")
          .append("MessageBody".equals(subscription.filterPolicyScope()) ? "(on the body)=" : "=")
          .append(subscription.filterPolicy());
    }
    if (subscription.deadLetterTargetArn() != null) {
      text.append(" deadLetterTarget=").append(subscription.deadLetterTargetArn());
    }
    return text.toString();
  }

  /** The journal about the topic, for failure messages. */
  String describeJournal() {
    return TopicJournalListing.of(this);
  }
}
