package io.serverlessstack.api;

import java.time.Instant;
import java.util.Map;

/**
 * A message on a queue, as inspection sees it, without receiving it.
 *
 * @param attributes message attributes: string values as sent, binary values base64
 * @param groupId the FIFO message group, or {@code null}
 * @param sequenceNumber the FIFO sequence number, or {@code null}
 * @param visibleAt when a delayed or in-flight message becomes visible, else {@code null}
 */
public record MessageView(
    String messageId,
    String body,
    MessageState state,
    Map<String, String> attributes,
    String groupId,
    String deduplicationId,
    String sequenceNumber,
    int receiveCount,
    Instant sentAt,
    Instant visibleAt) {

  public MessageView {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
