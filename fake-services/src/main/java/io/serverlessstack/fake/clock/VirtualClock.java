package io.serverlessstack.fake.clock;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clock that a test moves. {@link #advance} runs, in deadline order, every task scheduled up to
 * the new time, so visibility timeouts, delays and long polls follow it without any test sleeping.
 *
 * <p><b>Manual</b> ({@link ClockMode#MANUAL}, {@link #VirtualClock(Instant)}): only {@link
 * #advance} moves it. A request that waits on it — a long poll — waits until the test advances it;
 * when one has waited {@link #STALL_WARNING_AFTER} of wall time and nobody advanced the clock
 * meanwhile, a warning names it.
 *
 * <p><b>Idle-skipping</b> ({@link ClockMode#SKIP_IDLE}, {@link #skippingIdleTime(Instant)}): it
 * also moves by itself while the stack is <em>idle</em>, which means all of:
 *
 * <ul>
 *   <li>at least one request is in flight — from the first byte the front door receives to the last
 *       byte of its response;
 *   <li>every request in flight is parked on the clock: a long poll waiting for a message or for
 *       its wait to end (or a request queued behind one on its connection); none is arriving, being
 *       served or being answered;
 *   <li>a task is scheduled on the clock.
 * </ul>
 *
 * <p>Once the stack has stayed idle, with no request starting, parking, waking or ending, for
 * {@link #QUIET_PERIOD} of wall time, the clock jumps to the earliest deadline and runs the tasks
 * due then, in the order they were scheduled; then it looks again. Deadlines therefore fire one at
 * a time and in time order, as they would on the system clock, only without the wait.
 *
 * <p>With no request in flight the clock stands still: time passes only while someone waits on it,
 * as Temporal's time-skipping test server skips only while a client waits for a result. A test
 * thread that sends a message and then long-polls is never overtaken between the two calls, and a
 * single client's sequence of calls sees time move only inside its long polls. The quiet period is
 * for other threads: while one client's long poll waits, another client's next call has that long
 * to arrive before time moves. Work an application does between its calls is invisible to the
 * clock; {@link #hold()} makes the clock wait for it.
 *
 * <p>Safe for concurrent use. Tasks run outside the clock's lock, on the thread that advances it;
 * an idle-skipping clock advances on a daemon thread of its own, never on a Netty event loop.
 */
public final class VirtualClock implements StackClock, ClockControl, AutoCloseable {

  /** How long an idle-skipping clock waits, in wall time, for a change before it skips. */
  public static final Duration QUIET_PERIOD = Duration.ofMillis(5);

  /** How long a request waits on a clock that does not move before the stack warns about it. */
  public static final Duration STALL_WARNING_AFTER = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(VirtualClock.class);

  private final ClockMode mode;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final AtomicLong order = new AtomicLong();

  // Guarded by this.
  private Instant now;
  private long moves; // how often the clock was advanced or skipped, for stall warnings
  private int running; // requests in flight not parked, and holds
  private int parked; // requests in flight parked on the clock
  private long changes; // bumped whenever idleness may begin or end
  private ScheduledExecutorService wallTimer; // started on first need
  private boolean closed;

  /** A manual virtual clock showing {@code start}. */
  public VirtualClock(Instant start) {
    this(start, ClockMode.MANUAL);
  }

  private VirtualClock(Instant start, ClockMode mode) {
    this.now = Objects.requireNonNull(start, "start");
    this.mode = mode;
  }

  /** A virtual clock showing {@code start} that only {@link #advance} moves. */
  public static VirtualClock manual(Instant start) {
    return new VirtualClock(start, ClockMode.MANUAL);
  }

  /** A virtual clock showing {@code start} that also skips idle time; see the class comment. */
  public static VirtualClock skippingIdleTime(Instant start) {
    return new VirtualClock(start, ClockMode.SKIP_IDLE);
  }

  @Override
  public ClockMode mode() {
    return mode;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Scheduled schedule(Instant deadline, Runnable task) {
    Task scheduled = new Task(deadline, order.incrementAndGet(), task);
    boolean due;
    synchronized (this) {
      due = !deadline.isAfter(now);
      if (!due) {
        tasks.add(scheduled);
        if (idle()) {
          changed(); // the first deadline of a stack whose requests all wait already
        }
      }
    }
    if (due) {
      task.run();
    }
    return () -> {
      synchronized (this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves the clock forward and runs every task that has become due. */
  @Override
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("A clock cannot go back: " + duration);
    }
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
      moves++;
    }
    // Tasks run outside the lock, one deadline at a time, with the clock showing their deadline.
    while (true) {
      List<Runnable> due = new ArrayList<>();
      synchronized (this) {
        Task next = tasks.peek();
        if (next == null || next.deadline.isAfter(target)) {
          now = target;
          return now;
        }
        takeDue(next, due);
      }
      due.forEach(Runnable::run);
    }
  }

  /**
   * Keeps an idle-skipping clock from moving by itself until the hold is closed, as a request being
   * served would: for work a test or its application does outside any request (handling a message
   * it received, say) that the clock must not overtake. Advancing by hand still works.
   */
  public Hold hold() {
    Request request = (Request) requestStarted();
    return request::finish;
  }

  /** A {@link #hold()}; closing it again does nothing. */
  public interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public boolean tracksRequests() {
    return true;
  }

  @Override
  public InFlight requestStarted() {
    synchronized (this) {
      running++;
      changes++;
    }
    return new Request();
  }

  /** Stops the clock's wall-time thread; the clock keeps its time and can still be advanced. */
  @Override
  public void close() {
    ScheduledExecutorService timer;
    synchronized (this) {
      closed = true;
      timer = wallTimer;
      wallTimer = null;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  // ---- idleness (all under the lock)

  private boolean idle() {
    return !closed && running == 0 && parked > 0 && !tasks.isEmpty();
  }

  /** Something that may begin or end idleness happened; an idle-skipping clock looks again. */
  private void changed() {
    changes++;
    if (mode == ClockMode.SKIP_IDLE && idle()) {
      long seen = changes;
      wallTimer()
          .schedule(() -> skipIfStillIdle(seen), QUIET_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Runs on the wall-time thread a quiet period after the stack became idle. */
  private void skipIfStillIdle(long seen) {
    List<Runnable> due = new ArrayList<>();
    Instant skippedTo;
    synchronized (this) {
      if (seen != changes || !idle()) {
        return; // something happened since; whatever it was looked again if it left us idle
      }
      moves++;
      takeDue(tasks.peek(), due);
      skippedTo = now;
    }
    LOG.debug("Every request waits on the clock: skipped to {}", skippedTo);
    for (Runnable task : due) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("A task due at {} on the virtual clock failed", skippedTo, e);
      }
    }
    synchronized (this) {
      changed(); // if what ran woke nobody, the stack is still idle: on to the next deadline
    }
  }

  /** Moves to {@code next}'s deadline and takes every task due by then, in order. */
  private void takeDue(Task next, List<Runnable> due) {
    if (next.deadline.isAfter(now)) {
      now = next.deadline;
    }
    while (!tasks.isEmpty() && !tasks.peek().deadline.isAfter(now)) {
      due.add(tasks.poll().task);
    }
  }

  private ScheduledExecutorService wallTimer() {
    if (wallTimer == null) {
      wallTimer =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "serverless-stack-virtual-clock");
                thread.setDaemon(true);
                return thread;
              });
    }
    return wallTimer;
  }

  private void watchForStall(Request request, long parking, String waitingFor) {
    long movesWhenParked = moves;
    wallTimer()
        .schedule(
            () -> warnIfStalled(request, parking, movesWhenParked, waitingFor),
            STALL_WARNING_AFTER.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void warnIfStalled(
      Request request, long parking, long movesWhenParked, String waitingFor) {
    int busy;
    synchronized (this) {
      if (request.state != State.PARKED
          || request.parking != parking
          || moves != movesWhenParked
          || closed) {
        return;
      }
      busy = running;
    }
    long seconds = STALL_WARNING_AFTER.toSeconds();
    if (mode == ClockMode.MANUAL) {
      LOG.warn(
          "{} has waited {} s on the stack's manual virtual clock, which nobody advanced: it waits"
              + " until the test advances the clock (VirtualClock/ClockControl.advance, or POST"
              + " /_stack/clock/advance), or until its client gives up. To let waits like this end"
              + " by themselves, start the stack with the idle-skipping clock (ClockMode.SKIP_IDLE),"
              + " which jumps to the next deadline whenever every request waits on it.",
          waitingFor,
          seconds);
    } else {
      LOG.warn(
          "{} has waited {} s on the stack's idle-skipping clock, which has not moved: it skips"
              + " only while every request in flight waits on it, and {} other request(s) are"
              + " still arriving or being served, or a hold on the clock is open.",
          waitingFor,
          seconds,
          busy);
    }
  }

  private enum State {
    RUNNING,
    PARKED,
    FINISHED
  }

  /** One request in flight, or a {@link Hold}. */
  private final class Request implements InFlight {
    private State state = State.RUNNING; // guarded by the clock
    private long parking; // how often it parked, so a stall check knows it is the same wait

    @Override
    public void park(String waitingFor) {
      synchronized (VirtualClock.this) {
        if (state != State.RUNNING) {
          return;
        }
        state = State.PARKED;
        running--;
        parked++;
        parking++;
        if (waitingFor != null && !closed) {
          watchForStall(this, parking, waitingFor);
        }
        changed();
      }
    }

    @Override
    public void resume() {
      synchronized (VirtualClock.this) {
        if (state != State.PARKED) {
          return;
        }
        state = State.RUNNING;
        parked--;
        running++;
        changed();
      }
    }

    @Override
    public void finish() {
      synchronized (VirtualClock.this) {
        switch (state) {
          case RUNNING -> running--;
          case PARKED -> parked--;
          case FINISHED -> {
            return;
          }
        }
        state = State.FINISHED;
        changed();
      }
    }
  }

  private record Task(Instant deadline, long order, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task other) {
      int byDeadline = deadline.compareTo(other.deadline);
      return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
    }
  }
}
