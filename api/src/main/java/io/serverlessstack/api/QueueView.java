package io.serverlessstack.api;

import java.util.List;
import java.util.Map;

/**
 * A queue and every message on it, as one consistent snapshot.
 *
 * @param attributes every attribute GetQueueAttributes would return for {@code All}
 * @param messages in send order; messages sent at the same instant in the order they arrived
 */
public record QueueView(
    String name,
    String url,
    String arn,
    String accountId,
    String region,
    boolean fifo,
    Map<String, String> attributes,
    List<MessageView> messages) {

  public QueueView {
    attributes = Map.copyOf(attributes);
    messages = List.copyOf(messages);
  }

  /** The messages in {@code state}. */
  public List<MessageView> messages(MessageState state) {
    return messages.stream().filter(message -> message.state() == state).toList();
  }
}
