package io.serverlessstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Closed-loop load: threads repeat a step; the rate is counted over a fixed window. */
final class Load {

  /** One iteration; returns how many messages it handled. */
  @FunctionalInterface
  interface Step {
    int run();
  }

  /** How long load runs before its window opens, so thread start-up and connecting do not count. */
  static final Duration RAMP = Duration.ofMillis(500);

  /**
   * What a run of {@link #measure} did.
   *
   * @param rate messages per second over the window
   * @param total messages handled over the whole run, ramp and window's end included
   * @param startNanos {@link System#nanoTime()} just before the threads were created and started
   * @param lastNanos {@link System#nanoTime()} when the last step to end had returned
   */
  record Window(double rate, long total, long startNanos, long lastNanos) {}

  private Load() {}

  /**
   * Runs {@code step} on {@code threads} threads and returns messages per second over {@code
   * window}, counted after {@code ramp} so thread start-up and the first connections do not count.
   */
  static double run(int threads, Duration ramp, Duration window, Step step) {
    return measure(threads, ramp, window, step).rate();
  }

  /** As {@link #run}, with how much was done in all and when it started and ended. */
  static Window measure(int threads, Duration ramp, Duration window, Step step) {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    long started = System.nanoTime();
    AtomicLong last = new AtomicLong(started); // if no step ever returns
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                long ended = Long.MIN_VALUE;
                try {
                  while (!stop.get()) {
                    done.add(step.run());
                    ended = System.nanoTime();
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                  stop.set(true);
                } finally {
                  last.accumulateAndGet(ended, Math::max);
                }
              },
              "load-" + i);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
    try {
      Thread.sleep(ramp.toMillis());
      long countBefore = done.sum();
      long start = System.nanoTime();
      Thread.sleep(window.toMillis());
      long count = done.sum() - countBefore;
      long elapsed = System.nanoTime() - start;
      stop.set(true);
      for (Thread worker : workers) {
        worker.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("A load thread failed", failure.get());
      }
      return new Window(count * 1e9 / elapsed, done.sum(), started, last.get());
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while measuring", e);
    }
  }

  /**
   * Starts a window from a collected heap: the servers share it with the client, and their garbage
   * with each other.
   */
  static void settle() {
    System.gc();
    pause(Duration.ofMillis(200));
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code step} on {@code threads} threads until it has been run {@code times} times. */
  static void repeat(int threads, int times, Runnable step) {
    AtomicInteger remaining = new AtomicInteger(times);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  while (failure.get() == null && remaining.getAndDecrement() > 0) {
                    step.run();
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "fill-" + i);
      workers.add(worker);
      worker.start();
    }
    try {
      for (Thread worker : workers) {
        worker.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while filling", e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("A fill thread failed", failure.get());
    }
  }
}
