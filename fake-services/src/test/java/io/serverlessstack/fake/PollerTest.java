package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.Poller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Pollers for event source mappings, driven by each kind of stack clock. */
class PollerTest {

  private static final Instant START = SqsStack.START;

  @Test
  void onAManualClockAPollerPollsOnlyWhenTheClockIsAdvancedOncePerPeriodPassed() throws Exception {
    try (ServerlessStackServer stack =
        ServerlessStackServer.builder().withVirtualClock(START).start()) {
      VirtualClock clock = stack.virtualClock().orElseThrow();
      List<Instant> ticks = Collections.synchronizedList(new ArrayList<>());
      Set<String> threads = ConcurrentHashMap.newKeySet();
      Poller poller =
          stack
              .deliveryBus()
              .poller(
                  "esm",
                  Duration.ofSeconds(1),
                  tick -> {
                    threads.add(Thread.currentThread().getName());
                    ticks.add(tick);
                  });

      // A manual clock runs what falls due inside advance(): a poll not handed to the bus by then
      // never will be, so "nothing yet" needs no waiting.
      assertThat(ticks).isEmpty();
      clock.advance(Duration.ofMillis(999));
      assertThat(ticks).isEmpty();
      clock.advance(Duration.ofMillis(1));
      Await.until(() -> ticks.size() == 1);
      clock.advance(Duration.ofSeconds(3));
      Await.until(() -> ticks.size() == 4);

      assertThat(ticks)
          .containsExactly(
              START.plusSeconds(1),
              START.plusSeconds(2),
              START.plusSeconds(3),
              START.plusSeconds(4));
      assertThat(poller.polls()).isEqualTo(4);
      assertThat(threads).allMatch(name -> name.startsWith(DeliveryBus.THREAD_PREFIX));

      poller.close();
      clock.advance(Duration.ofSeconds(5));
      assertThat(ticks).hasSize(4);
    }
  }

  @Test
  void wakePollsAtOnceBetweenTicksAndNeverBesideARunningPoll() throws Exception {
    try (ServerlessStackServer stack =
        ServerlessStackServer.builder().withVirtualClock(START).start()) {
      List<Instant> ticks = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger running = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      Poller poller =
          stack
              .deliveryBus()
              .poller(
                  "woken",
                  Duration.ofSeconds(1),
                  tick -> {
                    if (running.incrementAndGet() > 1) {
                      overlaps.incrementAndGet();
                    }
                    ticks.add(tick);
                    if (ticks.size() == 1) {
                      release.await(); // the first poll runs while three more wakes come
                    }
                    running.decrementAndGet();
                  });

      poller.wake(); // the clock has not moved: a poll at its time all the same
      Await.until(() -> ticks.size() == 1);
      poller.wake();
      poller.wake();
      poller.wake();
      release.countDown();
      Await.until(() -> poller.polls() == 2);

      // The wakes during the running poll asked for one more poll, run after it.
      assertThat(ticks).containsExactly(START, START);
      assertThat(overlaps.get()).isZero();
      poller.close();
      poller.wake();
      assertThat(poller.polls()).isEqualTo(2);
    }
  }

  @Test
  void aPollerThatThrowsKeepsPolling() throws Exception {
    try (ServerlessStackServer stack =
        ServerlessStackServer.builder().withVirtualClock(START).start()) {
      AtomicInteger calls = new AtomicInteger();
      stack
          .deliveryBus()
          .poller(
              "failing",
              Duration.ofSeconds(1),
              tick -> {
                calls.incrementAndGet();
                throw new IllegalStateException("poll failed");
              });

      stack.virtualClock().orElseThrow().advance(Duration.ofSeconds(3));

      Await.until(() -> calls.get() == 3);
    }
  }

  @Test
  void onAnIdleSkippingClockAPollerPollsAsTimeIsSkipped() throws Exception {
    try (ServerlessStackServer stack =
            ServerlessStackServer.builder().withClock(ClockMode.SKIP_IDLE, START).start();
        SqsClient sqs = SqsClients.sync(stack)) {
      String url = sqs.createQueue(b -> b.queueName("idle")).queueUrl();
      List<Instant> ticks = Collections.synchronizedList(new ArrayList<>());
      stack.deliveryBus().poller("esm", Duration.ofSeconds(1), ticks::add);

      // Nobody waits on the clock, so it stands still (VirtualClockTest shows it stays so).
      assertThat(ticks).isEmpty();
      long start = System.nanoTime();
      // A long poll waits on the clock, which then skips from tick to tick to the poll's end.
      assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages()).isEmpty();
      Duration wall = Duration.ofNanos(System.nanoTime() - start);

      assertThat(wall).isLessThan(Duration.ofSeconds(4));
      assertThat(stack.clock().now()).isAfterOrEqualTo(START.plusSeconds(5));
      Await.until(() -> ticks.size() >= 4);
      // A copy: the poller may still be adding while the assertion reads.
      List<Instant> firstFour;
      synchronized (ticks) {
        firstFour = List.copyOf(ticks.subList(0, 4));
      }
      assertThat(firstFour)
          .containsExactly(
              START.plusSeconds(1),
              START.plusSeconds(2),
              START.plusSeconds(3),
              START.plusSeconds(4));
    }
  }

  @Test
  void onTheSystemClockAPollerPollsInWallTimeAndStopsWithTheStack() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Set<Thread> pollThreads = ConcurrentHashMap.newKeySet();
    Poller poller;
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
      poller =
          stack
              .deliveryBus()
              .poller(
                  "wall",
                  Duration.ofMillis(20),
                  tick -> {
                    pollThreads.add(Thread.currentThread());
                    calls.incrementAndGet();
                  });
      Await.until(() -> calls.get() >= 3);
    }
    // Closing the stack ended the bus's threads, so no poll can run any more: the count is final.
    // (a terminated executor's workers may still be unwinding: wait for them to end).
    for (Thread thread : pollThreads) {
      thread.join(5_000);
    }
    assertThat(pollThreads).isNotEmpty().noneMatch(Thread::isAlive);
    assertThat(poller.polls()).isEqualTo(calls.get());
  }

  @Test
  void aStackResetStopsThePollersOfTheResourcesItDeletesAndNewOnesPoll() throws Exception {
    try (ServerlessStackServer stack =
        ServerlessStackServer.builder().withVirtualClock(START).start()) {
      VirtualClock clock = stack.virtualClock().orElseThrow();
      AtomicInteger oldPolls = new AtomicInteger();
      Poller old =
          stack
              .deliveryBus()
              .poller("old", Duration.ofSeconds(1), tick -> oldPolls.incrementAndGet());
      clock.advance(Duration.ofSeconds(1));
      Await.until(() -> oldPolls.get() == 1);

      stack.reset();
      clock.advance(Duration.ofSeconds(5));

      assertThat(old.isClosed()).isTrue();
      assertThat(oldPolls).hasValue(1);
      AtomicInteger newPolls = new AtomicInteger();
      Poller fresh =
          stack
              .deliveryBus()
              .poller("new", Duration.ofSeconds(1), tick -> newPolls.incrementAndGet());
      clock.advance(Duration.ofSeconds(1));
      Await.until(() -> newPolls.get() == 1);
      assertThat(fresh.isClosed()).isFalse();
      assertThat(oldPolls).hasValue(1);
    }
  }
}
