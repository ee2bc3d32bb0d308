package io.serverlessstack.fake.internal.clock;

import io.serverlessstack.api.ClockMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Wall-clock time; scheduled tasks run on one daemon timer thread. */
public final class SystemClock implements StackClock, AutoCloseable {

  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "serverless-stack-timer");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public ClockMode mode() {
    return ClockMode.SYSTEM;
  }

  @Override
  public Scheduled schedule(Instant deadline, Runnable task) {
    long delayMicros = Math.max(0, Duration.between(now(), deadline).toNanos() / 1000);
    ScheduledFuture<?> future = timer.schedule(task, delayMicros, TimeUnit.MICROSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
