package io.serverlessstack.fake.internal.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * An event-stream answer as the frames the front door writes: the initial response's frame, then
 * one frame per event, then, if the events fail, one exception frame. Each frame is an AWS
 * event-stream message framed by the SDK's own {@code software.amazon.eventstream} library.
 *
 * <p>Demand passes through one for one: a frame is made only for an event the front door asked for
 * (the initial frame takes the first request, an exception frame one more), so nothing is produced
 * ahead of what the client reads. May be subscribed to once.
 */
final class EventStreamFrames implements Flow.Publisher<byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(EventStreamFrames.class);

  private final byte[] initialFrame;
  private final Flow.Publisher<? extends SdkPojo> events;
  private final Function<SdkPojo, byte[]> eventFrame;
  private final Function<Throwable, byte[]> errorFrame;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /**
   * @param eventFrame an event's frame
   * @param errorFrame the exception frame that ends a stream whose events failed
   */
  EventStreamFrames(
      byte[] initialFrame,
      Flow.Publisher<? extends SdkPojo> events,
      Function<SdkPojo, byte[]> eventFrame,
      Function<Throwable, byte[]> errorFrame) {
    this.initialFrame = initialFrame;
    this.events = events;
    this.eventFrame = eventFrame;
    this.errorFrame = errorFrame;
  }

  /** One event-stream message: {@code headers} as strings, in their order, and {@code payload}. */
  static byte[] frame(Map<String, String> headers, byte[] payload) {
    Map<String, HeaderValue> values = new LinkedHashMap<>();
    headers.forEach((name, value) -> values.put(name, HeaderValue.fromString(value)));
    return new Message(values, payload).toByteBuffer().array();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onError(new IllegalStateException("An event stream is sent once"));
      return;
    }
    Relay relay = new Relay(subscriber);
    relay.frames.add(initialFrame);
    subscriber.onSubscribe(relay);
    events.subscribe(relay);
  }

  /**
   * Turns events into frames and hands them on in order, one signal at a time, whichever thread the
   * events and the requests come from (the classic queue-and-drain of reactive streams).
   */
  private final class Relay implements Flow.Subscriber<SdkPojo>, Flow.Subscription {
    private final Flow.Subscriber<? super byte[]> downstream;
    final Queue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicLong upstreamDemand = new AtomicLong(); // asked for before onSubscribe
    private final AtomicBoolean initialTaken = new AtomicBoolean();
    private final AtomicInteger draining = new AtomicInteger();
    private volatile Flow.Subscription upstream;
    private volatile boolean lastQueued; // the events ended; no frame follows those queued
    private volatile boolean cancelled;
    private boolean done; // drain only

    Relay(Flow.Subscriber<? super byte[]> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("§3.9: requests must be positive"));
        return;
      }
      add(demand, n);
      long forEvents = initialTaken.compareAndSet(false, true) ? n - 1 : n;
      if (forEvents > 0) {
        add(upstreamDemand, forEvents);
        askUpstream();
      }
      drain();
    }

    private void askUpstream() {
      Flow.Subscription subscription = upstream;
      if (subscription != null) {
        long asked = upstreamDemand.getAndSet(0);
        if (asked > 0) {
          subscription.request(asked);
        }
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Flow.Subscription subscription = upstream;
      if (subscription != null) {
        subscription.cancel();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      if (upstream != null) {
        subscription.cancel();
        return;
      }
      upstream = subscription;
      if (cancelled) {
        subscription.cancel();
        return;
      }
      askUpstream();
    }

    @Override
    public void onNext(SdkPojo event) {
      if (lastQueued) {
        return;
      }
      byte[] frame;
      try {
        frame = eventFrame.apply(event);
      } catch (RuntimeException e) {
        Flow.Subscription subscription = upstream;
        if (subscription != null) {
          subscription.cancel(); // what follows is not sent: the stream ends on this error
        }
        onError(e);
        return;
      }
      frames.add(frame);
      drain();
    }

    @Override
    public void onError(Throwable failure) {
      if (lastQueued) {
        return;
      }
      if (!(failure instanceof AwsErrorException)) {
        LOG.error("An event stream failed on an internal error", failure);
      }
      frames.add(errorFrame.apply(failure));
      lastQueued = true;
      drain();
    }

    @Override
    public void onComplete() {
      lastQueued = true;
      drain();
    }

    private void drain() {
      if (draining.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        while (!done && !cancelled) {
          boolean last = lastQueued; // read before looking at the queue: its frames are in
          if (frames.isEmpty()) {
            if (last) {
              done = true;
              downstream.onComplete();
            }
            break;
          }
          if (demand.get() == 0) {
            break;
          }
          demand.decrementAndGet();
          downstream.onNext(frames.poll());
        }
        missed = draining.addAndGet(-missed);
      } while (missed != 0);
    }

    private static void add(AtomicLong counter, long n) {
      counter.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
    }
  }
}
