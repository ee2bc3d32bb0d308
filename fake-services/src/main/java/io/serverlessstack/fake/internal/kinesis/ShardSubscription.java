package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * One SubscribeToShard stream: pushes the shard's records to its consumer as they arrive, in events
 * of at most what one GetRecords returns, never more events than the front door asked for. The
 * first event goes out at once (empty if nothing is there yet); after that, an event goes out when
 * records arrive. The stream ends after five minutes of the stack's clock, as AWS's do, when the
 * consumer has read to the end of a closed shard (its last event names the children), or with
 * {@code ResourceNotFoundException} when the consumer or stream goes away.
 */
final class ShardSubscription implements Flow.Publisher<SubscribeToShardEvent> {

  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final KinesisEngine engine;
  private final KinesisStream stream;
  private final KinesisShard shard;
  private final KinesisConsumer consumer;
  private final Function<KinesisEngine.Read, SubscribeToShardEvent> toEvent;
  private final Executor executor;
  private final Runnable listener = this::wake;
  private final AtomicBoolean wakePending = new AtomicBoolean();

  // Guarded by this.
  private Flow.Subscriber<? super SubscribeToShardEvent> subscriber;
  private long position;
  private long demand;
  private boolean sentFirst;
  private boolean done;
  private StackClock.Scheduled end;

  ShardSubscription(
      KinesisEngine engine,
      KinesisStream stream,
      KinesisShard shard,
      KinesisConsumer consumer,
      long position,
      Function<KinesisEngine.Read, SubscribeToShardEvent> toEvent,
      Executor executor) {
    this.engine = engine;
    this.stream = stream;
    this.shard = shard;
    this.consumer = consumer;
    this.position = position;
    this.toEvent = toEvent;
    this.executor = executor;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super SubscribeToShardEvent> next) {
    synchronized (this) {
      if (subscriber != null) {
        throw new IllegalStateException("A SubscribeToShard stream has one subscriber");
      }
      subscriber = next;
    }
    stream.listeners.add(listener);
    StackClock clock = engine.clock;
    StackClock.Scheduled scheduled = clock.schedule(clock.now().plus(LIFETIME), this::expire);
    synchronized (this) {
      end = scheduled;
    }
    next.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            synchronized (ShardSubscription.this) {
              demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            wake();
          }

          @Override
          public void cancel() {
            finish();
          }
        });
  }

  /** Something may have changed: new records, a reshard, the consumer or stream gone. */
  private void wake() {
    if (wakePending.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    wakePending.set(false);
    synchronized (this) {
      while (!done && demand > 0) {
        if (!engine.isActive(stream, consumer)) {
          fail(
              KinesisErrors.notFound(
                  "Consumer " + consumer.arn() + " or its stream is no longer available."));
          return;
        }
        KinesisEngine.Read read;
        synchronized (stream) {
          read =
              engine.read(stream, shard, position, KinesisEngine.MAX_READ_RECORDS, consumer.name());
        }
        if (read.records().isEmpty() && !read.endOfShard() && sentFirst) {
          return;
        }
        sentFirst = true;
        position = read.next();
        demand--;
        subscriber.onNext(toEvent.apply(read));
        if (read.endOfShard()) {
          complete();
          return;
        }
      }
    }
  }

  private void expire() {
    synchronized (this) {
      if (!done) {
        complete();
      }
    }
  }

  /** Guarded by this. */
  private void complete() {
    finish();
    subscriber.onComplete();
  }

  /** Guarded by this. */
  private void fail(Throwable error) {
    finish();
    subscriber.onError(error);
  }

  private void finish() {
    StackClock.Scheduled scheduled;
    synchronized (this) {
      done = true;
      scheduled = end;
    }
    stream.listeners.remove(listener);
    if (scheduled != null) {
      scheduled.cancel();
    }
  }
}
