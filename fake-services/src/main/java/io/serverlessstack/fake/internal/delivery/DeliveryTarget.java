package io.serverlessstack.fake.internal.delivery;

/**
 * Where the {@link DeliveryBus} hands deliveries: an SQS queue, an SNS topic, a Lambda function, an
 * HTTP endpoint, a state machine. Runs only on the bus's threads, never on a Netty event loop, so
 * it may take its time (user code, a blocking HTTP call); it reports a failure by throwing.
 */
@FunctionalInterface
public interface DeliveryTarget {

  /**
   * Takes one delivery.
   *
   * @return what the target made of it (a message id, an execution ARN), or {@code null}
   * @throws Exception when the delivery failed; the bus reports it to the sender, or retries it if
   *     the sender asked for retries
   */
  String accept(Delivery delivery) throws Exception;
}
