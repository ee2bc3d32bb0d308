package io.serverlessstack.fake.internal.kinesis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stack's Kinesis behaves where AWS's behaviour would slow tests down unless asked for.
 *
 * @param statusTransition how long, on the stack's clock, a stream stays {@code CREATING}, {@code
 *     UPDATING} or {@code DELETING} and a consumer {@code CREATING} or {@code DELETING}; zero (the
 *     default) makes every change take effect at once, so that waiters return on their first call
 * @param throughputLimits whether every stream enforces AWS's per-shard write and read limits and
 *     the control plane its rate limits; each stream may also be switched on alone
 */
public record KinesisSettings(Duration statusTransition, boolean throughputLimits) {

  public static final KinesisSettings DEFAULT = new KinesisSettings(Duration.ZERO, false);

  public KinesisSettings {
    Objects.requireNonNull(statusTransition, "statusTransition");
    if (statusTransition.isNegative()) {
      throw new IllegalArgumentException("statusTransition is negative: " + statusTransition);
    }
  }
}
