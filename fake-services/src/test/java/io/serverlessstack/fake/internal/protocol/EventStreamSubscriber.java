package io.serverlessstack.fake.internal.protocol;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;

/**
 * A SubscribeToShard subscriber as an application writes one: it asks for one event at a time, and
 * can stop asking after some events until released, or cancel after some.
 */
final class EventStreamSubscriber implements Subscriber<SubscribeToShardEventStream> {

  final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch cancelled = new CountDownLatch(1);
  private final int holdAfter;
  private final int cancelAfter;
  private volatile Subscription subscription;
  private volatile Throwable error;
  private volatile boolean completed;

  private EventStreamSubscriber(int holdAfter, int cancelAfter) {
    this.holdAfter = holdAfter;
    this.cancelAfter = cancelAfter;
  }

  /** Reads every event. */
  static EventStreamSubscriber readingAll() {
    return new EventStreamSubscriber(-1, -1);
  }

  /** Stops asking after {@code count} events, until {@link #release()}. */
  static EventStreamSubscriber holdingAfter(int count) {
    return new EventStreamSubscriber(count, -1);
  }

  /** Cancels its subscription once {@code count} events came. */
  static EventStreamSubscriber cancellingAfter(int count) {
    return new EventStreamSubscriber(-1, count);
  }

  /** Asks for events again, one at a time. */
  void release() {
    subscription.request(1);
  }

  Throwable error() {
    return error;
  }

  boolean completed() {
    return completed;
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(SubscribeToShardEventStream event) {
    events.add((SubscribeToShardEvent) event);
    int count = events.size();
    if (count == cancelAfter) {
      subscription.cancel();
      cancelled.countDown();
    } else if (count == holdAfter) {
      held.countDown();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    error = throwable;
  }

  @Override
  public void onComplete() {
    completed = true;
  }
}
