package io.serverlessstack.examples;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Places orders by publishing them to the FIFO orders queue: grouped by customer, so each
 * customer's orders are processed in the order they were placed, and deduplicated by order id, so
 * placing an order again (say, after a timeout) does not process it twice.
 */
public final class OrderService {

  private final SqsClient sqs;
  private final String queueUrl;

  /** Publishes to the queue {@code queueName}, which must exist. */
  public OrderService(SqsClient sqs, String queueName) {
    this.sqs = sqs;
    this.queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
  }

  /**
   * Publishes {@code order}.
   *
   * @return the message id SQS gave it (the first one's, if it was placed before)
   */
  public String place(Order order) {
    return sqs.sendMessage(
            request ->
                request
                    .queueUrl(queueUrl)
                    .messageGroupId(order.customerId())
                    .messageDeduplicationId(order.orderId())
                    .messageBody(order.toMessageBody()))
        .messageId();
  }
}
