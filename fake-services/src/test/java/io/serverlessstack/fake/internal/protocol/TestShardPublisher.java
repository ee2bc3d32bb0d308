package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * The events of one SubscribeToShard stream as its {@link Script} says: one record per event, made
 * on the publisher's own threads, never more than the front door asked for, each after the script's
 * spacing on the stack's clock (at once without one). It counts what it was asked for and made, and
 * notes a cancellation, for tests to check the front door's back-pressure.
 */
final class TestShardPublisher implements Flow.Publisher<SubscribeToShardEvent> {

  /**
   * What a subscription streams.
   *
   * @param events how many events, one record each
   * @param dataBytes the size of each record's data (its bytes all the event's index)
   * @param spacing the stack-clock time before each event, or {@code null} for none
   * @param failure the error that ends the stream after its events, or {@code null}
   * @param staysOpen whether the stream stays open after its events instead of ending
   */
  record Script(
      int events, int dataBytes, Duration spacing, AwsErrorException failure, boolean staysOpen) {

    static Script events(int events) {
      return new Script(events, 16, null, null, false);
    }

    Script withDataBytes(int bytes) {
      return new Script(events, bytes, spacing, failure, staysOpen);
    }

    Script spacedBy(Duration clockTime) {
      return new Script(events, dataBytes, clockTime, failure, staysOpen);
    }

    Script failingWith(AwsErrorException error) {
      return new Script(events, dataBytes, spacing, error, staysOpen);
    }

    Script stayingOpen() {
      return new Script(events, dataBytes, spacing, failure, true);
    }
  }

  private static final Instant ARRIVAL = Instant.parse("2030-01-02T03:04:05.678Z");

  private final Script script;
  private final StackClock clock;
  private final Executor executor;
  private final AtomicLong requested = new AtomicLong();
  private final AtomicLong emitted = new AtomicLong();
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);

  // Guarded by this.
  private Flow.Subscriber<? super SubscribeToShardEvent> subscriber;
  private long demand;
  private boolean timerPending;
  private boolean stopped;

  TestShardPublisher(Script script, StackClock clock, Executor executor) {
    this.script = script;
    this.clock = clock;
    this.executor = executor;
  }

  /** The events the front door asked for in all. */
  long requested() {
    return requested.get();
  }

  /** The events sent. */
  long emitted() {
    return emitted.get();
  }

  /** Counted down when the front door cancels the stream. */
  CountDownLatch cancelled() {
    return cancelled;
  }

  /** Counted down when the publisher completed or failed its subscriber. */
  CountDownLatch ended() {
    return ended;
  }

  /** The record of the event at {@code index}. */
  static Record record(int index, int dataBytes) {
    byte[] data = new byte[dataBytes];
    Arrays.fill(data, (byte) index);
    return Record.builder()
        .sequenceNumber(String.format("%056d", index + 1))
        .partitionKey("key-" + index)
        .data(SdkBytes.fromByteArrayUnsafe(data))
        .approximateArrivalTimestamp(ARRIVAL.plusMillis(index))
        .build();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super SubscribeToShardEvent> subscriber) {
    synchronized (this) {
      if (this.subscriber != null) {
        throw new IllegalStateException("One subscriber only");
      }
      this.subscriber = subscriber;
    }
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            requested.addAndGet(n);
            synchronized (TestShardPublisher.this) {
              demand += n;
            }
            executor.execute(TestShardPublisher.this::emit);
          }

          @Override
          public void cancel() {
            synchronized (TestShardPublisher.this) {
              stopped = true;
            }
            cancelled.countDown();
          }
        });
  }

  /** Sends what is asked for and due, on the publisher's threads; signals never overlap. */
  private synchronized void emit() {
    while (!stopped) {
      int next = (int) emitted.get();
      if (next == script.events()) {
        finish();
        return;
      }
      if (demand == 0 || timerPending) {
        return;
      }
      if (script.spacing() != null) {
        timerPending = true;
        clock.schedule(
            clock.now().plus(script.spacing()),
            () ->
                executor.execute(
                    () -> {
                      synchronized (this) {
                        timerPending = false;
                        send(next);
                        emit();
                      }
                    }));
        return;
      }
      send(next);
    }
  }

  private void send(int index) {
    if (stopped) {
      return;
    }
    demand--;
    emitted.incrementAndGet();
    subscriber.onNext(
        SubscribeToShardEvent.builder()
            .records(record(index, script.dataBytes()))
            .continuationSequenceNumber(String.format("%056d", index + 1))
            .millisBehindLatest(0L)
            .build());
  }

  private void finish() {
    if (script.staysOpen()) {
      return;
    }
    stopped = true;
    if (script.failure() != null) {
      subscriber.onError(script.failure());
    } else {
      subscriber.onComplete();
    }
    ended.countDown();
  }
}
