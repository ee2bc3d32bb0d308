package io.serverlessstack.fake.internal.sns;

import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.api.SnsEvents.Details;
import io.serverlessstack.api.SubscriptionView;
import io.serverlessstack.api.TopicView;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.DeliveryOutcome;
import io.serverlessstack.fake.internal.delivery.DeliveryTarget;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS's state and behaviour, protocol-agnostic and thread-safe: topics and subscriptions per
 * account and region, publishing with AWS's checks, FIFO deduplication and ordering, filter
 * policies, and fan-out to every subscription through the {@link DeliveryBus}, never on the
 * caller's thread. Everything observable goes to the journal.
 */
public final class SnsEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SnsEngine.class);

  /** How long a subscriber's endpoint may refuse a delivery for lack of room before it fails. */
  private static final Duration MAILBOX_RETRY = Duration.ofSeconds(1);

  private static final int MAILBOX_ATTEMPTS = 60;

  final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final MessageSigner signer = new MessageSigner();

  private final ScopedResources<SnsTopic> topics = new ScopedResources<>("sns", "");
  private final Map<String, SnsSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, SnsSubscription> byToken = new ConcurrentHashMap<>();
  private final Map<String, SnsHttpEndpoint> httpEndpoints = new ConcurrentHashMap<>();

  /**
   * Publishes waiting for a bus thread to fan them out, by message id. Each topic is a bus target
   * that runs its publishes' fan-outs ({@link #fanOutTarget}): building and signing envelopes and
   * handing them on costs CPU that must not be spent on the front door's event loop, and a FIFO
   * topic's target runs them one at a time, in publish order.
   */
  private final Map<String, Runnable> fanOuts = new ConcurrentHashMap<>();

  private final DeliveryTarget fanOutTarget = this::runFanOut;

  /** Made on the first HTTP(S) subscription: a stack without one starts no HTTP client. */
  private volatile HttpClient http;

  /** Held while topics and subscriptions are created and deleted, so checks and changes agree. */
  private final Object lifecycle = new Object();

  public SnsEngine(StackClock clock, Journal journal, DeliveryBus bus) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  MessageSigner signer() {
    return signer;
  }

  // ---- topics

  /**
   * Creates a topic, or returns the one of that name if it was created with the same attributes and
   * tags, as AWS does.
   */
  SnsTopic createTopic(
      Scope scope,
      String name,
      Map<String, String> attributes,
      Map<String, String> tags,
      String dataProtectionPolicy) {
    boolean fifo = SnsTopicRules.validateName(name, attributes);
    attributes.forEach(
        (attribute, value) -> SnsTopicRules.validateAttribute(attribute, value, fifo, true));
    SnsTagRules.validate(tags);
    synchronized (lifecycle) {
      ScopedResources.Key key = new ScopedResources.Key(scope, name);
      SnsTopic existing = topics.get(key);
      if (existing != null) {
        Map<String, String> given = existing.given();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
          if (!Objects.equals(given.get(attribute.getKey()), attribute.getValue())
              && !(attribute.getKey().equals("FifoTopic") && !fifo)) {
            throw SnsErrors.invalidParameter(
                "Invalid parameter: Attributes Reason: Topic already exists with different"
                    + " attributes");
          }
        }
        Map<String, String> existingTags = existing.tags();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
          if (!Objects.equals(existingTags.get(tag.getKey()), tag.getValue())) {
            throw SnsErrors.invalidParameter(
                "Invalid parameter: Tags Reason: Topic already exists with different tags");
          }
        }
        return existing;
      }
      String arn = topics.arn(scope, name).toString();
      SnsTopic topic = new SnsTopic(scope.accountId(), scope.region(), name, arn, fifo);
      attributes.forEach(
          (attribute, value) -> {
            if (!attribute.equals("FifoTopic") || fifo) {
              topic.setAttribute(attribute, value);
            }
          });
      topic.tag(tags);
      if (dataProtectionPolicy != null) {
        topic.dataProtectionPolicy(dataProtectionPolicy);
      }
      topics.putIfAbsent(key, topic);
      bus.register(
          arn, fifo ? DeliveryBus.Ordering.ORDERED : DeliveryBus.Ordering.CONCURRENT, fanOutTarget);
      journal.append(
          SnsEvents.SERVICE, SnsEvents.TOPIC_CREATED, name, arn, Map.of(Details.ARN, arn));
      return topic;
    }
  }

  /** Creates a topic in the default account and region, for resources a stack starts with. */
  public void createTopic(String name, Map<String, String> attributes) {
    createTopic(Scope.DEFAULT, name, new LinkedHashMap<>(attributes), Map.of(), null);
  }

  /** Deletes a topic and its subscriptions; deleting a missing topic succeeds, as in AWS. */
  void deleteTopic(Scope scope, String arn) {
    ScopedResources.Key key = topicKey(scope, arn);
    synchronized (lifecycle) {
      SnsTopic topic = topics.get(key);
      if (topic == null) {
        return;
      }
      for (SnsSubscription subscription : topic.subscriptionList()) {
        removeSubscription(subscription, true);
      }
      topics.remove(key, topic);
      bus.unregister(topic.arn, fanOutTarget);
      journal.append(
          SnsEvents.SERVICE,
          SnsEvents.TOPIC_DELETED,
          topic.name,
          topic.arn,
          Map.of(Details.ARN, arn));
    }
  }

  /** The topic an ARN names, as every topic operation finds it. */
  SnsTopic topic(Scope scope, String arn) {
    SnsTopic topic = topics.get(topicKey(scope, arn));
    if (topic == null) {
      throw SnsErrors.topicNotFound();
    }
    return topic;
  }

  /**
   * The key of a topic ARN; AWS refuses an ARN that is not one, or one of another region than the
   * request's.
   */
  private ScopedResources.Key topicKey(Scope scope, String arn) {
    if (arn == null) {
      throw SnsErrors.validationError("topicArn");
    }
    ScopedResources.Key key =
        topics
            .keyOf(arn)
            .filter(parsed -> !parsed.name().contains(":"))
            .orElseThrow(
                () ->
                    SnsErrors.invalidParameter(
                        "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements,"
                            + " not "
                            + arn.split(":", -1).length));
    if (!key.region().equals(scope.region())) {
      throw SnsErrors.invalidParameter("Invalid parameter: TopicArn");
    }
    return key;
  }

  List<SnsTopic> topics(Scope scope) {
    return topics.in(scope);
  }

  void setTopicAttribute(Scope scope, String arn, String name, String value) {
    SnsTopic topic = topic(scope, arn);
    if (name == null) {
      throw SnsErrors.validationError("attributeName");
    }
    String text = value == null ? "" : value;
    SnsTopicRules.validateAttribute(name, text, topic.fifo, false);
    topic.setAttribute(name, text);
    journal.append(
        SnsEvents.SERVICE,
        SnsEvents.TOPIC_ATTRIBUTES_CHANGED,
        topic.name,
        topic.arn,
        Map.of(name, text));
  }

  void addPermission(
      Scope scope, String arn, String label, List<String> accounts, List<String> actions) {
    SnsTopic topic = topic(scope, arn);
    synchronized (topic) {
      topic.setAttribute(
          "Policy",
          SnsTopicRules.withPermission(
              topic.attributes().get("Policy"), topic.arn, label, accounts, actions));
    }
  }

  void removePermission(Scope scope, String arn, String label) {
    SnsTopic topic = topic(scope, arn);
    synchronized (topic) {
      topic.setAttribute(
          "Policy", SnsTopicRules.withoutPermission(topic.attributes().get("Policy"), label));
    }
  }

  /** The topic a tagging call names; AWS answers {@code ResourceNotFound} for tags. */
  SnsTopic taggedTopic(Scope scope, String arn) {
    SnsTopic topic = arn == null ? null : topics.byArn(arn);
    if (topic == null || !topic.region.equals(scope.region())) {
      throw SnsErrors.resourceNotFound();
    }
    return topic;
  }

  // ---- subscriptions

  /**
   * Subscribes an endpoint: the same endpoint and protocol subscribed again with no conflicting
   * attributes returns the subscription it has; HTTP(S) subscriptions wait for confirmation.
   */
  SnsSubscription subscribe(
      Scope scope,
      String topicArn,
      String protocol,
      String endpoint,
      Map<String, String> attributes,
      String baseUrl) {
    SnsTopic topic = topic(scope, topicArn);
    SnsSubscriptionRules.validateEndpoint(protocol, endpoint, topic.fifo);
    SnsSubscription.Settings settings = new SnsSubscription.Settings(false, null, false, null);
    Map<String, String> applied = new LinkedHashMap<>();
    // The scope first, so that the policy is parsed in it whatever order the caller used.
    List<String> names = new ArrayList<>(attributes.keySet());
    names.sort(
        (a, b) -> Boolean.compare(!a.equals("FilterPolicyScope"), !b.equals("FilterPolicyScope")));
    for (String name : names) {
      String value = attributes.get(name);
      settings =
          SnsSubscriptionRules.apply(
              name, value, settings, applied, protocol, endpoint, topic.fifo, true);
      applied.put(name, value);
    }
    SnsSubscription created;
    synchronized (lifecycle) {
      for (SnsSubscription existing : topic.subscriptions) {
        if (existing.protocol.equals(protocol) && existing.endpoint.equals(endpoint)) {
          Map<String, String> given = existing.given();
          for (Map.Entry<String, String> attribute : applied.entrySet()) {
            if (!Objects.equals(given.get(attribute.getKey()), attribute.getValue())) {
              throw SnsErrors.invalidParameter(
                  "Invalid parameter: Attributes Reason: Subscription already exists with"
                      + " different attributes");
            }
          }
          return existing;
        }
      }
      if (topics.get(new ScopedResources.Key(topic.accountId, topic.region, topic.name)) != topic) {
        throw SnsErrors.topicNotFound();
      }
      boolean pending = SnsSubscriptionRules.needsConfirmation(protocol);
      String token = pending ? newToken() : null;
      created =
          new SnsSubscription(
              topic.arn + ":" + UUID.randomUUID(),
              topic,
              protocol,
              endpoint,
              scope.accountId(),
              pending,
              token);
      SnsSubscription.Settings withPending =
          new SnsSubscription.Settings(
              pending, settings.filterPolicy(), settings.raw(), settings.deadLetterTargetArn());
      Map<String, String> all = new LinkedHashMap<>(applied);
      if (all.containsKey("RawMessageDelivery")) {
        all.put("RawMessageDelivery", all.get("RawMessageDelivery").toLowerCase());
      }
      all.forEach((name, value) -> created.set(name, value, withPending));
      if (all.isEmpty()) {
        created.set("RawMessageDelivery", null, withPending);
      }
      topic.subscriptions.add(created);
      subscriptions.put(created.arn, created);
      if (token != null) {
        byToken.put(token, created);
      }
      if (protocol.startsWith("http")) {
        SnsHttpEndpoint httpEndpoint = new SnsHttpEndpoint(created, httpClient());
        httpEndpoints.put(created.arn, httpEndpoint);
        bus.register(created.arn, DeliveryBus.Ordering.CONCURRENT, httpEndpoint);
      }
    }
    journalSubscription(SnsEvents.SUBSCRIBED, created);
    if (protocol.startsWith("http")) {
      requestConfirmation(created, baseUrl);
    }
    return created;
  }

  private static String newToken() {
    byte[] bytes = new byte[128];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Confirms a pending subscription by the token SNS sent its endpoint. */
  SnsSubscription confirmSubscription(String topicArn, String token, boolean authenticated) {
    if (topicArn == null) {
      throw SnsErrors.validationError("topicArn");
    }
    if (token == null) {
      throw SnsErrors.validationError("token");
    }
    if (Arn.parse(topicArn).isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Topic");
    }
    SnsSubscription subscription = byToken.get(token);
    if (subscription == null || !subscription.topic.arn.equals(topicArn)) {
      throw SnsErrors.invalidParameter("Invalid parameter: Token");
    }
    if (subscription.confirm(authenticated)) {
      journalSubscription(SnsEvents.SUBSCRIPTION_CONFIRMED, subscription);
    }
    return subscription;
  }

  /**
   * Deletes a subscription; a subscription that is already gone is no error, as in AWS. A confirmed
   * HTTP(S) subscription's endpoint is sent an {@code UnsubscribeConfirmation} first.
   *
   * @param baseUrl how the caller addressed the stack, for the URLs in that message
   */
  void unsubscribe(String arn, String baseUrl) {
    if (arn == null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: SubscriptionArn Reason: no value for required parameter");
    }
    if (Arn.parse(arn).isEmpty()) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not "
              + arn.split(":", -1).length);
    }
    SnsSubscription gone;
    synchronized (lifecycle) {
      gone = subscriptions.get(arn);
      if (gone != null) {
        removeSubscription(gone, false);
      }
    }
    if (gone != null && gone.protocol.startsWith("http") && !gone.pending()) {
      confirmUnsubscribe(gone, baseUrl);
    }
  }

  /**
   * @param dropEndpoint whether to stop its HTTP endpoint now; an unsubscribe keeps it until its
   *     {@code UnsubscribeConfirmation} is delivered
   */
  private void removeSubscription(SnsSubscription subscription, boolean dropEndpoint) {
    subscriptions.remove(subscription.arn, subscription);
    if (dropEndpoint) {
      dropHttpEndpoint(subscription);
    }
    if (subscription.token != null) {
      byToken.remove(subscription.token, subscription);
    }
    if (subscription.topic.subscriptions.remove(subscription)) {
      subscription.topic.countDeleted();
    }
    journalSubscription(SnsEvents.UNSUBSCRIBED, subscription);
  }

  SnsSubscription subscription(String arn) {
    if (arn == null) {
      throw SnsErrors.validationError("subscriptionArn");
    }
    SnsSubscription subscription = subscriptions.get(arn);
    if (subscription == null) {
      throw SnsErrors.subscriptionNotFound();
    }
    return subscription;
  }

  List<SnsSubscription> subscriptions(Scope scope) {
    List<SnsSubscription> all = new ArrayList<>();
    for (SnsTopic topic : topics.in(scope)) {
      all.addAll(topic.subscriptionList());
    }
    return all;
  }

  void setSubscriptionAttribute(String arn, String name, String value) {
    SnsSubscription subscription = subscription(arn);
    synchronized (subscription) {
      Map<String, String> given = subscription.given();
      SnsSubscription.Settings next =
          SnsSubscriptionRules.apply(
              name,
              value,
              subscription.settings(),
              given,
              subscription.protocol,
              subscription.endpoint,
              subscription.topic.fifo,
              false);
      String stored =
          name.equals("RawMessageDelivery") && value != null ? value.toLowerCase() : value;
      subscription.set(name, stored, next);
    }
  }

  private void journalSubscription(String type, SnsSubscription subscription) {
    journal.append(
        SnsEvents.SERVICE,
        type,
        subscription.topic.name,
        subscription.topic.arn,
        Map.of(
            Details.SUBSCRIPTION_ARN, subscription.arn,
            Details.PROTOCOL, subscription.protocol,
            Details.ENDPOINT, subscription.endpoint,
            Details.PENDING_CONFIRMATION, String.valueOf(subscription.pending())));
  }

  // ---- publishing

  /**
   * A message to publish, as Publish and each PublishBatch entry give it.
   *
   * @param structure {@code json} for a message per protocol, else {@code null}
   */
  record Outgoing(
      String message,
      String subject,
      String structure,
      Map<String, Delivery.Attribute> attributes,
      String groupId,
      String deduplicationId) {}

  /** What Publish answers: the message id, and a FIFO topic's sequence number. */
  record Published(String messageId, String sequenceNumber) {}

  /**
   * Checks a message as Publish does, before anything of a batch is published; returns its messages
   * per protocol when it is structured.
   */
  Map<String, String> validate(SnsTopic topic, Outgoing outgoing, String member) {
    SnsPublishRules.validateMessage(outgoing.message(), outgoing.subject(), member + "message");
    SnsPublishRules.validateAttributes(outgoing.attributes(), member + "messageAttributes");
    Map<String, String> byProtocol =
        "json".equals(outgoing.structure()) ? SnsPublishRules.structured(outgoing.message()) : null;
    if (outgoing.structure() != null && !"json".equals(outgoing.structure())) {
      throw SnsErrors.invalidParameter("Invalid parameter: MessageStructure");
    }
    if (topic.fifo) {
      if (outgoing.groupId() == null) {
        throw SnsErrors.invalidParameter(
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
      }
      if (outgoing.deduplicationId() == null && !topic.contentBasedDeduplication()) {
        throw SnsErrors.invalidParameter(
            "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or"
                + " MessageDeduplicationId provided explicitly");
      }
    } else if (outgoing.deduplicationId() != null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: MessageDeduplicationId Reason: The request includes"
              + " MessageDeduplicationId parameter that is not valid for this topic type");
    } else if (outgoing.groupId() != null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter"
              + " that is not valid for this topic type");
    }
    return byProtocol;
  }

  /**
   * Publishes {@code message} to the topic {@code topicArn} names, as Publish would, for services
   * inside the stack (a Lambda event source mapping's on-failure destination); its envelopes' URLs
   * point at {@code baseUrl}, the stack as their clients reach it.
   *
   * @return the message id
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException SNS's {@code NotFound} for
   *     no such topic, or Publish's errors for a message the topic does not take
   */
  public String publish(String topicArn, String message, String baseUrl) {
    SnsTopic topic = topics.byArn(topicArn);
    if (topic == null) {
      throw SnsErrors.topicNotFound();
    }
    Outgoing outgoing = new Outgoing(message, null, null, Map.of(), null, null);
    return publish(topic, outgoing, validate(topic, outgoing, ""), baseUrl).messageId();
  }

  /** Publishes one message that {@link #validate} accepted, and fans it out. */
  Published publish(
      SnsTopic topic, Outgoing outgoing, Map<String, String> byProtocol, String baseUrl) {
    Instant now = clock.now();
    String messageId = UUID.randomUUID().toString();
    if (!topic.fifo) {
      handOff(
          topic,
          messageId,
          () ->
              journalPublished(topic, SnsEvents.MESSAGE_PUBLISHED, messageId, outgoing, null, null),
          () -> fanOut(topic, outgoing, byProtocol, messageId, null, null, now, baseUrl));
      return new Published(messageId, null);
    }
    String deduplicationId =
        outgoing.deduplicationId() != null
            ? outgoing.deduplicationId()
            : sha256(outgoing.message());
    // Held from deduplication to hand-off, so every subscriber sees the topic's one order.
    // FifoThroughputScope=MessageGroup narrows deduplication to each message group.
    String deduplicationKey =
        "MessageGroup".equals(topic.attribute("FifoThroughputScope"))
            ? outgoing.groupId() + '\u0000' + deduplicationId
            : deduplicationId;
    synchronized (topic) {
      SnsTopic.Published earlier = topic.duplicateOf(deduplicationKey, now);
      if (earlier != null) {
        journalPublished(
            topic,
            SnsEvents.MESSAGE_DEDUPLICATED,
            earlier.messageId(),
            outgoing,
            deduplicationId,
            earlier.sequenceNumber());
        return new Published(earlier.messageId(), earlier.sequenceNumber());
      }
      String sequenceNumber = topic.nextSequenceNumber();
      topic.remember(deduplicationKey, new SnsTopic.Published(messageId, sequenceNumber, now));
      try {
        handOff(
            topic,
            messageId,
            () ->
                journalPublished(
                    topic,
                    SnsEvents.MESSAGE_PUBLISHED,
                    messageId,
                    outgoing,
                    deduplicationId,
                    sequenceNumber),
            () ->
                fanOut(
                    topic,
                    outgoing,
                    byProtocol,
                    messageId,
                    deduplicationId,
                    sequenceNumber,
                    now,
                    baseUrl));
      } catch (AwsErrorException throttled) {
        topic.forget(deduplicationKey); // not published, so a retry is no duplicate
        throw throttled;
      }
      return new Published(messageId, sequenceNumber);
    }
  }

  /**
   * Queues a publish's fan-out on its topic's bus target, and journals the publish once it is
   * queued: so a publish that Publish answered is in the journal, one refused is not, and no
   * delivery of it is journaled before it (the fan-out waits for the journal).
   *
   * @throws AwsErrorException {@code Throttled} when the topic already has as many fan-outs waiting
   *     as the bus holds per target: the publisher should slow down, as AWS tells it to
   */
  private void handOff(SnsTopic topic, String messageId, Runnable journal, Runnable fanOut) {
    CompletableFuture<Void> journaled = new CompletableFuture<>();
    fanOuts.put(
        messageId,
        () -> {
          journaled.join();
          fanOut.run();
        });
    CompletableFuture<DeliveryOutcome> queued =
        bus.deliver(topic.arn, Delivery.of(messageId, topic.arn, "")).toCompletableFuture();
    queued.whenComplete(
        (outcome, failure) -> {
          fanOuts.remove(messageId);
          if (outcome instanceof DeliveryOutcome.TargetFailed failed) {
            LOG.warn("Fanning out message {} of {} failed", messageId, topic.arn, failed.failure());
          }
        });
    if (queued.getNow(null) instanceof DeliveryOutcome.MailboxFull) {
      throw SnsErrors.throttled();
    }
    try {
      journal.run();
    } finally {
      journaled.complete(null);
    }
  }

  /** Runs one publish's fan-out, on a bus thread. */
  private String runFanOut(Delivery publish) {
    Runnable fanOut = fanOuts.get(publish.id());
    if (fanOut == null) {
      // Other services publish through the engine's typed calls, which queue a fan-out first.
      throw new IllegalStateException("No publish waits under message id " + publish.id());
    }
    fanOut.run();
    return publish.id();
  }

  /**
   * Publishes an SMS straight to a phone number: it leaves the stack, so it is checked and
   * recorded, as AWS would send it.
   */
  Published publishSms(String phoneNumber, Outgoing outgoing) {
    if (!SnsSubscriptionRules.isPhoneNumber(phoneNumber)) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: PhoneNumber Reason: " + phoneNumber + " is not valid to publish to");
    }
    SnsPublishRules.validateMessage(outgoing.message(), outgoing.subject(), "message");
    SnsPublishRules.validateAttributes(outgoing.attributes(), "messageAttributes");
    String messageId = UUID.randomUUID().toString();
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.MESSAGE_ID, messageId);
    details.put(Details.MESSAGE, outgoing.message());
    details.put(Details.PHONE_NUMBER, phoneNumber);
    outgoing
        .attributes()
        .forEach(
            (name, value) -> details.put(Details.ATTRIBUTE_PREFIX + name, attributeText(value)));
    journal.append(SnsEvents.SERVICE, SnsEvents.MESSAGE_PUBLISHED, phoneNumber, details);
    return new Published(messageId, null);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private void journalPublished(
      SnsTopic topic,
      String type,
      String messageId,
      Outgoing outgoing,
      String deduplicationId,
      String sequenceNumber) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.MESSAGE_ID, messageId);
    details.put(Details.MESSAGE, outgoing.message());
    putIfPresent(details, Details.SUBJECT, outgoing.subject());
    putIfPresent(details, Details.MESSAGE_STRUCTURE, outgoing.structure());
    putIfPresent(details, Details.MESSAGE_GROUP_ID, outgoing.groupId());
    putIfPresent(details, Details.MESSAGE_DEDUPLICATION_ID, deduplicationId);
    putIfPresent(details, Details.SEQUENCE_NUMBER, sequenceNumber);
    outgoing
        .attributes()
        .forEach(
            (name, value) -> details.put(Details.ATTRIBUTE_PREFIX + name, attributeText(value)));
    journal.append(SnsEvents.SERVICE, type, topic.name, topic.arn, details);
  }

  private static String attributeText(Delivery.Attribute value) {
    return value.binaryValue() != null
        ? Base64.getEncoder().encodeToString(value.binaryValue())
        : value.stringValue();
  }

  private static void putIfPresent(Map<String, String> details, String name, String value) {
    if (value != null) {
      details.put(name, value);
    }
  }

  private void fanOut(
      SnsTopic topic,
      Outgoing outgoing,
      Map<String, String> byProtocol,
      String messageId,
      String deduplicationId,
      String sequenceNumber,
      Instant now,
      String baseUrl) {
    Map<String, SnsEnvelope.Signed> signedByMessage = new HashMap<>(4);
    for (SnsSubscription subscription : topic.subscriptions) {
      SnsSubscription.Settings settings = subscription.settings();
      if (settings.pending()) {
        continue; // AWS delivers nothing to a subscription until it is confirmed
      }
      String message =
          byProtocol == null
              ? outgoing.message()
              : byProtocol.getOrDefault(subscription.protocol, byProtocol.get("default"));
      if (settings.filterPolicy() != null) {
        FilterPolicy.Match match =
            settings.filterPolicy().scope() == FilterPolicy.Scope.MESSAGE_BODY
                ? settings.filterPolicy().matchBody(message)
                : settings.filterPolicy().matchAttributes(outgoing.attributes());
        if (!match.matched()) {
          journalDelivery(
              SnsEvents.MESSAGE_FILTERED_OUT,
              subscription,
              messageId,
              Map.of(Details.FAILED_RULE, match.failedRule()));
          continue;
        }
      }
      String payload = message;
      if (!settings.raw()) {
        SnsEnvelope.Signed signed =
            signedByMessage.computeIfAbsent(
                message,
                text ->
                    SnsEnvelope.sign(
                        new SnsEnvelope.Notification(
                            messageId,
                            topic.arn,
                            outgoing.subject(),
                            text,
                            now,
                            sequenceNumber,
                            outgoing.attributes()),
                        topic.signatureVersion(),
                        signer,
                        baseUrl));
        // A function gets the same signed notification as a record of Lambda's SNS event.
        payload =
            switch (subscription.protocol) {
              case "lambda" -> SnsEnvelope.lambdaEvent(signed, subscription.arn, baseUrl);
              case "firehose" -> SnsEnvelope.firehoseRecord(signed, subscription.arn, baseUrl);
              default -> SnsEnvelope.notification(signed, subscription.arn, baseUrl);
            };
      } else if (subscription.protocol.equals("firehose")) {
        payload = message + "\n"; // a delivery stream's records are one message a line
      }
      Delivery delivery =
          new Delivery(
              messageId,
              topic.arn,
              payload,
              settings.raw() ? outgoing.attributes() : Map.of(),
              topic.fifo ? outgoing.groupId() : null,
              topic.fifo ? deduplicationId : null);
      deliver(subscription, settings, delivery, 0);
    }
  }

  /** Hands one delivery to the subscription's endpoint and records how it ended. */
  private void deliver(
      SnsSubscription subscription,
      SnsSubscription.Settings settings,
      Delivery delivery,
      int refusals) {
    switch (subscription.protocol) {
      case "http", "https" ->
          post(
              subscription,
              delivery,
              SnsEnvelope.NOTIFICATION,
              settings.raw(),
              outcome -> delivered(subscription, settings, delivery, outcome, refusals));
      // A function's ARN takes the delivery as an asynchronous (Event) invocation.
      case "sqs", "lambda", "firehose" ->
          bus.deliver(subscription.endpoint, delivery)
              .whenComplete(
                  (outcome, failure) ->
                      delivered(subscription, settings, delivery, outcome, refusals));
      default -> // email, SMS and mobile push leave the stack: recorded as AWS would send them
          journalDelivered(subscription, delivery, null);
    }
  }

  private void delivered(
      SnsSubscription subscription,
      SnsSubscription.Settings settings,
      Delivery delivery,
      DeliveryOutcome outcome,
      int refusals) {
    if (outcome instanceof DeliveryOutcome.Delivered done) {
      journalDelivered(
          subscription, delivery, subscription.protocol.startsWith("http") ? done.receipt() : null);
      return;
    }
    if (outcome instanceof DeliveryOutcome.MailboxFull && refusals + 1 < MAILBOX_ATTEMPTS) {
      // The endpoint is busy, AWS's "server-side" kind of failure: try again shortly.
      clock.schedule(
          clock.now().plus(MAILBOX_RETRY),
          () -> deliver(subscription, settings, delivery, refusals + 1));
      return;
    }
    String reason = reason(outcome);
    journalDelivery(
        SnsEvents.DELIVERY_FAILED,
        subscription,
        delivery.id(),
        Map.of(Details.ATTEMPTS, String.valueOf(outcome.attempts()), Details.REASON, reason));
    String deadLetterQueue = settings.deadLetterTargetArn();
    if (deadLetterQueue != null) {
      bus.deliver(deadLetterQueue, delivery)
          .whenComplete(
              (dead, failure) -> {
                if (dead != null && dead.delivered()) {
                  journalDelivery(
                      SnsEvents.MESSAGE_DEAD_LETTERED,
                      subscription,
                      delivery.id(),
                      Map.of(
                          Details.DEAD_LETTER_QUEUE_ARN, deadLetterQueue,
                          Details.REASON, reason,
                          Details.PAYLOAD, delivery.body()));
                }
              });
    }
  }

  private static String reason(DeliveryOutcome outcome) {
    if (outcome instanceof DeliveryOutcome.TargetMissing) {
      return "The endpoint " + outcome.targetArn() + " does not exist";
    }
    if (outcome instanceof DeliveryOutcome.TargetFailed failed) {
      Throwable cause = failed.failure();
      return cause instanceof AwsErrorException aws
          ? aws.code() + ": " + aws.getMessage()
          : String.valueOf(cause);
    }
    if (outcome instanceof DeliveryOutcome.MailboxFull) {
      return "The endpoint " + outcome.targetArn() + " stayed too busy to take the message";
    }
    return "The stack stopped before the message was delivered";
  }

  /** A delivery the endpoint took; {@code statusCode} is an HTTP(S) endpoint's answer. */
  private void journalDelivered(
      SnsSubscription subscription, Delivery delivery, String statusCode) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.RAW, String.valueOf(subscription.settings().raw()));
    details.put(Details.PAYLOAD, delivery.body());
    putIfPresent(details, Details.STATUS_CODE, statusCode);
    journalDelivery(SnsEvents.MESSAGE_DELIVERED, subscription, delivery.id(), details);
  }

  private void journalDelivery(
      String type, SnsSubscription subscription, String messageId, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.MESSAGE_ID, messageId);
    details.put(Details.SUBSCRIPTION_ARN, subscription.arn);
    details.put(Details.PROTOCOL, subscription.protocol);
    details.put(Details.ENDPOINT, subscription.endpoint);
    details.putAll(extra);
    journal.append(
        SnsEvents.SERVICE, type, subscription.topic.name, subscription.topic.arn, details);
  }

  // ---- HTTP(S) endpoints

  private HttpClient httpClient() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(SnsHttpEndpoint.TIMEOUT)
                  .build();
          http = client;
        }
      }
    }
    return client;
  }

  /**
   * Posts a subscription's {@code SubscriptionConfirmation}: its token, and the {@code
   * SubscribeURL} that confirms it when the endpoint visits it.
   */
  private void requestConfirmation(SnsSubscription subscription, String baseUrl) {
    SnsTopic topic = subscription.topic;
    String messageId = UUID.randomUUID().toString();
    String body =
        SnsEnvelope.confirmation(
            SnsEnvelope.SUBSCRIPTION_CONFIRMATION,
            messageId,
            topic.arn,
            "You have chosen to subscribe to the topic "
                + topic.arn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            subscription.token,
            clock.now(),
            topic.signatureVersion(),
            signer,
            baseUrl);
    Delivery delivery = Delivery.of(messageId, topic.arn, body);
    post(
        subscription,
        delivery,
        SnsEnvelope.SUBSCRIPTION_CONFIRMATION,
        false,
        outcome -> {
          if (!outcome.delivered()) {
            journalDelivery(
                SnsEvents.DELIVERY_FAILED,
                subscription,
                messageId,
                Map.of(
                    Details.ATTEMPTS, String.valueOf(outcome.attempts()),
                    Details.REASON, reason(outcome)));
          }
        });
  }

  private void dropHttpEndpoint(SnsSubscription subscription) {
    SnsHttpEndpoint endpoint = httpEndpoints.remove(subscription.arn);
    if (endpoint != null) {
      bus.unregister(subscription.arn, endpoint);
    }
  }

  /**
   * Posts an unsubscribed HTTP(S) subscription's {@code UnsubscribeConfirmation}, as AWS does, then
   * stops its endpoint.
   */
  private void confirmUnsubscribe(SnsSubscription subscription, String baseUrl) {
    SnsTopic topic = subscription.topic;
    String messageId = UUID.randomUUID().toString();
    String body =
        SnsEnvelope.confirmation(
            SnsEnvelope.UNSUBSCRIBE_CONFIRMATION,
            messageId,
            topic.arn,
            "You have chosen to deactivate subscription "
                + subscription.arn
                + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL"
                + " included in this message.",
            subscription.token,
            clock.now(),
            topic.signatureVersion(),
            signer,
            baseUrl);
    post(
        subscription,
        Delivery.of(messageId, topic.arn, body),
        SnsEnvelope.UNSUBSCRIBE_CONFIRMATION,
        false,
        outcome -> dropHttpEndpoint(subscription));
  }

  /**
   * Posts one delivery to an HTTP(S) subscription's endpoint through the bus, retried as the
   * subscription's delivery policy says on the stack's clock.
   */
  private void post(
      SnsSubscription subscription,
      Delivery delivery,
      String messageType,
      boolean raw,
      java.util.function.Consumer<DeliveryOutcome> ended) {
    SnsHttpEndpoint endpoint = httpEndpoints.get(subscription.arn);
    if (endpoint == null) {
      ended.accept(new DeliveryOutcome.TargetMissing(subscription.arn, delivery));
      return;
    }
    SnsDeliveryPolicy policy =
        SnsDeliveryPolicy.effective(
            subscription.topic.attribute("DeliveryPolicy"),
            subscription.attribute("DeliveryPolicy"));
    endpoint.expect(
        delivery.id(), new SnsHttpEndpoint.Post(messageType, raw, policy.contentType()));
    bus.deliver(
            subscription.arn,
            delivery,
            (failed, failure, attempts) -> {
              Duration wait = policy.delayBefore(attempts);
              if (wait != null) {
                journalDelivery(
                    SnsEvents.DELIVERY_RETRIED,
                    subscription,
                    failed.id(),
                    Map.of(
                        Details.ATTEMPTS, String.valueOf(attempts),
                        Details.REASON, String.valueOf(failure.getMessage())));
              }
              return wait;
            })
        .whenComplete(
            (outcome, failure) -> {
              endpoint.done(delivery.id());
              ended.accept(outcome);
            });
  }

  // ---- inspection (read-only)

  /** A view of every topic of every account and region, with its subscriptions. */
  public List<TopicView> inspectTopics() {
    List<TopicView> views = new ArrayList<>();
    for (SnsTopic topic : topics.all()) {
      views.add(topicView(topic));
    }
    return views;
  }

  /**
   * A view of the topic with this ARN, or of the first by account and region with this name,
   * without looking at any other topic.
   */
  public Optional<TopicView> inspectTopic(String nameOrArn) {
    SnsTopic found = topics.byArn(nameOrArn);
    if (found == null) {
      found =
          topics.all().stream()
              .filter(topic -> topic.name.equals(nameOrArn))
              .findFirst()
              .orElse(null);
    }
    return Optional.ofNullable(found).map(SnsEngine::topicView);
  }

  private static TopicView topicView(SnsTopic topic) {
    List<SubscriptionView> subscriptions = new ArrayList<>();
    for (SnsSubscription subscription : topic.subscriptionList()) {
      subscriptions.add(subscriptionView(subscription));
    }
    return new TopicView(
        topic.name,
        topic.arn,
        topic.accountId,
        topic.region,
        topic.fifo,
        topic.attributes(),
        subscriptions);
  }

  private static SubscriptionView subscriptionView(SnsSubscription subscription) {
    // One read of the attributes, so pending and the rest come from the same instant.
    Map<String, String> attributes = subscription.attributes();
    boolean pending = Boolean.parseBoolean(attributes.get("PendingConfirmation"));
    return new SubscriptionView(
        subscription.arn,
        subscription.protocol,
        subscription.endpoint,
        pending,
        pending ? subscription.token : null,
        Boolean.parseBoolean(attributes.get("RawMessageDelivery")),
        attributes.get("FilterPolicy"),
        attributes.get("FilterPolicyScope"),
        attributes.get("RedrivePolicy"),
        subscription.settings().deadLetterTargetArn(),
        attributes);
  }

  // ---- lifecycle

  /** Deletes every topic and subscription. */
  public void reset() {
    synchronized (lifecycle) {
      topics.clear();
      subscriptions.clear();
      byToken.clear();
      httpEndpoints.clear();
      fanOuts.clear();
    }
  }
}
