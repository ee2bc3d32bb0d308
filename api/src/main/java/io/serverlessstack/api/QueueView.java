package io.serverlessstack.api;

import java.util.List;
import java.util.Map;

/**
 * A queue and every message on it, as one consistent snapshot: the typed view of the resources
 * {@code (sqs, queue)}.
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
    List<MessageView> messages)
    implements ResourceView {

  /** The service ({@code sqs}) of queues. */
  public static final String SERVICE = "sqs";

  /** The resource type ({@code queue}) of queues. */
  public static final String TYPE = "queue";

  public QueueView {
    attributes = Map.copyOf(attributes);
    messages = List.copyOf(messages);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }

  /** The messages in {@code state}. */
  public List<MessageView> messages(MessageState state) {
    return messages.stream().filter(message -> message.state() == state).toList();
  }
}
