package io.serverlessstack.fake.internal.sqs;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
      SqsMessage message, String receiptHandle, int receiveCount, Instant firstReceivedAt) {}
}
