package io.serverlessstack.fake.clock;

import java.time.Instant;

/**
 * The only source of time for a stack. Engines read {@link #now()} and park timed work with {@link
 * #schedule}, so a {@link VirtualClock} can move every timeout of the stack at once.
 */
public interface StackClock {

  Instant now();

  /**
   * Runs {@code task} once the clock reaches {@code deadline} (at once if it already has).
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Scheduled schedule(Instant deadline, Runnable task);

  /** A pending {@link #schedule} call. */
  interface Scheduled {
    void cancel();
  }
}
