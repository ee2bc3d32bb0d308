package io.serverlessstack.fake.internal.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.SqsEvents.Details;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryTarget;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * One queue: its settings and its messages, with SQS's visibility, delay, retention, FIFO and
 * long-poll semantics. Every method is safe under concurrent calls; state is guarded by the queue's
 * monitor, and futures and cross-queue moves run after it is released.
 */
final class SqsQueue {

  private static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);
  private static final Duration MAX_IN_FLIGHT_PERIOD = Duration.ofHours(12);
  private static final int MAX_IN_FLIGHT_STANDARD = 120_000;
  private static final int MAX_IN_FLIGHT_FIFO = 120_000;

  final SqsEngine engine;
  final String accountId;
  final String region;
  final String name;
  final String arn;
  final boolean fifo;
  final Instant createdAt;

  /** This queue on the delivery bus: each delivery becomes a message, as SendMessage would send. */
  final DeliveryTarget deliveryTarget;

  private QueueSettings settings;
  private Instant lastModifiedAt;
  private final Map<String, String> tags = new LinkedHashMap<>();

  private final Map<String, SqsMessage> byId = new HashMap<>();

  /** Standard queues: visible messages in arrival order (entries may be stale). */
  private final ArrayDeque<SqsMessage> ready = new ArrayDeque<>();

  /** FIFO queues: each group's messages in order; in-flight ones are a prefix. */
  private final LinkedHashMap<String, ArrayDeque<SqsMessage>> groups = new LinkedHashMap<>();

  /** Every message, oldest first and ties in arrival order: for retention expiry and inspection. */
  private final TreeSet<SqsMessage> byAge =
      new TreeSet<>(
          Comparator.comparingLong((SqsMessage message) -> message.sentAtMillis)
              .thenComparingLong(message -> message.serial));

  /** Delayed and in-flight messages by the time they become visible (entries may be stale). */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();

  private int visibleCount;
  private int inFlightCount;
  private int delayedCount;
  private long sequence;
  private final LinkedHashMap<String, Deduplicated> deduplication = new LinkedHashMap<>();
  private final Map<String, ReceiveAttempt> receiveAttempts = new HashMap<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private StackClock.Scheduled wakeup;
  private Instant wakeupAt;
  private Instant lastPurgeAt;

  SqsQueue(
      SqsEngine engine,
      String accountId,
      String region,
      String name,
      QueueSettings settings,
      Instant createdAt) {
    this.engine = engine;
    this.deliveryTarget = delivery -> engine.deliver(this, delivery);
    this.accountId = accountId;
    this.region = region;
    this.name = name;
    this.arn = SqsEngine.arn(accountId, region, name);
    this.fifo = name.endsWith(".fifo");
    this.settings = settings;
    this.createdAt = createdAt;
    this.lastModifiedAt = createdAt;
  }

  // ---- settings, tags, permissions

  synchronized QueueSettings settings() {
    return settings;
  }

  /**
   * Replaces the settings if they are still {@code expected}; {@code false} when another call (an
   * AddPermission, say) changed them since they were read.
   */
  synchronized boolean replaceSettings(QueueSettings expected, QueueSettings next, Instant now) {
    if (settings != expected) {
      return false;
    }
    settings = next;
    lastModifiedAt = now;
    return true;
  }

  /** Every attribute GetQueueAttributes can return, computed ones included. */
  synchronized Map<String, String> attributes(Instant now) {
    advance(now);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("QueueArn", arn);
    attributes.put("ApproximateNumberOfMessages", String.valueOf(visibleCount));
    attributes.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(inFlightCount));
    attributes.put("ApproximateNumberOfMessagesDelayed", String.valueOf(delayedCount));
    attributes.put("CreatedTimestamp", String.valueOf(createdAt.getEpochSecond()));
    attributes.put("LastModifiedTimestamp", String.valueOf(lastModifiedAt.getEpochSecond()));
    attributes.putAll(settings.values());
    return attributes;
  }

  synchronized Map<String, String> tags() {
    return Map.copyOf(tags);
  }

  synchronized void tag(Map<String, String> added) {
    tags.putAll(added);
  }

  synchronized void untag(List<String> keys) {
    keys.forEach(tags::remove);
  }

  /**
   * Adds a statement to the queue's {@code Policy}, which AddPermission and SetQueueAttributes
   * share: a policy set by either is the one the other changes.
   */
  synchronized void addPermission(String label, List<String> accounts, List<String> actions) {
    ObjectNode policy = policy();
    ArrayNode statements = (ArrayNode) policy.get("Statement");
    for (JsonNode statement : statements) {
      if (label.equals(statement.path("Sid").asText(null))) {
        throw SqsErrors.invalidParameterValue("Label", label, "Already exists.");
      }
    }
    ObjectNode statement = statements.addObject();
    statement.put("Sid", label);
    statement.put("Effect", "Allow");
    oneOrMany(
        statement.putObject("Principal"),
        "AWS",
        accounts.stream().map(account -> "arn:aws:iam::" + account + ":root").toList());
    oneOrMany(statement, "Action", actions.stream().map(action -> "SQS:" + action).toList());
    statement.put("Resource", arn);
    settings = settings.withPolicy(QueueSettings.toJson(policy));
  }

  /** Takes the statement {@code label} names out of the policy; no statement left, no policy. */
  synchronized void removePermission(String label) {
    ObjectNode policy = policy();
    ArrayNode statements = (ArrayNode) policy.get("Statement");
    for (int i = 0; i < statements.size(); i++) {
      if (label.equals(statements.get(i).path("Sid").asText(null))) {
        statements.remove(i);
        settings = settings.withPolicy(statements.isEmpty() ? null : QueueSettings.toJson(policy));
        return;
      }
    }
    throw SqsErrors.invalidParameterValue("Label", label, "can't find label.");
  }

  /** The queue's policy as a tree whose {@code Statement} is an array; an empty default if none. */
  private ObjectNode policy() {
    String text = settings.get(QueueSettings.POLICY);
    ObjectNode policy = text == null ? null : QueueSettings.parseObject(text);
    if (policy == null) {
      policy = QueueSettings.newObject();
      policy.put("Version", "2012-10-17");
      policy.put("Id", arn + "/SQSDefaultPolicy");
    }
    JsonNode statement = policy.get("Statement");
    if (statement == null || !statement.isArray()) {
      ArrayNode statements = policy.putArray("Statement");
      if (statement != null && statement.isObject()) {
        statements.add(statement);
      }
    }
    return policy;
  }

  /** A single value as a string, several as an array, as AWS writes the policies it generates. */
  private static void oneOrMany(ObjectNode into, String name, List<String> values) {
    if (values.size() == 1) {
      into.put(name, values.get(0));
    } else {
      ArrayNode array = into.putArray(name);
      values.forEach(array::add);
    }
  }

  // ---- sending

  /** A message about to be sent; the queue fills in ids, digests and order. */
  record Outgoing(
      String body,
      Map<String, MessageAttributeValue> attributes,
      Map<String, MessageSystemAttributeValue> systemAttributes,
      String groupId,
      String deduplicationId,
      Integer delaySeconds,
      String senderId) {}

  /**
   * The outcome of a send; {@code duplicate} when FIFO deduplication swallowed it. The digests are
   * those of what was sent, which the sender checks, even when a duplicate's content differs.
   */
  record Sent(
      SqsMessage message,
      boolean duplicate,
      String bodyMd5,
      String attributesMd5,
      String systemAttributesMd5) {}

  Sent send(Outgoing outgoing, Instant now) {
    String bodyMd5 = MessageMd5.ofBody(outgoing.body());
    String attributesMd5 =
        MessageMd5.ofAttributes(SqsMessageRules.md5Values(outgoing.attributes()));
    String systemAttributesMd5 =
        MessageMd5.ofAttributes(SqsMessageRules.md5SystemValues(outgoing.systemAttributes()));
    List<Runnable> afterUnlock = new ArrayList<>();
    Sent sent;
    synchronized (this) {
      advance(now);
      String deduplicationId = outgoing.deduplicationId();
      if (fifo && deduplicationId == null) {
        deduplicationId = sha256(outgoing.body());
      }
      String dedupKey = null;
      if (fifo) {
        dedupKey =
            (settings.get(QueueSettings.DEDUPLICATION_SCOPE).equals("messageGroup")
                    ? outgoing.groupId() + "\u0000"
                    : "")
                + deduplicationId;
        Deduplicated earlier = deduplication.get(dedupKey);
        if (earlier != null && earlier.expiresAt().isAfter(now)) {
          return new Sent(earlier.message(), true, bodyMd5, attributesMd5, systemAttributesMd5);
        }
      }
      SqsMessage message =
          new SqsMessage(
              Ids.randomUuid(),
              outgoing.body(),
              bodyMd5,
              outgoing.attributes(),
              attributesMd5,
              outgoing.systemAttributes(),
              systemAttributesMd5,
              outgoing.senderId(),
              now,
              outgoing.groupId(),
              fifo ? deduplicationId : null,
              fifo ? nextSequenceNumber() : null,
              null);
      if (fifo) {
        deduplication.put(dedupKey, new Deduplicated(message, now.plus(DEDUPLICATION_INTERVAL)));
      }
      // FIFO queues only take DelaySeconds=0, which means the queue's delay.
      int delay =
          outgoing.delaySeconds() != null && !fifo
              ? outgoing.delaySeconds()
              : settings.getInt(QueueSettings.DELAY_SECONDS);
      insert(message, now.plusSeconds(delay), now);
      serveWaiters(now, afterUnlock);
      scheduleWakeup(); // a delayed message may become visible before the waiters' next wakeup
      sent = new Sent(message, false, bodyMd5, attributesMd5, systemAttributesMd5);
    }
    afterUnlock.forEach(Runnable::run);
    return sent;
  }

  /** Takes a message moved here from another queue (dead-lettering, a move task). */
  void accept(SqsMessage moved, Instant now) {
    List<Runnable> afterUnlock = new ArrayList<>();
    synchronized (this) {
      advance(now);
      insert(moved, now, now);
      serveWaiters(now, afterUnlock);
      scheduleWakeup();
    }
    afterUnlock.forEach(Runnable::run);
  }

  String nextSequenceNumberFor() {
    synchronized (this) {
      return fifo ? nextSequenceNumber() : null;
    }
  }

  private String nextSequenceNumber() {
    sequence++;
    return String.format("%020d", sequence);
  }

  private void insert(SqsMessage message, Instant visibleAt, Instant now) {
    byId.put(message.messageId, message);
    byAge.add(message);
    if (fifo) {
      groups.computeIfAbsent(message.groupId, group -> new ArrayDeque<>()).addLast(message);
    }
    if (visibleAt.isAfter(now)) {
      message.state = SqsMessage.State.DELAYED;
      message.visibleAt = visibleAt;
      delayedCount++;
      timers.add(new Timer(visibleAt, message, ++message.stamp));
    } else {
      makeVisible(message);
    }
  }

  // ---- receiving

  /** What one receive asks for. */
  record ReceiveRequest(int maxMessages, int visibilityTimeout, String attemptId) {}

  /**
   * Receives up to {@code maxMessages} messages, or waits up to {@code waitSeconds} of the stack's
   * clock for the first one to become available.
   */
  CompletableFuture<List<SqsMessage.Delivery>> receive(
      ReceiveRequest request, int waitSeconds, Instant now) {
    List<Runnable> afterUnlock = new ArrayList<>();
    CompletableFuture<List<SqsMessage.Delivery>> result = new CompletableFuture<>();
    synchronized (this) {
      advance(now);
      List<SqsMessage.Delivery> deliveries = take(request, now, afterUnlock);
      if (!deliveries.isEmpty() || waitSeconds == 0) {
        result.complete(deliveries);
        scheduleWakeup(); // what this receive took becomes visible again on a new timer
      } else {
        Waiter waiter = new Waiter(request, result);
        waiters.addLast(waiter);
        waiter.timeout = engine.clock.schedule(now.plusSeconds(waitSeconds), () -> expire(waiter));
        scheduleWakeup();
        // Observable, so a test can move a virtual clock once the receive is really waiting.
        engine.journal.append(
            SqsEngine.SERVICE,
            SqsEvents.LONG_POLL_WAITING,
            name,
            arn,
            Map.of(Details.WAIT_TIME_SECONDS, String.valueOf(waitSeconds)));
      }
    }
    afterUnlock.forEach(Runnable::run);
    return result;
  }

  private void expire(Waiter waiter) {
    synchronized (this) {
      waiters.remove(waiter);
    }
    waiter.result.complete(List.of());
  }

  private List<SqsMessage.Delivery> take(
      ReceiveRequest request, Instant now, List<Runnable> afterUnlock) {
    if (request.attemptId() != null && fifo) {
      List<SqsMessage.Delivery> repeated = repeatAttempt(request, now);
      if (repeated != null) {
        return repeated;
      }
    }
    int limit = fifo ? MAX_IN_FLIGHT_FIFO : MAX_IN_FLIGHT_STANDARD;
    if (inFlightCount >= limit) {
      throw SqsErrors.overLimit(
          "Too many messages in flight: the queue already has " + inFlightCount + ".");
    }
    QueueSettings.RedrivePolicy redrive = settings.redrivePolicy();
    SqsQueue deadLetterQueue =
        redrive == null ? null : engine.queueByArn(redrive.deadLetterTargetArn());
    List<SqsMessage> deadLettered = new ArrayList<>();
    List<SqsMessage.Delivery> deliveries = new ArrayList<>();
    if (fifo) {
      takeFromGroups(request, now, deliveries, deadLettered, deadLetterQueue, redrive);
    } else {
      while (deliveries.size() < request.maxMessages() && !ready.isEmpty()) {
        SqsMessage message = ready.pollFirst();
        if (message.removed || message.state != SqsMessage.State.VISIBLE) {
          continue;
        }
        takeOne(message, request, now, deliveries, deadLettered, deadLetterQueue, redrive);
      }
    }
    if (request.attemptId() != null && fifo && !deliveries.isEmpty()) {
      receiveAttempts.put(
          request.attemptId(),
          new ReceiveAttempt(
              List.copyOf(deliveries), stamps(deliveries), now.plus(DEDUPLICATION_INTERVAL)));
    }
    if (!deadLettered.isEmpty()) {
      afterUnlock.add(() -> engine.moveToDeadLetterQueue(this, deadLetterQueue, deadLettered));
    }
    return deliveries;
  }

  private void takeFromGroups(
      ReceiveRequest request,
      Instant now,
      List<SqsMessage.Delivery> deliveries,
      List<SqsMessage> deadLettered,
      SqsQueue deadLetterQueue,
      QueueSettings.RedrivePolicy redrive) {
    List<String> served = new ArrayList<>();
    Iterator<Map.Entry<String, ArrayDeque<SqsMessage>>> groupIterator =
        groups.entrySet().iterator();
    while (groupIterator.hasNext() && deliveries.size() < request.maxMessages()) {
      Map.Entry<String, ArrayDeque<SqsMessage>> group = groupIterator.next();
      ArrayDeque<SqsMessage> messages = group.getValue();
      boolean took = false;
      Iterator<SqsMessage> iterator = messages.iterator();
      while (iterator.hasNext() && deliveries.size() < request.maxMessages()) {
        SqsMessage head = iterator.next();
        if (head.state != SqsMessage.State.VISIBLE) {
          break; // an in-flight or delayed message holds the rest of its group back
        }
        takeOne(head, request, now, deliveries, deadLettered, deadLetterQueue, redrive);
        if (head.removed) {
          iterator.remove(); // dead-lettered: takeOne only detached it, for this iterator
        } else {
          took = true;
        }
      }
      if (messages.isEmpty()) {
        groupIterator.remove();
      } else if (took) {
        served.add(group.getKey());
      }
    }
    for (String group : served) {
      // Served groups go to the back, so busy groups do not starve the others.
      groups.put(group, groups.remove(group));
    }
  }

  private void takeOne(
      SqsMessage message,
      ReceiveRequest request,
      Instant now,
      List<SqsMessage.Delivery> deliveries,
      List<SqsMessage> deadLettered,
      SqsQueue deadLetterQueue,
      QueueSettings.RedrivePolicy redrive) {
    if (deadLetterQueue != null && message.receiveCount >= redrive.maxReceiveCount()) {
      detach(message); // takeFromGroups iterates over the message's group and drops it there
      deadLettered.add(message);
      return;
    }
    visibleCount--;
    inFlightCount++;
    message.state = SqsMessage.State.IN_FLIGHT;
    message.receiveCount++;
    if (message.firstReceivedAt == null) {
      message.firstReceivedAt = now;
    }
    message.inFlightSince = now;
    message.receiptHandle = receiptHandle(message);
    message.visibleAt = now.plusSeconds(request.visibilityTimeout());
    timers.add(new Timer(message.visibleAt, message, ++message.stamp));
    deliveries.add(
        new SqsMessage.Delivery(
            message, message.receiptHandle, message.receiveCount, message.firstReceivedAt));
    engine.journalMessage(
        this,
        SqsEvents.MESSAGE_RECEIVED,
        message,
        Map.of(
            Details.RECEIVE_COUNT, String.valueOf(message.receiveCount),
            Details.VISIBILITY_TIMEOUT, String.valueOf(request.visibilityTimeout())));
  }

  /**
   * The answer to a retried FIFO receive: the same messages and receipt handles, with their
   * visibility timeout started afresh, while none of them was deleted, made visible or had its
   * visibility changed; AWS refuses the retry once one was. {@code null} when the attempt id is new
   * or its deduplication interval has passed.
   */
  private List<SqsMessage.Delivery> repeatAttempt(ReceiveRequest request, Instant now) {
    receiveAttempts.values().removeIf(attempt -> !attempt.expiresAt().isAfter(now));
    ReceiveAttempt attempt = receiveAttempts.get(request.attemptId());
    if (attempt == null) {
      return null;
    }
    List<SqsMessage.Delivery> deliveries = attempt.deliveries();
    for (int i = 0; i < deliveries.size(); i++) {
      SqsMessage.Delivery delivery = deliveries.get(i);
      SqsMessage message = delivery.message();
      if (message.removed
          || message.state != SqsMessage.State.IN_FLIGHT
          || !delivery.receiptHandle().equals(message.receiptHandle)
          || message.stamp != attempt.stamps().get(i)) {
        receiveAttempts.remove(request.attemptId());
        throw SqsErrors.receiveAttemptNotRetryable(request.attemptId());
      }
    }
    for (SqsMessage.Delivery delivery : deliveries) {
      SqsMessage message = delivery.message();
      message.visibleAt = now.plusSeconds(request.visibilityTimeout());
      timers.add(new Timer(message.visibleAt, message, ++message.stamp));
    }
    receiveAttempts.put(
        request.attemptId(),
        new ReceiveAttempt(deliveries, stamps(deliveries), attempt.expiresAt()));
    return deliveries;
  }

  private static List<Long> stamps(List<SqsMessage.Delivery> deliveries) {
    return deliveries.stream().map(delivery -> delivery.message().stamp).toList();
  }

  // ---- deleting and changing visibility

  /** Deletes the message {@code receiptHandle} names. */
  void delete(String receiptHandle, Instant now) {
    List<Runnable> afterUnlock = new ArrayList<>();
    synchronized (this) {
      advance(now);
      SqsMessage message = byReceiptHandle(receiptHandle);
      if (message == null) {
        return; // already deleted: AWS answers success
      }
      if (!receiptHandle.equals(message.receiptHandle)) {
        if (fifo) {
          throw SqsErrors.receiptHandleExpired(receiptHandle);
        }
        return; // an older handle: AWS answers success and keeps the message
      }
      if (fifo && message.state != SqsMessage.State.IN_FLIGHT) {
        throw SqsErrors.receiptHandleExpired(receiptHandle);
      }
      remove(message);
      engine.journalMessage(this, SqsEvents.MESSAGE_DELETED, message, Map.of());
      serveWaiters(now, afterUnlock); // a deleted FIFO head releases its group
    }
    afterUnlock.forEach(Runnable::run);
  }

  /** Sets the visibility timeout of the in-flight message {@code receiptHandle} names. */
  void changeVisibility(String receiptHandle, int timeoutSeconds, Instant now) {
    List<Runnable> afterUnlock = new ArrayList<>();
    synchronized (this) {
      advance(now);
      SqsMessage message = byReceiptHandle(receiptHandle);
      // AWS also accepts the latest handle of a standard queue's message after its timeout
      // expired, as long as no one received the message again: it is hidden once more.
      boolean expired = !fifo && message != null && message.state == SqsMessage.State.VISIBLE;
      if (message == null
          || !receiptHandle.equals(message.receiptHandle)
          || (message.state != SqsMessage.State.IN_FLIGHT && !expired)) {
        throw SqsErrors.notAvailableForVisibilityChange(receiptHandle);
      }
      Instant visibleAt = now.plusSeconds(timeoutSeconds);
      if (visibleAt.isAfter(message.inFlightSince.plus(MAX_IN_FLIGHT_PERIOD))) {
        throw SqsErrors.invalidParameterValue(
            "VisibilityTimeout",
            timeoutSeconds,
            "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
      }
      if (expired) {
        visibleCount--;
        inFlightCount++;
        message.state = SqsMessage.State.IN_FLIGHT;
      }
      message.visibleAt = visibleAt;
      timers.add(new Timer(visibleAt, message, ++message.stamp));
      engine.journalMessage(
          this,
          SqsEvents.VISIBILITY_CHANGED,
          message,
          Map.of(Details.VISIBILITY_TIMEOUT, String.valueOf(timeoutSeconds)));
      advance(now);
      serveWaiters(now, afterUnlock);
      scheduleWakeup();
    }
    afterUnlock.forEach(Runnable::run);
  }

  private SqsMessage byReceiptHandle(String receiptHandle) {
    String messageId = ReceiptHandles.messageId(receiptHandle, arn);
    return byId.get(messageId);
  }

  private String receiptHandle(SqsMessage message) {
    return ReceiptHandles.create(arn, message.messageId);
  }

  // ---- purge, move-out, inspection

  void purge(Instant now) {
    synchronized (this) {
      if (lastPurgeAt != null && lastPurgeAt.plusSeconds(60).isAfter(now)) {
        throw SqsErrors.purgeQueueInProgress(arn);
      }
      lastPurgeAt = now;
      byId.values().forEach(message -> message.removed = true);
      byId.clear();
      byAge.clear();
      ready.clear();
      groups.clear();
      timers.clear();
      visibleCount = 0;
      inFlightCount = 0;
      delayedCount = 0;
    }
  }

  /** Removes and returns up to {@code limit} of the oldest messages not in flight (a move task). */
  synchronized List<SqsMessage> drainAvailable(Instant now, long limit) {
    advance(now);
    List<SqsMessage> drained =
        byAge.stream()
            .filter(message -> message.state != SqsMessage.State.IN_FLIGHT)
            .limit(limit)
            .toList();
    drained.forEach(this::remove);
    return drained;
  }

  /** How many messages are not in flight: what a move task would move. */
  synchronized long availableCount(Instant now) {
    advance(now);
    return (long) visibleCount + delayedCount;
  }

  /** Ends every waiting long poll with no messages (the queue is going away). */
  void close() {
    List<Waiter> ended;
    synchronized (this) {
      ended = new ArrayList<>(waiters);
      waiters.clear();
      if (wakeup != null) {
        wakeup.cancel();
      }
    }
    ended.forEach(
        waiter -> {
          waiter.timeout.cancel();
          waiter.result.complete(List.of());
        });
  }

  /**
   * A consistent copy of every message, for inspection, in send order: messages sent in the same
   * millisecond (every one, on a virtual clock that stands still) in the order they arrived.
   */
  synchronized List<MessageSnapshot> snapshot(Instant now) {
    advance(now);
    List<MessageSnapshot> messages = new ArrayList<>(byAge.size());
    for (SqsMessage message : byAge) {
      messages.add(
          new MessageSnapshot(message, message.state, message.receiveCount, message.visibleAt));
    }
    return messages;
  }

  record MessageSnapshot(
      SqsMessage message, SqsMessage.State state, int receiveCount, Instant visibleAt) {}

  // ---- time

  /** Applies every retention, visibility and delay expiry up to {@code now}. */
  private void advance(Instant now) {
    long retentionSeconds = settings.getInt(QueueSettings.MESSAGE_RETENTION_PERIOD);
    while (!byAge.isEmpty() && !byAge.first().sentAt.plusSeconds(retentionSeconds).isAfter(now)) {
      SqsMessage expired = byAge.first();
      remove(expired);
      engine.journalMessage(this, SqsEvents.MESSAGE_EXPIRED, expired, Map.of());
    }
    while (!timers.isEmpty() && !timers.peek().at().isAfter(now)) {
      Timer timer = timers.poll();
      SqsMessage message = timer.message();
      if (message.removed || timer.stamp() != message.stamp) {
        continue;
      }
      if (message.state == SqsMessage.State.DELAYED) {
        delayedCount--;
        makeVisible(message);
      } else if (message.state == SqsMessage.State.IN_FLIGHT) {
        inFlightCount--;
        makeVisible(message);
        engine.journalMessage(this, SqsEvents.MESSAGE_VISIBLE_AGAIN, message, Map.of());
      }
    }
  }

  private void makeVisible(SqsMessage message) {
    message.state = SqsMessage.State.VISIBLE;
    message.visibleAt = null;
    message.stamp++;
    visibleCount++;
    if (!fifo) {
      ready.addLast(message);
    }
  }

  private void remove(SqsMessage message) {
    if (message.removed) {
      return;
    }
    detach(message);
    if (fifo) {
      ArrayDeque<SqsMessage> group = groups.get(message.groupId);
      if (group != null) {
        group.remove(message);
        if (group.isEmpty()) {
          groups.remove(message.groupId);
        }
      }
    }
  }

  /**
   * Takes a message out of the queue's indexes and counts but leaves it in its FIFO group, for a
   * caller that is iterating over that group and drops it there itself.
   */
  private void detach(SqsMessage message) {
    message.removed = true;
    byId.remove(message.messageId);
    byAge.remove(message);
    switch (message.state) {
      case VISIBLE -> visibleCount--;
      case IN_FLIGHT -> inFlightCount--;
      case DELAYED -> delayedCount--;
    }
  }

  private void serveWaiters(Instant now, List<Runnable> afterUnlock) {
    while (!waiters.isEmpty() && visibleCount > 0) {
      Waiter waiter = waiters.peekFirst();
      List<SqsMessage.Delivery> deliveries;
      try {
        deliveries = take(waiter.request, now, afterUnlock);
      } catch (AwsErrorException overLimit) {
        break; // the waiter keeps waiting, as a poll would after consumers delete messages
      }
      if (deliveries.isEmpty()) {
        break;
      }
      waiters.pollFirst();
      waiter.timeout.cancel();
      afterUnlock.add(() -> waiter.result.complete(deliveries));
    }
    if (waiters.isEmpty() && wakeup != null) {
      wakeup.cancel();
      wakeup = null;
      wakeupAt = null;
    }
  }

  /** Keeps one clock task at the next visibility or delay expiry while long polls wait. */
  private void scheduleWakeup() {
    while (!timers.isEmpty()
        && (timers.peek().message().removed
            || timers.peek().stamp() != timers.peek().message().stamp)) {
      timers.poll();
    }
    if (waiters.isEmpty() || timers.isEmpty()) {
      return;
    }
    Instant next = timers.peek().at();
    if (wakeupAt != null && !next.isBefore(wakeupAt)) {
      return;
    }
    if (wakeup != null) {
      wakeup.cancel();
    }
    wakeupAt = next;
    wakeup = engine.clock.schedule(next, this::onWakeup);
  }

  private void onWakeup() {
    List<Runnable> afterUnlock = new ArrayList<>();
    synchronized (this) {
      wakeup = null;
      wakeupAt = null;
      Instant now = engine.clock.now();
      advance(now);
      serveWaiters(now, afterUnlock);
      scheduleWakeup();
    }
    afterUnlock.forEach(Runnable::run);
  }

  int messageCount() {
    synchronized (this) {
      return byId.size();
    }
  }

  private static String sha256(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private record Timer(Instant at, SqsMessage message, long stamp) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      return at.compareTo(other.at);
    }
  }

  private record Deduplicated(SqsMessage message, Instant expiresAt) {}

  private record ReceiveAttempt(
      List<SqsMessage.Delivery> deliveries, List<Long> stamps, Instant expiresAt) {}

  private static final class Waiter {
    final ReceiveRequest request;
    final CompletableFuture<List<SqsMessage.Delivery>> result;
    StackClock.Scheduled timeout;

    Waiter(ReceiveRequest request, CompletableFuture<List<SqsMessage.Delivery>> result) {
      this.request = request;
      this.result = result;
    }
  }

  /** Opaque receipt handles that name the queue, the message and one receive. */
  static final class ReceiptHandles {
    private ReceiptHandles() {}

    static String create(String queueArn, String messageId) {
      String raw = queueArn + " " + messageId + " " + Ids.randomUuid();
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The message id of a handle issued by {@code queueArn}; an error for anything else. */
    static String messageId(String receiptHandle, String queueArn) {
      try {
        String raw =
            new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8);
        String[] parts = raw.split(" ");
        if (parts.length == 3 && parts[0].equals(queueArn)) {
          return parts[1];
        }
      } catch (IllegalArgumentException notBase64) {
        // answered below
      }
      throw SqsErrors.receiptHandleIsInvalid(receiptHandle);
    }
  }
}
