package io.serverlessstack.fake.internal.delivery;

/** How one {@link DeliveryBus#deliver} ended; each delivery gets exactly one. */
public sealed interface DeliveryOutcome {

  /** The ARN the delivery was addressed to. */
  String targetArn();

  Delivery delivery();

  /** How many times the target was called (0 when it never was). */
  int attempts();

  /** Whether the target took the delivery. */
  default boolean delivered() {
    return this instanceof Delivered;
  }

  /** The target took it; {@code receipt} is what it returned (a message id, say), or null. */
  record Delivered(String targetArn, Delivery delivery, String receipt, int attempts)
      implements DeliveryOutcome {}

  /** No target is registered under the ARN (never was, or was removed before the delivery ran). */
  record TargetMissing(String targetArn, Delivery delivery) implements DeliveryOutcome {
    @Override
    public int attempts() {
      return 0;
    }
  }

  /** The target threw on its last attempt; {@code failure} is what it threw. */
  record TargetFailed(String targetArn, Delivery delivery, Throwable failure, int attempts)
      implements DeliveryOutcome {}

  /**
   * The target already had {@code capacity} deliveries waiting, so the bus refused this one at
   * once, without queueing it: the sender still holds it and decides (retry later, answer its own
   * caller with a throttling error). Nothing is dropped unseen.
   */
  record MailboxFull(String targetArn, Delivery delivery, int capacity) implements DeliveryOutcome {
    @Override
    public int attempts() {
      return 0;
    }
  }

  /** The bus was closed before the delivery could run. */
  record BusClosed(String targetArn, Delivery delivery, int attempts) implements DeliveryOutcome {}
}
