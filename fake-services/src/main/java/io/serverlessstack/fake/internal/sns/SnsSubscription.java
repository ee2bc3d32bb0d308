package io.serverlessstack.fake.internal.sns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One subscription of a topic: where it delivers ({@link #protocol}, {@link #endpoint}), the
 * attributes it was given, and whether it is confirmed. Its mutable state is guarded by its own
 * monitor; a publish reads it once, through {@link #settings()}, so that a concurrent
 * SetSubscriptionAttributes never shows it half changed.
 */
final class SnsSubscription {

  final String arn;
  final SnsTopic topic;
  final String protocol;
  final String endpoint;
  final String owner;

  /** What SNS sends and answers to confirm it; {@code null} once confirmed or if never needed. */
  final String token;

  private final Map<String, String> attributes = new LinkedHashMap<>();
  private boolean pendingConfirmation;
  private boolean confirmationAuthenticated;
  private volatile Settings settings;

  /**
   * What a delivery needs to know, fixed at one instant.
   *
   * @param filterPolicy the parsed filter policy, or {@code null} for none
   * @param raw whether the bare message is delivered instead of the JSON envelope
   * @param deadLetterTargetArn the queue that takes what cannot be delivered, or {@code null}
   */
  record Settings(
      boolean pending, FilterPolicy filterPolicy, boolean raw, String deadLetterTargetArn) {}

  SnsSubscription(
      String arn,
      SnsTopic topic,
      String protocol,
      String endpoint,
      String owner,
      boolean pendingConfirmation,
      String token) {
    this.arn = Objects.requireNonNull(arn, "arn");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.pendingConfirmation = pendingConfirmation;
    this.confirmationAuthenticated = !pendingConfirmation;
    this.token = token;
    this.settings = new Settings(pendingConfirmation, null, false, null);
  }

  Settings settings() {
    return settings;
  }

  /** Sets one validated attribute; {@code filterPolicy} is its parsed form when it is one. */
  synchronized void set(String name, String value, Settings next) {
    if (value == null || value.isEmpty()) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
    settings = next;
  }

  synchronized String attribute(String name) {
    return attributes.get(name);
  }

  /** The attributes a caller gave, by name. */
  synchronized Map<String, String> given() {
    return new LinkedHashMap<>(attributes);
  }

  synchronized boolean pending() {
    return pendingConfirmation;
  }

  /** Confirms a pending subscription; returns whether it was pending. */
  synchronized boolean confirm(boolean authenticated) {
    if (!pendingConfirmation) {
      return false;
    }
    pendingConfirmation = false;
    confirmationAuthenticated = authenticated;
    Settings now = settings;
    settings = new Settings(false, now.filterPolicy(), now.raw(), now.deadLetterTargetArn());
    return true;
  }

  /** The attributes GetSubscriptionAttributes answers, in AWS's names. */
  synchronized Map<String, String> attributes() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("SubscriptionArn", arn);
    all.put("TopicArn", topic.arn);
    all.put("Owner", owner);
    all.put("Protocol", protocol);
    all.put("Endpoint", endpoint);
    all.put("PendingConfirmation", String.valueOf(pendingConfirmation));
    all.put("ConfirmationWasAuthenticated", String.valueOf(confirmationAuthenticated));
    all.put("SubscriptionPrincipal", "arn:aws:iam::" + owner + ":user/serverless-stack-subscriber");
    if (SnsSubscriptionRules.supportsRawDelivery(protocol)) {
      all.put("RawMessageDelivery", "false");
    }
    if (protocol.startsWith("http")) {
      all.put("EffectiveDeliveryPolicy", topic.effectiveDeliveryPolicy());
    }
    all.putAll(attributes);
    if (attributes.containsKey("FilterPolicy") && !attributes.containsKey("FilterPolicyScope")) {
      all.put("FilterPolicyScope", "MessageAttributes");
    }
    if (!attributes.containsKey("FilterPolicy")) {
      all.remove("FilterPolicyScope");
    }
    return all;
  }
}
