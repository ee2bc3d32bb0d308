package io.serverlessstack.assertions;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * How long an assertion keeps looking before it fails. Time here is the wall clock even when the
 * stack runs on a virtual clock: polling waits for other threads to act, not for stack time.
 */
record Patience(Duration timeout) {

  static final Duration DEFAULT_EVENTUALLY = Duration.ofSeconds(5);
  static final Patience NONE = new Patience(Duration.ZERO);

  /** Short enough that a passing check costs a test little, long enough not to spin. */
  private static final long POLL_INTERVAL_NANOS = Duration.ofMillis(10).toNanos();

  Patience {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("A timeout cannot be negative: " + timeout);
    }
  }

  /**
   * Takes snapshots until {@code check} finds nothing wrong with one, or the timeout passes.
   *
   * @return {@code null} once a snapshot passes, else what was wrong with the last one
   */
  <T> ErrorMessageFactory await(Supplier<T> snapshot, Function<T, ErrorMessageFactory> check) {
    return await(snapshot, check, taken -> false);
  }

  /**
   * As {@link #await(Supplier, Function)}, but stops waiting at a snapshot that {@code settled}
   * says can no longer change the check's answer (an execution that has ended, say).
   */
  <T> ErrorMessageFactory await(
      Supplier<T> snapshot, Function<T, ErrorMessageFactory> check, Predicate<T> settled) {
    long start = System.nanoTime();
    int checks = 0;
    while (true) {
      T taken = snapshot.get();
      ErrorMessageFactory failure = check.apply(taken);
      checks++;
      if (failure == null) {
        return null;
      }
      if (timeout.isZero() || settled.test(taken)) {
        return failure;
      }
      if (System.nanoTime() - start >= timeout.toNanos()) {
        return new AfterWaiting(failure, timeout, checks);
      }
      LockSupport.parkNanos(POLL_INTERVAL_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        return new AfterWaiting(failure, Duration.ofNanos(System.nanoTime() - start), checks);
      }
    }
  }
}
