package io.serverlessstack.fake.internal.sns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One topic: its attributes, tags and subscriptions, and for a FIFO topic its deduplication window
 * and sequence numbers. Attribute and tag changes lock the topic; publishing reads the
 * subscriptions without a lock ({@link CopyOnWriteArrayList}), except that a FIFO publish holds the
 * topic's monitor from deduplication to the hand-off of its deliveries, so that every subscriber
 * sees one order.
 */
final class SnsTopic {

  /** How long a FIFO topic remembers a deduplication id. */
  static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);

  final String accountId;
  final String region;
  final String name;
  final String arn;
  final boolean fifo;

  final List<SnsSubscription> subscriptions = new CopyOnWriteArrayList<>();

  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final Map<String, String> tags = new TreeMap<>();
  private String dataProtectionPolicy;
  private int subscriptionsDeleted;

  /** FIFO only: what each deduplication id published, in order of publishing. */
  private final Map<String, Published> deduplication = new LinkedHashMap<>();

  private long sequence;

  /** A FIFO message as first published: what a duplicate is answered with. */
  record Published(String messageId, String sequenceNumber, Instant at) {}

  SnsTopic(String accountId, String region, String name, String arn, boolean fifo) {
    this.accountId = accountId;
    this.region = region;
    this.name = name;
    this.arn = arn;
    this.fifo = fifo;
  }

  synchronized void setAttribute(String attributeName, String value) {
    attributes.put(attributeName, value);
  }

  synchronized String attribute(String attributeName) {
    return attributes.get(attributeName);
  }

  /** The attributes callers set, by name (for CreateTopic's conflict check). */
  synchronized Map<String, String> given() {
    return new LinkedHashMap<>(attributes);
  }

  boolean contentBasedDeduplication() {
    return "true".equalsIgnoreCase(attribute("ContentBasedDeduplication"));
  }

  /** {@code 1} (SHA1withRSA) unless the topic asks for {@code 2} (SHA256withRSA). */
  String signatureVersion() {
    String version = attribute("SignatureVersion");
    return version == null ? "1" : version;
  }

  String effectiveDeliveryPolicy() {
    String policy = attribute("DeliveryPolicy");
    return policy != null ? policy : SnsTopicRules.DEFAULT_EFFECTIVE_DELIVERY_POLICY;
  }

  /** Every attribute GetTopicAttributes answers, in AWS's names. */
  synchronized Map<String, String> attributes() {
    int confirmed = 0;
    int pending = 0;
    for (SnsSubscription subscription : subscriptions) {
      if (subscription.pending()) {
        pending++;
      } else {
        confirmed++;
      }
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("TopicArn", arn);
    all.put("Owner", accountId);
    all.put("DisplayName", "");
    all.put("Policy", SnsTopicRules.defaultPolicy(arn, accountId));
    all.put("SubscriptionsConfirmed", String.valueOf(confirmed));
    all.put("SubscriptionsPending", String.valueOf(pending));
    all.put("SubscriptionsDeleted", String.valueOf(subscriptionsDeleted));
    all.put("EffectiveDeliveryPolicy", effectiveDeliveryPolicy());
    if (fifo) {
      all.put("FifoTopic", "true");
      all.put("ContentBasedDeduplication", "false");
      all.put("FifoThroughputScope", "Topic");
    }
    all.putAll(attributes);
    return all;
  }

  synchronized Map<String, String> tags() {
    return new TreeMap<>(tags);
  }

  synchronized void tag(Map<String, String> added) {
    tags.putAll(added);
  }

  synchronized void untag(List<String> keys) {
    keys.forEach(tags::remove);
  }

  synchronized String dataProtectionPolicy() {
    return dataProtectionPolicy;
  }

  synchronized void dataProtectionPolicy(String policy) {
    dataProtectionPolicy = policy;
  }

  synchronized void countDeleted() {
    subscriptionsDeleted++;
  }

  /**
   * FIFO: what an earlier publish with {@code deduplicationId} answered, if it was within the
   * deduplication interval of {@code now}; forgets older ones. Call with the topic's monitor held.
   */
  Published duplicateOf(String deduplicationId, Instant now) {
    Instant horizon = now.minus(DEDUPLICATION_INTERVAL);
    for (Iterator<Published> it = deduplication.values().iterator(); it.hasNext(); ) {
      if (it.next().at().isAfter(horizon)) {
        break;
      }
      it.remove();
    }
    return deduplication.get(deduplicationId);
  }

  /** FIFO: the next sequence number; call with the topic's monitor held. */
  String nextSequenceNumber() {
    sequence++;
    // Twenty digits, as AWS's are, so that they sort as text too.
    return String.format("1%019d", sequence);
  }

  /** FIFO: remembers a publish for deduplication; call with the topic's monitor held. */
  void remember(String deduplicationId, Published published) {
    deduplication.put(deduplicationId, published);
  }

  /** FIFO: forgets a publish that was refused after all; call with the topic's monitor held. */
  void forget(String deduplicationId) {
    deduplication.remove(deduplicationId);
  }

  /** The subscriptions, in the order they were made. */
  List<SnsSubscription> subscriptionList() {
    return new ArrayList<>(subscriptions);
  }
}
