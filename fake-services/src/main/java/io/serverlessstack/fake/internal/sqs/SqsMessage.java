package io.serverlessstack.fake.internal.sqs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * One message on a queue: what was sent (final) and where it is in its life (guarded by the owning
 * {@link SqsQueue}'s lock).
 */
final class SqsMessage {

  private static final AtomicLong SERIALS = new AtomicLong();

  enum State {
    DELAYED,
    VISIBLE,
    IN_FLIGHT
  }

  final String messageId;
  final String body;
  final String bodyMd5;
  final Map<String, MessageAttributeValue> attributes;
  final String attributesMd5;
  final Map<String, MessageSystemAttributeValue> systemAttributes;
  final String systemAttributesMd5;
  final String senderId;
  final Instant sentAt;

  /** {@code sentAt} and a serial unique in this JVM: an order that compares cheaply. */
  final long sentAtMillis;

  final long serial = SERIALS.incrementAndGet();
  final String groupId;
  final String deduplicationId;
  final String sequenceNumber;
  final String deadLetterSourceArn;

  State state;

  /** When a delayed or in-flight message becomes visible. */
  Instant visibleAt;

  int receiveCount;
  Instant firstReceivedAt;

  /** When the current in-flight period started; AWS caps it at 12 hours. */
  Instant inFlightSince;

  String receiptHandle;

  /** Bumped on every state change, so stale timer entries can be recognised and skipped. */
  long stamp;

  boolean removed;

  SqsMessage(
      String messageId,
      String body,
      String bodyMd5,
      Map<String, MessageAttributeValue> attributes,
      String attributesMd5,
      Map<String, MessageSystemAttributeValue> systemAttributes,
      String systemAttributesMd5,
      String senderId,
      Instant sentAt,
      String groupId,
      String deduplicationId,
      String sequenceNumber,
      String deadLetterSourceArn) {
    this.messageId = messageId;
    this.body = body;
    this.bodyMd5 = bodyMd5;
    this.attributes = attributes;
    this.attributesMd5 = attributesMd5;
    this.systemAttributes = systemAttributes;
    this.systemAttributesMd5 = systemAttributesMd5;
    this.senderId = senderId;
    this.sentAt = sentAt;
    this.sentAtMillis = sentAt.toEpochMilli();
    this.groupId = groupId;
    this.deduplicationId = deduplicationId;
    this.sequenceNumber = sequenceNumber;
    this.deadLetterSourceArn = deadLetterSourceArn;
  }

  /** A copy for a dead-letter queue: it keeps its receive count and names the queue it left. */
  SqsMessage deadLettered(String sequenceNumber, String sourceQueueArn) {
    SqsMessage copy = copy(sequenceNumber, sourceQueueArn);
    copy.receiveCount = receiveCount;
    copy.firstReceivedAt = firstReceivedAt;
    return copy;
  }

  /** A copy a move task puts back on a queue: never received there, so it starts afresh. */
  SqsMessage redriven(String sequenceNumber) {
    return copy(sequenceNumber, null);
  }

  private SqsMessage copy(String sequenceNumber, String deadLetterSourceArn) {
    return new SqsMessage(
        messageId,
        body,
        bodyMd5,
        attributes,
        attributesMd5,
        systemAttributes,
        systemAttributesMd5,
        senderId,
        sentAt,
        groupId,
        deduplicationId,
        sequenceNumber,
        deadLetterSourceArn);
  }

  /** What a receiver gets: the message and the facts of this receive, frozen. */
  record Delivery(
      SqsMessage message, String receiptHandle, int receiveCount, Instant firstReceivedAt) {

    /**
     * The message as ReceiveMessage answers it, with the system attributes {@code systemNames} asks
     * for ({@code All} for every one) and the message attributes {@code attributeNames} selects
     * (names, {@code All}, {@code .*}, or prefixes such as {@code Hel.*}).
     */
    Message toMessage(Set<String> systemNames, List<String> attributeNames) {
      Map<String, String> system = new LinkedHashMap<>();
      boolean all = systemNames.contains("All");
      putIf(system, all, systemNames, "SenderId", message.senderId);
      putIf(
          system, all, systemNames, "SentTimestamp", String.valueOf(message.sentAt.toEpochMilli()));
      putIf(system, all, systemNames, "ApproximateReceiveCount", String.valueOf(receiveCount));
      putIf(
          system,
          all,
          systemNames,
          "ApproximateFirstReceiveTimestamp",
          String.valueOf(firstReceivedAt.toEpochMilli()));
      putIf(system, all, systemNames, "SequenceNumber", message.sequenceNumber);
      putIf(system, all, systemNames, "MessageDeduplicationId", message.deduplicationId);
      putIf(system, all, systemNames, "MessageGroupId", message.groupId);
      putIf(system, all, systemNames, "DeadLetterQueueSourceArn", message.deadLetterSourceArn);
      MessageSystemAttributeValue trace = message.systemAttributes.get("AWSTraceHeader");
      putIf(system, all, systemNames, "AWSTraceHeader", trace == null ? null : trace.stringValue());

      Map<String, MessageAttributeValue> selected = new LinkedHashMap<>();
      for (Map.Entry<String, MessageAttributeValue> attribute : message.attributes.entrySet()) {
        if (selectsAttribute(attributeNames, attribute.getKey())) {
          selected.put(attribute.getKey(), attribute.getValue());
        }
      }
      String attributesMd5 =
          selected.size() == message.attributes.size()
              ? message.attributesMd5
              : MessageMd5.ofAttributes(SqsMessageRules.md5Values(selected));
      return Message.builder()
          .messageId(message.messageId)
          .receiptHandle(receiptHandle)
          .md5OfBody(message.bodyMd5)
          .body(message.body)
          .attributesWithStrings(system.isEmpty() ? null : system)
          .md5OfMessageAttributes(attributesMd5)
          .messageAttributes(selected.isEmpty() ? null : selected)
          .build();
    }

    private static void putIf(
        Map<String, String> into, boolean all, Set<String> names, String name, String value) {
      if (value != null && (all || names.contains(name))) {
        into.put(name, value);
      }
    }

    private static boolean selectsAttribute(List<String> selectors, String name) {
      for (String selector : selectors) {
        if (selector.equals("All")
            || selector.equals("*")
            || selector.equals(".*")
            || selector.equals(name)) {
          return true;
        }
        // A prefix ends with the wildcard ".*": "Hel.*" selects "Hello" and "Help.Me", as AWS does.
        if (selector.endsWith(".*")
            && name.startsWith(selector.substring(0, selector.length() - 2))) {
          return true;
        }
      }
      return false;
    }
  }
}
