package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.api.DeliveryView;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.Scope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One delivery stream: what it is, its destination, the records it buffers and what it delivered.
 * Its mutable state is guarded by the stream itself.
 */
final class DeliveryStream {

  static final String DIRECT_PUT = "DirectPut";
  static final String KINESIS_SOURCE = "KinesisStreamAsSource";

  /** The deliveries the stream keeps for inspection. */
  static final int KEPT_DELIVERIES = 1000;

  /** The record data (in base64 characters) the kept deliveries hold at most. */
  static final long KEPT_DATA_CHARS = 64L * 1024 * 1024;

  /**
   * One record in the buffer.
   *
   * @param kinesis the Kinesis record it was read from, or {@code null} for a put
   */
  record BufferedRecord(String recordId, byte[] data, Instant arrival, KinesisOrigin kinesis) {}

  /** Where a record read from a Kinesis stream was. */
  record KinesisOrigin(
      String shardId, String partitionKey, String sequenceNumber, Instant arrival) {}

  /**
   * A Kinesis source.
   *
   * @param deliveryStart when the delivery stream began to read it, from the stream's end
   */
  record Source(String streamArn, String roleArn, Instant deliveryStart) {}

  final Scope scope;
  final String name;
  final String arn;
  final String type;
  final Instant created;

  /** The Kinesis source, or {@code null} for {@code DirectPut}. */
  final Source source;

  private String status = "ACTIVE";
  private int version = 1;
  private Instant updated;
  private Destination destination;
  private final Map<String, String> tags = new TreeMap<>();
  private final List<BufferedRecord> buffer = new ArrayList<>();
  private long bufferedBytes;
  private StackClock.Scheduled timer;
  private final ArrayDeque<DeliveryView> deliveries = new ArrayDeque<>();
  private long keptChars;
  private boolean deleted;
  private AutoCloseable reader;

  /** The last batch's delivery: the next one starts when it ends, so batches stay in order. */
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  DeliveryStream(
      Scope scope,
      String name,
      String arn,
      String type,
      Instant created,
      Source source,
      Destination destination,
      Map<String, String> tags) {
    this.scope = scope;
    this.name = name;
    this.arn = arn;
    this.type = type;
    this.created = created;
    this.source = source;
    this.destination = destination;
    this.tags.putAll(tags);
  }

  synchronized String status() {
    return status;
  }

  synchronized int version() {
    return version;
  }

  synchronized Instant updated() {
    return updated;
  }

  synchronized Destination destination() {
    return destination;
  }

  /** Replaces the destination and increases the version. */
  synchronized void update(Destination next, Instant now) {
    destination = next;
    version++;
    updated = now;
  }

  synchronized Map<String, String> tags() {
    return new TreeMap<>(tags);
  }

  synchronized void tag(Map<String, String> more) {
    tags.putAll(more);
  }

  synchronized void untag(List<String> keys) {
    keys.forEach(tags::remove);
  }

  synchronized boolean deleted() {
    return deleted;
  }

  /** Marks it deleted and drops its buffer; returns its Kinesis reader to close, or null. */
  synchronized AutoCloseable delete() {
    deleted = true;
    status = "DELETING";
    buffer.clear();
    bufferedBytes = 0;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    AutoCloseable closing = reader;
    reader = null;
    return closing;
  }

  synchronized void reader(AutoCloseable reading) {
    reader = reading;
  }

  // ---- buffer, guarded by the stream

  /** Adds a record; returns the bytes now buffered. */
  synchronized long add(BufferedRecord record) {
    buffer.add(record);
    bufferedBytes += record.data().length;
    return bufferedBytes;
  }

  synchronized int buffered() {
    return buffer.size();
  }

  /** Whether a timer waits to flush the buffer. */
  synchronized boolean timed() {
    return timer != null;
  }

  synchronized void timer(StackClock.Scheduled scheduled) {
    timer = scheduled;
  }

  /** Takes every buffered record, and cancels the timer. */
  synchronized List<BufferedRecord> drain() {
    List<BufferedRecord> taken = List.copyOf(buffer);
    buffer.clear();
    bufferedBytes = 0;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    return taken;
  }

  /** Runs {@code next} once every earlier batch's delivery ended, however it ended. */
  synchronized void then(java.util.function.Supplier<CompletableFuture<Void>> next) {
    tail = tail.handle((ignored, failure) -> null).thenCompose(ignored -> next.get());
  }

  // ---- what it delivered

  /** Keeps a delivery for inspection, forgetting the oldest past the count and data kept. */
  synchronized void delivered(DeliveryView delivery) {
    deliveries.addLast(delivery);
    keptChars += chars(delivery);
    while (deliveries.size() > 1
        && (deliveries.size() > KEPT_DELIVERIES || keptChars > KEPT_DATA_CHARS)) {
      keptChars -= chars(deliveries.removeFirst());
    }
  }

  private static long chars(DeliveryView delivery) {
    long chars = 0;
    for (String record : delivery.records()) {
      chars += record.length();
    }
    return chars;
  }

  synchronized List<DeliveryView> deliveries() {
    return List.copyOf(deliveries);
  }
}
