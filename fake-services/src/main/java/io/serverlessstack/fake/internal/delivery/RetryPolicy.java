package io.serverlessstack.fake.internal.delivery;

import java.time.Duration;

/**
 * The sender's retry policy (an SNS delivery policy, a Step Functions retrier): asked after each
 * failed attempt whether, and after how long on the stack's clock, to try again.
 */
@FunctionalInterface
public interface RetryPolicy {

  /** Never retries: the first failure is the outcome. */
  RetryPolicy NONE = (delivery, failure, attempts) -> null;

  /**
   * @param attempts how many attempts failed so far (1 after the first)
   * @return how long to wait before the next attempt ({@link Duration#ZERO} for at once), or {@code
   *     null} to give up and report {@code failure}
   */
  Duration retryAfter(Delivery delivery, Throwable failure, int attempts);

  /** Up to {@code maxAttempts} attempts in all, {@code delay} apart on the stack's clock. */
  static RetryPolicy fixed(int maxAttempts, Duration delay) {
    return (delivery, failure, attempts) -> attempts < maxAttempts ? delay : null;
  }
}
