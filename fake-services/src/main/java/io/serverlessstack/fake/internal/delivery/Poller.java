package io.serverlessstack.fake.internal.delivery;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll that the stack's clock drives, for event source mappings (SQS and Kinesis to Lambda): made
 * by {@link DeliveryBus#poller}, it calls its {@link Poll} on a bus thread — never on a Netty event
 * loop or the clock's own thread — once per period of the clock, one call at a time.
 *
 * <p>Each tick is a task scheduled on the clock, so the poller follows every kind of clock: on the
 * system clock it runs every period of wall time (skipping ticks a slow poll missed); on a manual
 * virtual clock only when the test advances it, once per period passed, each call told its tick's
 * time; on an idle-skipping clock as the clock skips, and while a poll runs it holds the clock (as
 * a request being served would), so time never runs ahead of a poll.
 *
 * <p>{@link #wake} asks for a poll now, between ticks, for a source that knows something arrived (a
 * stream that was just written to); it never overlaps a running poll, which polls once more
 * instead.
 */
public final class Poller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

  /** One poll. */
  @FunctionalInterface
  public interface Poll {
    /**
     * @param tick the clock time this call is for; a poll that runs late (the clock moved on, or
     *     the bus was busy) still gets its own tick
     * @throws Exception logged, and the poller goes on
     */
    void poll(Instant tick) throws Exception;
  }

  private final DeliveryBus bus;
  private final StackClock clock;
  private final String name;
  private final Duration every;
  private final Poll poll;
  private StackClock.Scheduled next;
  private boolean closed;
  private long polls;

  /** Whether a poll runs now, and whether one was asked for while it ran. Guarded by this. */
  private boolean running;

  private boolean again;

  Poller(DeliveryBus bus, String name, Duration every, Poll poll) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("A poller needs a positive period: " + every);
    }
    this.bus = bus;
    this.clock = bus.clock();
    this.name = Objects.requireNonNull(name, "name");
    this.every = every;
    this.poll = Objects.requireNonNull(poll, "poll");
  }

  void start() {
    scheduleAt(clock.now().plus(every));
  }

  private void scheduleAt(Instant deadline) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    // Not under the lock: a tick due already runs within schedule().
    StackClock.Scheduled scheduled = clock.schedule(deadline, () -> tick(deadline));
    synchronized (this) {
      if (closed) {
        scheduled.cancel();
      } else {
        next = scheduled;
      }
    }
  }

  /** On the clock's thread (or the advancing test's): hands the poll to a bus thread. */
  private void tick(Instant deadline) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    VirtualClock.Hold hold =
        clock instanceof VirtualClock virtual && virtual.mode() == ClockMode.SKIP_IDLE
            ? virtual.hold()
            : null;
    boolean handed = bus.execute(() -> run(deadline, hold));
    if (!handed && hold != null) {
      hold.close();
    }
  }

  /** On a bus thread: one poll, then the next tick, then (idle-skipping) the clock may move. */
  private void run(Instant deadline, VirtualClock.Hold hold) {
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      pollNow(deadline);
      Instant following = deadline.plus(every);
      if (clock.mode() == ClockMode.SYSTEM && following.isBefore(clock.now())) {
        following = clock.now().plus(every); // wall time does not wait for a slow poll
      }
      scheduleAt(following);
    } finally {
      if (hold != null) {
        hold.close();
      }
    }
  }

  /**
   * Polls as soon as a bus thread is free, without waiting for the next tick (which still comes);
   * if a poll is running, it polls once more when it ends. Does nothing once closed.
   */
  public void wake() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running) {
        again = true;
        return;
      }
    }
    VirtualClock.Hold hold =
        clock instanceof VirtualClock virtual && virtual.mode() == ClockMode.SKIP_IDLE
            ? virtual.hold()
            : null;
    boolean handed =
        bus.execute(
            () -> {
              try {
                pollNow(clock.now());
              } finally {
                if (hold != null) {
                  hold.close();
                }
              }
            });
    if (!handed && hold != null) {
      hold.close();
    }
  }

  /** Polls for {@code tick}, and again while wakes came in meanwhile; one poll at a time. */
  private void pollNow(Instant tick) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running) {
        again = true;
        return;
      }
      running = true;
    }
    Instant at = tick;
    while (true) {
      synchronized (this) {
        polls++;
      }
      try {
        poll.poll(at);
      } catch (Exception | LinkageError | AssertionError failure) {
        LOG.warn("Poller {} failed at {}; it polls again at its next tick", name, at, failure);
      }
      synchronized (this) {
        if (!again || closed) {
          running = false;
          again = false;
          return;
        }
        again = false;
      }
      at = clock.now();
    }
  }

  /** How many polls have begun. */
  public synchronized long polls() {
    return polls;
  }

  public String name() {
    return name;
  }

  /** Whether it was closed (by itself, a stack reset or the bus closing): it polls no more. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Stops polling: no tick after this begins a poll (one already running finishes). */
  @Override
  public void close() {
    StackClock.Scheduled pending;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending = next;
      next = null;
    }
    if (pending != null) {
      pending.cancel();
    }
    bus.forget(this);
  }
}
