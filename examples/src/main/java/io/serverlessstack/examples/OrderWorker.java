package io.serverlessstack.examples;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Takes orders off the orders queue and hands them to an {@link OrderHandler}. A handled order's
 * message is deleted; one that fails (or is not an order at all) stays on the queue, comes back
 * after its visibility timeout, and after the queue's {@code maxReceiveCount} receives SQS moves it
 * to the dead-letter queue.
 */
public final class OrderWorker {

  /** What the business does with an order; throwing leaves the order for a later attempt. */
  @FunctionalInterface
  public interface OrderHandler {
    void handle(Order order) throws Exception;
  }

  private final SqsClient sqs;
  private final String queueUrl;
  private final OrderHandler handler;
  private final Duration waitTime;

  /**
   * @param waitTime how long a poll waits for orders to arrive (a long poll); zero returns at once
   */
  public OrderWorker(SqsClient sqs, String queueName, OrderHandler handler, Duration waitTime) {
    this.sqs = sqs;
    this.queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
    this.handler = handler;
    this.waitTime = waitTime;
  }

  /**
   * Receives one batch of orders and handles them.
   *
   * @return how many orders were handled and deleted
   */
  public int pollOnce() {
    List<Message> messages =
        sqs.receiveMessage(
                request ->
                    request
                        .queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) waitTime.toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
            .messages();
    int handled = 0;
    // Once an order of a customer fails, that customer's later orders in the batch must wait:
    // handling them now would overtake the failed one.
    Set<String> blockedGroups = new HashSet<>();
    for (Message message : messages) {
      String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
      if (group != null && blockedGroups.contains(group)) {
        continue;
      }
      if (handle(message)) {
        sqs.deleteMessage(
            request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        handled++;
      } else if (group != null) {
        blockedGroups.add(group);
      }
    }
    return handled;
  }

  private boolean handle(Message message) {
    try {
      handler.handle(Order.fromMessageBody(message.body()));
      return true;
    } catch (Exception failed) {
      return false; // the message becomes visible again once its visibility timeout ends
    }
  }
}
