package io.serverlessstack.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A test's hold on a stack's virtual clock ({@link ClockMode#MANUAL} or {@link
 * ClockMode#SKIP_IDLE}), wherever the stack runs: in this JVM (the fake services' {@code
 * VirtualClock} implements it) or in a container (through the admin API).
 */
public interface ClockControl {

  /** The stack clock's time. */
  Instant now();

  /**
   * Moves the clock forward; every timeout that falls due on the way (visibility, delays, long
   * polls) takes effect before this returns.
   *
   * @return the new time
   */
  Instant advance(Duration duration);
}
