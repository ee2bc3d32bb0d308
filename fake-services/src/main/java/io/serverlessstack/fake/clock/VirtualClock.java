package io.serverlessstack.fake.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when a test says so. {@link #advance} runs, in deadline order, every task
 * scheduled up to the new time, so visibility timeouts, delays and long polls follow it without any
 * test sleeping.
 */
public final class VirtualClock implements StackClock, ClockControl {

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final AtomicLong order = new AtomicLong();
  private Instant now;

  public VirtualClock(Instant start) {
    this.now = start;
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
        if (next.deadline.isAfter(now)) {
          now = next.deadline;
        }
        while (!tasks.isEmpty() && !tasks.peek().deadline.isAfter(now)) {
          due.add(tasks.poll().task);
        }
      }
      due.forEach(Runnable::run);
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
