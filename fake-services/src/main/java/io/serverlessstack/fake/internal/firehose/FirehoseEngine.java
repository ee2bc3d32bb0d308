package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.api.DeliveryDestinationView;
import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.api.FirehoseEvents.Details;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon Data Firehose's state and behaviour, protocol-agnostic and thread-safe: delivery streams
 * per account and region, records buffered per stream until the destination's size hint fills or
 * its interval passes on the stack's clock, and each buffer delivered in order (see {@link
 * BatchDelivery}): transformed by a Lambda function when asked, written to S3 or posted to an HTTP
 * endpoint, with retries on the stack's clock and error output to S3.
 *
 * <p>Deliveries run on the engine's own daemon threads ({@value #THREAD_PREFIX}…), never on a Netty
 * event loop; while one works it holds the stack's clock as a request being served does, and lets
 * go of it while it waits on the clock for a retry.
 */
public final class FirehoseEngine {

  static final String THREAD_PREFIX = "serverless-stack-firehose-";
  private static final Logger LOG = LoggerFactory.getLogger(FirehoseEngine.class);
  private static final int JOURNAL_DATA_CHARS = 4096;

  /**
   * The engines of the services Firehose reaches, looked up when first needed.
   *
   * @param s3 throws {@link IllegalArgumentException} if the stack does not run S3
   */
  public record Services(
      Supplier<S3Engine> s3, Supplier<LambdaEngine> lambda, Supplier<KinesisEngine> kinesis) {}

  final StackClock clock;
  final Journal journal;
  final Services services;

  /** Where SNS hands its Firehose subscriptions' messages; {@code null} in stacks without one. */
  private final DeliveryBus bus;

  private final ScopedResources<DeliveryStream> streams =
      new ScopedResources<>("firehose", "deliverystream/");
  private final Object lifecycle = new Object();
  final ExecutorService executor;
  final BatchDelivery delivery;

