package io.serverlessstack.fake.clock;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle-skipping clock on its own, for what SQS cannot show in one request: its longest wait is
 * 20 seconds, while the clock jumps any gap at once (a Step Functions {@code Wait} of a day, say).
 * Requests are reported to it as the front door and the operations report them.
 */
class VirtualClockTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final VirtualClock clock = VirtualClock.skippingIdleTime(START);

  @AfterEach
  void stopClock() {
    clock.close();
  }

  @Test
  void aRequestWaitingOnADeadlineADayAwayGetsThereAtOnce() throws Exception {
    CompletableFuture<Instant> fired = new CompletableFuture<>();
    clock.schedule(START.plus(Duration.ofDays(1)), () -> fired.complete(clock.now()));
    long started = System.nanoTime();

    clock.requestStarted().park("a day's wait");

    assertThat(fired.get(2, SECONDS)).isEqualTo(START.plus(Duration.ofDays(1)));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void deadlinesFireOneAtATimeInTimeOrderAndTiesInTheOrderTheyWereSet() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> allFired = new CompletableFuture<>();
    clock.schedule(
        START.plus(Duration.ofDays(1)),
        () -> {
          fired.add("day at " + clock.now());
          allFired.complete(null);
        });
    clock.schedule(START.plusSeconds(7200), () -> fired.add("two hours at " + clock.now()));
    clock.schedule(START.plusSeconds(3600), () -> fired.add("first hour at " + clock.now()));
    clock.schedule(START.plusSeconds(3600), () -> fired.add("second hour at " + clock.now()));

    clock.requestStarted().park("a long wait");

    allFired.get(2, SECONDS);
    assertThat(fired)
        .containsExactly(
            "first hour at 2030-01-01T01:00:00Z",
            "second hour at 2030-01-01T01:00:00Z",
            "two hours at 2030-01-01T02:00:00Z",
            "day at 2030-01-02T00:00:00Z");
  }

  @Test
  void withNoRequestInFlightTheClockStandsStill() {
    CompletableFuture<Instant> fired = new CompletableFuture<>();
    clock.schedule(START.plusSeconds(1), () -> fired.complete(clock.now()));

    assertThatThrownBy(() -> fired.get(200, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void aRequestBeingServedHoldsTheClockUntilItsResponseIsWritten() throws Exception {
    CompletableFuture<Instant> fired = new CompletableFuture<>();
    clock.schedule(START.plusSeconds(5), () -> fired.complete(clock.now()));
    StackClock.InFlight slow = clock.requestStarted();
    clock.requestStarted().park("a long poll");

    assertThatThrownBy(() -> fired.get(200, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(clock.now()).isEqualTo(START);

    slow.finish();
    assertThat(fired.get(2, SECONDS)).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void aRequestWhoseWaitEndedHoldsTheClockAgain() throws Exception {
    CompletableFuture<Instant> fired = new CompletableFuture<>();
    clock.schedule(START.plusSeconds(5), () -> fired.complete(clock.now()));
    StackClock.InFlight woken = clock.requestStarted();
    woken.park("woken by a message");
    woken.resume();
    clock.requestStarted().park("still waiting");

    assertThatThrownBy(() -> fired.get(200, MILLISECONDS)).isInstanceOf(TimeoutException.class);

    woken.finish();
    assertThat(fired.get(2, SECONDS)).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void aManualClockNeverMovesByItself() {
    try (VirtualClock manual = VirtualClock.manual(START)) {
      CompletableFuture<Instant> fired = new CompletableFuture<>();
      manual.schedule(START.plusSeconds(1), () -> fired.complete(manual.now()));

      manual.requestStarted().park(null);

      assertThatThrownBy(() -> fired.get(200, MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(manual.now()).isEqualTo(START);
    }
  }
}
