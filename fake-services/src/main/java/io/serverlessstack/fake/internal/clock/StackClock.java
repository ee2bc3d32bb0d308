package io.serverlessstack.fake.internal.clock;

import io.serverlessstack.api.ClockMode;
import java.time.Instant;

/**
 * The only source of time for a stack. Engines read {@link #now()} and park timed work with {@link
 * #schedule}, so a {@link io.serverlessstack.fake.clock.VirtualClock} can move every timeout of the
 * stack at once.
 *
 * <p>A clock may also want to know what the stack is doing: the front door reports each request
 * from its first byte to its written response ({@link #requestStarted()}), and the operation
 * serving it reports when it waits on the clock ({@link InFlight#park}). The idle-skipping clock
 * moves itself when every request in flight waits on it; the manual clock warns about requests that
 * wait on it while nobody advances it.
 */
public interface StackClock {

  Instant now();

  /**
   * Runs {@code task} once the clock reaches {@code deadline} (at once if it already has).
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Scheduled schedule(Instant deadline, Runnable task);

  /** Which kind of clock this is. */
  ClockMode mode();

  /** Whether this clock follows requests; when it does not, the front door need not report them. */
  default boolean tracksRequests() {
    return false;
  }

  /**
   * A request has begun to arrive; the front door calls {@link InFlight#finish()} once its response
   * is written (or the request is dropped).
   */
  default InFlight requestStarted() {
    return InFlight.UNTRACKED;
  }

  /** A pending {@link #schedule} call. */
  interface Scheduled {
    void cancel();
  }

  /**
   * One request the stack is serving, as its clock sees it: running, or parked on the clock. Safe
   * to call from any thread; calls that do not fit the request's state are ignored.
   */
  interface InFlight {

    /** For clocks that do not follow requests. */
    InFlight UNTRACKED =
        new InFlight() {
          @Override
          public void park(String waitingFor) {}

          @Override
          public void resume() {}

          @Override
          public void finish() {}
        };

    /**
     * The request now waits and runs nothing until the clock reaches a deadline or another request
     * wakes it (a long poll), or until a request before it on its connection is answered.
     *
     * @param waitingFor what waits, for warnings (e.g. {@code ReceiveMessage on queue orders}), or
     *     {@code null} for a wait that is not worth a warning of its own
     */
    void park(String waitingFor);

    /** The wait ended; the request runs again. */
    void resume();

    /** The response is written, or the request is gone. */
    void finish();
  }
}