  public FirehoseEngine(StackClock clock, Journal journal, Services services, DeliveryBus bus) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.services = Objects.requireNonNull(services, "services");
    this.bus = bus;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, THREAD_PREFIX + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.delivery = new BatchDelivery(this);
  }

  // ---- delivery streams

  /**
   * Creates a delivery stream, ACTIVE at once.
   *
   * @param source its Kinesis source, or {@code null} for {@code DirectPut}
   */
  DeliveryStream create(
      Scope scope,
      String name,
      String type,
      DeliveryStream.Source source,
      Destination destination,
      Map<String, String> tags) {
    synchronized (lifecycle) {
      ScopedResources.Key key = new ScopedResources.Key(scope, name);
      if (streams.get(key) != null) {
        throw FirehoseErrors.alreadyExists(name, scope);
      }
      DeliveryStream stream =
          new DeliveryStream(
              scope,
              name,
              streams.arn(scope, name).toString(),
              type,
              clock.now(),
              source,
              destination,
              tags);
      if (source != null) {
        stream.reader(KinesisReader.start(this, stream));
      }
      streams.putIfAbsent(key, stream);
      if (source == null && bus != null) {
        // A DirectPut stream takes what SNS's firehose subscriptions deliver, as PutRecord would.
        bus.register(
            stream.arn,
            DeliveryBus.Ordering.CONCURRENT,
            message ->
                put(stream, List.of(message.body().getBytes(StandardCharsets.UTF_8))).get(0));
      }
      Map<String, String> details = new LinkedHashMap<>();
      details.put(Details.STREAM_TYPE, type);
      details.put(Details.DESTINATION, destination.kind());
      if (source != null) {
        details.put(Details.SOURCE, source.streamArn());
      }
      journal.append(
          FirehoseEvents.SERVICE,
          FirehoseEvents.DELIVERY_STREAM_CREATED,
          name,
          stream.arn,
          details);
      return stream;
    }
  }

  /** The delivery stream {@code name} of {@code scope}: ResourceNotFoundException if none. */
  DeliveryStream stream(Scope scope, String name) {
    DeliveryStream stream = streams.get(scope, name);
    if (stream == null) {
      throw FirehoseErrors.notFound(name, scope);
    }
    return stream;
  }

  /** The delivery streams of {@code scope}, by name. */
  List<DeliveryStream> streams(Scope scope) {
    return streams.in(scope);
  }

  /** Deletes a delivery stream; the records it buffers are dropped, as AWS drops them. */
  void delete(DeliveryStream stream) {
    synchronized (lifecycle) {
      streams.remove(new ScopedResources.Key(stream.scope, stream.name), stream);
    }
    unregister(stream);
    close(stream.delete());
    journal.append(
        FirehoseEvents.SERVICE,
        FirehoseEvents.DELIVERY_STREAM_DELETED,
        stream.name,
        stream.arn,
        Map.of());
  }

  /**
   * UpdateDestination: replaces the destination if {@code currentVersion} is the stream's.
   *
   * @throws AwsErrorException ConcurrentModificationException for another version
   */
  void update(DeliveryStream stream, String currentVersion, Destination next) {
    synchronized (stream) {
      String version = Integer.toString(stream.version());
      if (!version.equals(currentVersion)) {
        throw FirehoseErrors.concurrentModification(stream.name, version, currentVersion);
      }
      stream.update(next, clock.now());
    }
    journal.append(
        FirehoseEvents.SERVICE,
        FirehoseEvents.DESTINATION_UPDATED,
        stream.name,
        stream.arn,
        Map.of(
            Details.DESTINATION,
            next.kind(),
            Details.VERSION_ID,
            Integer.toString(stream.version())));
  }

  /** Deletes every delivery stream; deliveries under way stop at their next step. */
  public void reset() {
    List<DeliveryStream> removed;
    synchronized (lifecycle) {
      removed = streams.clear();
    }
    removed.forEach(
        stream -> {
          unregister(stream);
          close(stream.delete());
        });
  }

  private void unregister(DeliveryStream stream) {
    if (bus != null) {
      bus.unregister(stream.arn);
    }
  }

  /** Ends the engine's threads; after {@link #reset}, when the stack stops. */
  public void close() {
    reset();
    executor.shutdownNow();
  }

  private static void close(AutoCloseable closing) {
    if (closing == null) {
      return;
    }
    try {
      closing.close();
    } catch (Exception e) {
      LOG.debug("Closing a Kinesis reader failed", e);
    }
  }

  // ---- records

  /** PutRecord and PutRecordBatch: buffers the records and answers their record ids. */
  List<String> put(DeliveryStream stream, List<byte[]> records) {
    Instant now = clock.now();
    List<DeliveryStream.BufferedRecord> buffered = new ArrayList<>(records.size());
    for (byte[] data : records) {
      buffered.add(new DeliveryStream.BufferedRecord(recordId(), data, now, null));
    }
    accept(stream, buffered, DeliveryStream.DIRECT_PUT);
    return buffered.stream().map(DeliveryStream.BufferedRecord::recordId).toList();
  }

  /**
   * Adds records to a stream's buffer, flushing it once it holds the destination's size hint and
   * starting the interval's timer when it was empty.
   *
   * @param source {@code DirectPut} or the Kinesis stream's ARN, for the journal
   */
  void accept(DeliveryStream stream, List<DeliveryStream.BufferedRecord> records, String source) {
    boolean flush = false;
    boolean startTimer = false;
    Destination destination;
    synchronized (stream) {
      if (stream.deleted()) {
        return;
      }
      destination = stream.destination();
      for (DeliveryStream.BufferedRecord record : records) {
        journal.append(
            FirehoseEvents.SERVICE,
            FirehoseEvents.RECORD_PUT,
            stream.name,
            stream.arn,
            Map.of(
                Details.RECORD_ID,
                record.recordId(),
                Details.SIZE,
                Integer.toString(record.data().length),
                Details.DATA,
                journalText(record.data()),
                Details.SOURCE,
                source));
        if (stream.add(record) >= destination.bufferBytes()) {
          flush = true;
        }
      }
      if (!flush && destination.intervalSeconds() == 0) {
        flush = true;
      }
      if (!flush && !stream.timed() && stream.buffered() > 0) {
        startTimer = true;
      }
    }
    if (flush) {
      flush(stream);
    } else if (startTimer) {
      Instant due = clock.now().plusSeconds(destination.intervalSeconds());
      StackClock.Scheduled scheduled = clock.schedule(due, () -> flush(stream));
      synchronized (stream) {
        if (stream.timed() || stream.buffered() == 0 || stream.deleted()) {
          scheduled.cancel();
        } else {
          stream.timer(scheduled);
        }
      }
    }
  }

  /** Hands what the stream buffers to its delivery, after every earlier batch. */
  void flush(DeliveryStream stream) {
    synchronized (stream) {
      List<DeliveryStream.BufferedRecord> batch = stream.drain();
      if (batch.isEmpty() || stream.deleted()) {
        return;
      }
      Destination destination = stream.destination();
      int version = stream.version();
      stream.then(() -> async(() -> delivery.deliver(stream, destination, version, batch)));
    }
  }

  /** A record id as AWS's look: long, random, base64. */
  static String recordId() {
    byte[] bytes = new byte[120];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  // ---- running deliveries

  /**
   * Runs {@code step} on an engine thread, holding the stack's clock from now until the stage it
   * returns completes.
   */
  <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> step) {
    StackClock.InFlight hold = clock.requestStarted();
    CompletableFuture<T> result;
    try {
      result = CompletableFuture.supplyAsync(step, executor).thenCompose(stage -> stage);
    } catch (RuntimeException rejected) {
      result = CompletableFuture.failedFuture(rejected);
    }
    return result.whenComplete((value, failure) -> hold.finish());
  }

  /** Runs {@code step} as {@link #async} does once {@code delay} passed on the stack's clock. */
  <T> CompletableFuture<T> later(Duration delay, Supplier<CompletableFuture<T>> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    clock.schedule(
        clock.now().plus(delay),
        () ->
            async(step)
                .whenComplete(
                    (value, failure) -> {
                      if (failure != null) {
                        result.completeExceptionally(failure);
                      } else {
                        result.complete(value);
                      }
                    }));
    return result;
  }

  // ---- the services Firehose reaches

  /** The stack's S3 engine; IllegalStateException with why not if the stack does not run S3. */
  S3Engine s3() {
    try {
      return services.s3().get();
    } catch (IllegalArgumentException notRun) {
      throw new IllegalStateException("The stack does not run S3", notRun);
    }
  }

  /** The stack's Lambda engine; IllegalStateException if the stack does not run Lambda. */
  LambdaEngine lambda() {
    try {
      return services.lambda().get();
    } catch (IllegalArgumentException notRun) {
      throw new IllegalStateException("The stack does not run Lambda", notRun);
    }
  }

  /** The stack's Kinesis engine; InvalidArgumentException if the stack does not run Kinesis. */
  KinesisEngine kinesis() {
    try {
      return services.kinesis().get();
    } catch (IllegalArgumentException notRun) {
      throw FirehoseErrors.invalidArgument("The stack does not run Kinesis Data Streams.");
    }
  }

  /** The data as UTF-8 text when it is valid UTF-8, else base64; cut to a journal's measure. */
  static String journalText(byte[] data) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
    } catch (CharacterCodingException binary) {
      text = Base64.getEncoder().encodeToString(data);
    }
    return text.length() > JOURNAL_DATA_CHARS ? text.substring(0, JOURNAL_DATA_CHARS) : text;
  }

  // ---- inspection (read-only)

  /** Every delivery stream of every account and region. */
  public List<DeliveryStreamView> inspectStreams() {
    return streams.all().stream().map(FirehoseEngine::view).toList();
  }

  /**
   * The delivery stream with this ARN, or the first by account and region with this name, without
   * looking at any other.
   */
  public Optional<DeliveryStreamView> inspectStream(String nameOrArn) {
    DeliveryStream found = streams.byArn(nameOrArn);
    if (found == null) {
      found =
          streams.all().stream()
              .filter(stream -> stream.name.equals(nameOrArn))
              .findFirst()
              .orElse(null);
    }
    return Optional.ofNullable(found).map(FirehoseEngine::view);
  }

  private static DeliveryStreamView view(DeliveryStream stream) {
    synchronized (stream) {
      Destination destination = stream.destination();
      Destination.S3Output output = destination.output();
      String target;
      String encoding;
      String backup;
      if (destination.s3() != null) {
        target = destination.s3().bucketARN();
        encoding = destination.s3().compressionFormatAsString();
        Destination.S3Output sourceBackup = destination.sourceBackup();
        backup = sourceBackup == null ? null : sourceBackup.bucketArn();
      } else {
        target = destination.http().endpointConfiguration().url();
        encoding =
            destination.http().requestConfiguration() == null
                ? "NONE"
                : destination.http().requestConfiguration().contentEncodingAsString();
        backup = output.bucketArn();
      }
      return new DeliveryStreamView(
          stream.name,
          stream.arn,
          stream.scope.accountId(),
          stream.scope.region(),
          stream.status(),
          stream.type,
          stream.source == null ? null : stream.source.streamArn(),
          Integer.toString(stream.version()),
          List.of(
              new DeliveryDestinationView(
                  Destination.ID,
                  destination.kind(),
                  target,
                  (int) (destination.bufferBytes() / (1024 * 1024)),
                  destination.intervalSeconds(),
                  encoding,
                  destination.lambdaArn(),
                  backup)),
          stream.buffered(),
          stream.deliveries());
    }
  }
}
