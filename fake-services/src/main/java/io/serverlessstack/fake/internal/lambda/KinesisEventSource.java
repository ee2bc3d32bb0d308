package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.Poller;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceRead;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceRecord;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceShard;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceStream;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.OnFailure;

/**
 * One event source mapping from a Kinesis data stream (or one of its enhanced fan-out consumers,
 * which reads the same records) to a function, and, while it is enabled, the poller that reads the
 * stream as Lambda's pollers do.
 *
 * <p>Each shard is read in sequence order from the mapping's starting position, and a shard opened
 * by a reshard only once every parent it has is read to its end, as Lambda follows the lineage
 * (from its first record: a child holds only what came after its parents). Within a shard, records
 * go to {@code ParallelizationFactor} lanes by partition key, so that one key's records stay in
 * order; each lane runs one batch at a time. A batch is invoked (synchronously, with the {@code
 * KinesisEvent} AWS sends) once it is full, its batching window has passed (at once without one) or
 * it reaches Lambda's 6 MB payload limit; records the filter criteria reject are skipped.
 *
 * <p>A batch the function handled lets its lane go on at once. One it failed blocks its lane and is
 * tried again at the next poll: split in two first when asked ({@code BisectBatchOnFunctionError},
 * which uses no retry), from the lowest sequence number a {@code ReportBatchItemFailures} answer
 * names (its checkpoint), until {@code MaximumRetryAttempts} retries are used; records older than
 * {@code MaximumRecordAgeInSeconds} (or the stream's retention) are given up on before they are
 * sent. A batch given up on goes, as Lambda's invocation record, to the on-failure destination, and
 * its lane goes on. A throttled batch is no attempt: it waits for the next poll.
 *
 * <p>The poller runs on the stack clock, like an SQS mapping's; on the system clock a put to the
 * stream also wakes it at once. Disabling a mapping keeps where each shard was, and enabling it
 * again goes on from there. While its function or stream does not exist the mapping stays, as
 * Lambda's does, and reads nothing.
 */
final class KinesisEventSource implements EventSource {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisEventSource.class);

  /** Lambda's default batch size for Kinesis sources. */
  static final int DEFAULT_BATCH_SIZE = 100;

  /** What Lambda's on-failure records say about why a batch was given up on. */
  static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";

  static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

  /** What GetEventSourceMapping says of the last batch. */
  private static final String NO_RECORDS = "No records processed";

  private static final String OK = "OK";

  private static final String PROBLEM = "PROBLEM: Function call failed";

  /** An on-failure record's timestamps, which always have milliseconds. */
  private static final DateTimeFormatter RECORD_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Sends a discarded batch's record to an on-failure destination: a queue or topic. */
  @FunctionalInterface
  interface OnFailureSender {
    /**
     * @param sourceArn the function's ARN, which sends it
     */
    void send(String destination, String sourceArn, String record);
  }

  /**
   * A mapping's settings, replaced as a whole by UpdateEventSourceMapping.
   *
   * @param maximumRetryAttempts -1 for no limit
   * @param maximumRecordAgeSeconds -1 for no limit but the stream's retention
   * @param onFailure the on-failure destination's ARN, or {@code null}
   */
  record Settings(
      FunctionRef function,
      boolean enabled,
      int batchSize,
      int batchingWindowSeconds,
      int parallelizationFactor,
      int maximumRetryAttempts,
      int maximumRecordAgeSeconds,
      boolean bisectBatchOnFunctionError,
      boolean reportBatchItemFailures,
      FilterCriteria filterCriteria,
      EventFilter filter,
      String onFailure,
      Instant lastModified) {

    /** What a new mapping starts from; {@code function} and {@code lastModified} are always set. */
    static final Settings DEFAULTS =
        new Settings(
            null,
            true,
            DEFAULT_BATCH_SIZE,
            0,
            1,
            -1,
            -1,
            false,
            false,
            null,
            EventFilter.NONE,
            null,
            null);

    String functionArn() {
      return function.qualifiedArn();
    }
  }

  final String uuid;
  final Scope scope;
  final String arn;
  final String sourceArn;
  final String startingPosition;
  final Instant startingPositionTimestamp;
  private final LambdaEngine engine;
  private final KinesisEngine kinesis;
  private final DeliveryBus bus;
  private final OnFailureSender onFailureSender;
  private volatile Settings settings;
  private volatile String lastProcessingResult = NO_RECORDS;
  private volatile Poller poller;
  private volatile boolean closed;

  /** Guards what follows: where the mapping is in each shard, and what it holds of them. */
  private final Object state = new Object();

  private SourceStream stream;
  private AutoCloseable listening;

  /** Whether the shards there were got the starting position; later ones start at their start. */
  private boolean positioned;

  private final Map<String, ShardState> shards = new LinkedHashMap<>();

  KinesisEventSource(
      String uuid,
      Scope scope,
      String arn,
      String sourceArn,
      String startingPosition,
      Instant startingPositionTimestamp,
      Settings settings,
      LambdaEngine engine,
      KinesisEngine kinesis,
      DeliveryBus bus,
      OnFailureSender onFailureSender) {
    this.uuid = uuid;
    this.scope = scope;
    this.arn = arn;
    this.sourceArn = sourceArn;
    this.startingPosition = startingPosition;
    this.startingPositionTimestamp = startingPositionTimestamp;
    this.settings = settings;
    this.engine = engine;
    this.kinesis = kinesis;
    this.bus = bus;
    this.onFailureSender = onFailureSender;
  }

  Settings settings() {
    return settings;
  }

  @Override
  public String uuid() {
    return uuid;
  }

  @Override
  public String eventSourceArn() {
    return sourceArn;
  }

  @Override
  public FunctionRef function() {
    return settings.function();
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Fixes where each shard of the stream starts, now: a mapping at LATEST reads what is put from
   * its creation on.
   */
  void position() {
    synchronized (state) {
      follow();
    }
  }

  /** Applies new settings: polling starts or stops with {@code enabled}. */
  synchronized void apply(Settings next) {
    settings = next;
    if (next.enabled() && poller == null && bus != null && !closed) {
      poller = bus.poller("lambda-event-source-" + uuid, pollPeriod(), this::poll);
    } else if (!next.enabled() && poller != null) {
      poller.close();
      poller = null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (poller != null) {
      poller.close();
      poller = null;
    }
    synchronized (state) {
      stopListening();
    }
  }

  /** As an SQS mapping's: every 100 ms on the system clock, every second on a virtual one. */
  private Duration pollPeriod() {
    return engine.clock.mode() == ClockMode.SYSTEM ? Duration.ofMillis(100) : Duration.ofSeconds(1);
  }

  @Override
  public EventSourceMappingConfiguration configuration(String mappingState) {
    Settings current = settings;
    return EventSourceMappingConfiguration.builder()
        .uuid(uuid)
        .eventSourceMappingArn(arn)
        .eventSourceArn(sourceArn)
        .functionArn(current.functionArn())
        .startingPosition(startingPosition)
        .startingPositionTimestamp(startingPositionTimestamp)
        .batchSize(current.batchSize())
        .maximumBatchingWindowInSeconds(current.batchingWindowSeconds())
        .parallelizationFactor(current.parallelizationFactor())
        .filterCriteria(current.filter().passesEverything() ? null : current.filterCriteria())
        .destinationConfig(
            DestinationConfig.builder()
                .onFailure(OnFailure.builder().destination(current.onFailure()).build())
                .build())
        .maximumRecordAgeInSeconds(current.maximumRecordAgeSeconds())
        .bisectBatchOnFunctionError(current.bisectBatchOnFunctionError())
        .maximumRetryAttempts(current.maximumRetryAttempts())
        .tumblingWindowInSeconds(0)
        .functionResponseTypesWithStrings(
            current.reportBatchItemFailures() ? List.of("ReportBatchItemFailures") : List.of())
        .lastModified(current.lastModified())
        .lastProcessingResult(lastProcessingResult)
        .state(mappingState)
        .stateTransitionReason("User action")
        .build();
  }

  // ---- what the mapping holds of each shard

  /** A record read and waiting for its batch, with its record of the event. */
  private record Pending(SourceRecord record, ObjectNode json, int bytes) {}

  /** Records sent (or to be sent) to the function together, and what became of them so far. */
  private static final class Batch {
    final ShardState shard;
    final Lane lane;
    final List<Pending> records;

    /** The retries used. */
    int retries;

    /** How many times the function was invoked with these records (or a batch they were in). */
    int invocations;

    InvocationResult lastResult;

    Batch(ShardState shard, Lane lane, List<Pending> records) {
      this.shard = shard;
      this.lane = lane;
      this.records = records;
    }

    /** A batch of some of these records, which has been through what this one has. */
    Batch of(List<Pending> part) {
      Batch batch = new Batch(shard, lane, part);
      batch.retries = retries;
      batch.invocations = invocations;
      batch.lastResult = lastResult;
      return batch;
    }
  }

  /** Records of the keys one concurrent batch of a shard serves, in sequence order. */
  private static final class Lane {
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    int queuedBytes;
    Instant gatheringSince;

    /** Batches that failed (or their halves), tried again before anything else of the lane. */
    final ArrayDeque<Batch> again = new ArrayDeque<>();

    /** Set by a failure: the lane's next attempt waits for the next poll. */
    boolean waitForPoll;

    Batch inFlight;

    /**
     * Whether a poll came while the batch in flight ran: it counts as the poll after the batch's
     * end, which may come before the batch is settled.
     */
    boolean polledInFlight;

    void add(Pending pending, Instant now) {
      if (queue.isEmpty()) {
        gatheringSince = now;
      }
      queue.add(pending);
      queuedBytes += pending.bytes();
    }

    boolean idle() {
      return queue.isEmpty() && again.isEmpty() && inFlight == null;
    }
  }

  /** Where the mapping is in one shard. */
  private static final class ShardState {
    final String id;
    SourceShard shard;
    long position;
    boolean endReached;
    List<Lane> lanes;

    ShardState(SourceShard shard, long position, int lanes) {
      this.id = shard.shardId();
      this.shard = shard;
      this.position = position;
      this.lanes = newLanes(lanes);
    }

    static List<Lane> newLanes(int count) {
      List<Lane> lanes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        lanes.add(new Lane());
      }
      return lanes;
    }

    Lane laneOf(String partitionKey) {
      return lanes.get(Math.floorMod(partitionKey.hashCode(), lanes.size()));
    }

    int buffered() {
      return lanes.stream().mapToInt(lane -> lane.queue.size()).sum();
    }

    boolean idle() {
      return lanes.stream().allMatch(Lane::idle);
    }

    /** Read to its end and every record of it settled: its children may be read. */
    boolean finished() {
      return endReached && idle();
    }

    /**
     * Spreads what waits over {@code count} lanes, once no batch of the shard is running or failed:
     * a changed ParallelizationFactor takes effect without putting a key's records out of order.
     */
    void relane(int count, Instant now) {
      if (lanes.size() == count
          || lanes.stream().anyMatch(lane -> lane.inFlight != null || !lane.again.isEmpty())) {
        return;
      }
      List<Pending> waiting = new ArrayList<>();
      lanes.forEach(lane -> waiting.addAll(lane.queue));
      waiting.sort(Comparator.comparingLong(pending -> pending.record().position()));
      lanes = newLanes(count);
      waiting.forEach(pending -> laneOf(pending.record().partitionKey()).add(pending, now));
    }
  }

  // ---- polling

  private void poll(Instant tick) {
    List<Batch> starts;
    synchronized (state) {
      starts = drive(true);
    }
    starts.forEach(this::invoke);
  }

  /** A put to the stream, on the system clock: poll now rather than at the next tick. */
  private void wake() {
    Poller current = poller;
    if (current != null) {
      current.wake();
    }
  }

  /**
   * Follows the stream, reads what the lanes need and takes the batches that may start now. Guarded
   * by {@link #state}.
   *
   * @param polled whether a poll (rather than a batch's end) asks: lanes blocked by a failure try
   *     again only then
   */
  private List<Batch> drive(boolean polled) {
    Settings current = settings;
    if (closed || !current.enabled()) {
      return List.of();
    }
    LambdaFunction function = engine.functionByArn(current.function().arn());
    if (function == null || function.resolve(current.function().qualifier(), 0) == null) {
      return List.of(); // read nothing until the function (or its version or alias) is back
    }
    if (!follow()) {
      return List.of();
    }
    Instant now = engine.clock.now();
    List<Batch> starts = new ArrayList<>();
    for (ShardState shard : shards.values()) {
      if (shard.finished() || !parentsFinished(shard)) {
        continue;
      }
      shard.relane(current.parallelizationFactor(), now);
      if (!fill(shard, current, now)) {
        return starts;
      }
      for (Lane lane : shard.lanes) {
        if (polled && lane.inFlight != null) {
          lane.polledInFlight = true;
        } else if (polled) {
          lane.waitForPoll = false;
        }
        Batch batch = next(function, shard, lane, current, now);
        if (batch != null) {
          lane.inFlight = batch;
          lane.polledInFlight = false;
          starts.add(batch);
        }
      }
    }
    return starts;
  }

  /**
   * Looks the stream and its shards up again, placing shards it has not seen: at the starting
   * position for those there were when the mapping began, at their start for those a reshard opened
   * since. A stream deleted and created again is a new stream, read from the starting position.
   *
   * @return whether the stream can be read
   */
  private boolean follow() {
    SourceStream found;
    List<SourceShard> listed;
    try {
      found = kinesis.sourceStream(sourceArn);
      if (stream == null || stream.incarnation() != found.incarnation()) {
        stopListening();
        shards.clear();
        positioned = false;
        stream = found;
        if (engine.clock.mode() == ClockMode.SYSTEM) {
          listening = kinesis.sourceListener(found, this::wake);
        }
      }
      listed = kinesis.sourceShards(stream);
      Set<String> ids = new HashSet<>();
      for (SourceShard shard : listed) {
        ids.add(shard.shardId());
        ShardState known = shards.get(shard.shardId());
        if (known != null) {
          known.shard = shard;
          continue;
        }
        long position =
            positioned
                ? 0
                : kinesis.sourcePosition(
                    stream, shard.shardId(), startingPosition, startingPositionTimestamp);
        shards.put(
            shard.shardId(), new ShardState(shard, position, settings.parallelizationFactor()));
      }
      positioned = true;
      // A closed shard past the retention period is gone, with whatever the mapping held of it.
      shards.values().removeIf(shard -> !ids.contains(shard.id) && shard.idle());
      return true;
    } catch (AwsErrorException | IllegalArgumentException unreadable) {
      LOG.debug("Event source {} cannot read {}: {}", uuid, sourceArn, unreadable.getMessage());
      return false;
    }
  }

  private void stopListening() {
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception ignored) {
        // removing a listener from a list throws nothing
      }
      listening = null;
    }
  }

  private boolean parentsFinished(ShardState shard) {
    for (String parent :
        new String[] {shard.shard.parentShardId(), shard.shard.adjacentParentShardId()}) {
      ShardState known = parent == null ? null : shards.get(parent);
      if (known != null && !known.finished()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the shard until every lane has a batch's worth waiting, or the shard has no more.
   *
   * @return whether the stream could be read
   */
  private boolean fill(ShardState shard, Settings current, Instant now) {
    int wanted = current.batchSize() * shard.lanes.size();
    String role = null;
    while (!shard.endReached && shard.buffered() < wanted) {
      SourceRead read;
      try {
        read = kinesis.sourceRead(stream, shard.id, shard.position, wanted - shard.buffered());
      } catch (AwsErrorException | IllegalArgumentException unreadable) {
        LOG.debug("Event source {} cannot read {}: {}", uuid, shard.id, unreadable.getMessage());
        return false;
      }
      for (SourceRecord record : read.records()) {
        if (!passes(current.filter(), record)) {
          continue; // Lambda skips what its filters reject
        }
        if (role == null) {
          role = role(current);
        }
        ObjectNode json = record(shard.id, record, role);
        int bytes = json.toString().getBytes(StandardCharsets.UTF_8).length;
        shard.laneOf(record.partitionKey()).add(new Pending(record, json, bytes), now);
      }
      shard.position = read.next();
      shard.endReached = read.endOfShard();
      if (read.records().isEmpty()) {
        break;
      }
    }
    return true;
  }

  /**
   * The lane's next batch, if it may start now: the one that failed (at a poll), or a new one that
   * is full or has waited its batching window; records too old are given up on first.
   */
  private Batch next(
      LambdaFunction function, ShardState shard, Lane lane, Settings current, Instant now) {
    if (lane.inFlight != null) {
      return null;
    }
    Instant horizon = now.minus(maximumAge(current));
    while (!lane.again.isEmpty()) {
      if (lane.waitForPoll) {
        return null;
      }
      Batch batch = lane.again.pollFirst();
      int expired = expiredPrefix(batch.records, horizon);
      if (expired > 0) {
        discard(function, batch.of(batch.records.subList(0, expired)), RECORD_AGE_EXCEEDED);
        if (expired == batch.records.size()) {
          continue;
        }
        batch = batch.of(List.copyOf(batch.records.subList(expired, batch.records.size())));
      }
      return batch;
    }
    List<Pending> expired = new ArrayList<>();
    while (!lane.queue.isEmpty() && lane.queue.peekFirst().record().arrival().isBefore(horizon)) {
      Pending old = lane.queue.pollFirst();
      lane.queuedBytes -= old.bytes();
      expired.add(old);
    }
    if (!expired.isEmpty()) {
      discard(function, new Batch(shard, lane, expired), RECORD_AGE_EXCEEDED);
    }
    if (lane.queue.isEmpty() || !ready(lane, current, now)) {
      return null;
    }
    List<Pending> records = new ArrayList<>();
    int bytes = 0;
    while (!lane.queue.isEmpty() && records.size() < current.batchSize()) {
      Pending pending = lane.queue.peekFirst();
      if (!records.isEmpty() && bytes + pending.bytes() > LambdaOperations.SYNC_PAYLOAD_LIMIT) {
        break;
      }
      lane.queue.pollFirst();
      lane.queuedBytes -= pending.bytes();
      bytes += pending.bytes();
      records.add(pending);
    }
    return new Batch(shard, lane, List.copyOf(records));
  }

  /** How old a record may get: the mapping's limit, and never more than the stream keeps it. */
  private Duration maximumAge(Settings current) {
    Duration retention = stream.retention();
    if (current.maximumRecordAgeSeconds() < 0) {
      return retention;
    }
    Duration limit = Duration.ofSeconds(current.maximumRecordAgeSeconds());
    return limit.compareTo(retention) < 0 ? limit : retention;
  }

  private static int expiredPrefix(List<Pending> records, Instant horizon) {
    int expired = 0;
    while (expired < records.size() && records.get(expired).record().arrival().isBefore(horizon)) {
      expired++;
    }
    return expired;
  }

  private static boolean ready(Lane lane, Settings current, Instant now) {
    return lane.queue.size() >= current.batchSize()
        || lane.queuedBytes >= LambdaOperations.SYNC_PAYLOAD_LIMIT
        || !now.isBefore(lane.gatheringSince.plusSeconds(current.batchingWindowSeconds()));
  }

  // ---- one batch

  private void invoke(Batch batch) {
    Settings current = settings;
    LambdaFunction function = engine.functionByArn(current.function().arn());
    LambdaFunction.Version version =
        function == null
            ? null
            : function.resolve(current.function().qualifier(), LambdaEngine.roll());
    if (version == null) {
      synchronized (state) {
        // Its function, version or alias went away since the poll: the batch waits for them.
        batch.lane.inFlight = null;
        batch.lane.again.addFirst(batch);
      }
      return;
    }
    ObjectNode event = LambdaEngine.JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    batch.records.forEach(pending -> records.add(pending.json()));
    String trigger = streamArnOf(batch);
    // Held from the invocation until the batch is settled and the lane's next one started, so that
    // an idle-skipping clock cannot move in between.
    StackClock.InFlight holdsClock = engine.clock.requestStarted();
    CompletableFuture<InvocationResult> result;
    try {
      result =
          engine.run(
              function,
              version,
              current.functionArn(),
              LambdaEngine.writeJson(event),
              LambdaEngine.Kind.REQUEST_RESPONSE,
              trigger,
              batch.invocations + 1,
              Ids.randomUuid());
    } catch (RuntimeException unexpected) {
      result = CompletableFuture.failedFuture(unexpected);
    }
    result.whenComplete(
        (ended, error) -> {
          try {
            settle(function, batch, ended, error);
          } finally {
            holdsClock.finish();
          }
        });
  }

  private String streamArnOf(Batch batch) {
    synchronized (state) {
      return stream == null ? sourceArn : stream.streamArn();
    }
  }

  /** What follows an invocation: the lane goes on, or the batch waits to be tried again. */
  private void settle(
      LambdaFunction function, Batch batch, InvocationResult result, Throwable error) {
    Settings current = settings;
    List<Batch> starts;
    synchronized (state) {
      Lane lane = batch.lane;
      lane.inFlight = null;
      boolean polledMeanwhile = lane.polledInFlight;
      lane.polledInFlight = false;
      if (error != null || result == null) {
        // Throttled, or not run: no attempt. It waits for the next poll.
        lane.again.addFirst(batch);
        lane.waitForPoll = true;
      } else {
        batch.invocations++;
        batch.lastResult = result;
        if (result.failed()) {
          lastProcessingResult = PROBLEM;
          failed(function, batch, current, true);
        } else if (current.reportBatchItemFailures()) {
          settleReported(function, batch, current, result);
        } else {
          lastProcessingResult = OK;
        }
      }
      if (polledMeanwhile) {
        lane.waitForPoll = false;
      }
      starts = drive(false);
    }
    starts.forEach(this::invoke);
  }

  /**
   * A batch answered with ReportBatchItemFailures: its records before the lowest sequence number
   * the answer names are done, and the rest is tried again; an answer Lambda cannot read fails the
   * whole batch, and an empty one fails none.
   */
  private void settleReported(
      LambdaFunction function, Batch batch, Settings current, InvocationResult result) {
    Set<String> sequenceNumbers = new LinkedHashSet<>();
    batch.records.forEach(pending -> sequenceNumbers.add(pending.record().sequenceNumber()));
    Set<String> failed = SqsEventSource.reportedFailures(result.payload(), sequenceNumbers);
    if (failed == null) {
      LOG.warn(
          "Function {} answered a batch from {} with no valid batchItemFailures; the whole batch"
              + " fails: {}",
          function.name,
          sourceArn,
          result.payloadText());
      lastProcessingResult = PROBLEM;
      failed(function, batch, current, true);
      return;
    }
    if (failed.isEmpty()) {
      lastProcessingResult = OK;
      return;
    }
    lastProcessingResult = PROBLEM;
    engine.batchItemsFailed(function, result.requestId(), streamArnOf(batch), failed);
    int checkpoint = 0;
    while (!failed.contains(batch.records.get(checkpoint).record().sequenceNumber())) {
      checkpoint++;
    }
    failed(
        function,
        batch.of(List.copyOf(batch.records.subList(checkpoint, batch.records.size()))),
        current,
        false);
  }

  /**
   * A batch failed: it is split in two when the mapping bisects (which uses no retry), tried again
   * while retries are left, else given up on. Guarded by {@link #state}.
   */
  private void failed(LambdaFunction function, Batch batch, Settings current, boolean bisect) {
    Lane lane = batch.lane;
    lane.waitForPoll = true;
    int size = batch.records.size();
    if (bisect && current.bisectBatchOnFunctionError() && size > 1) {
      lane.again.addFirst(batch.of(List.copyOf(batch.records.subList(size / 2, size))));
      lane.again.addFirst(batch.of(List.copyOf(batch.records.subList(0, size / 2))));
    } else if (current.maximumRetryAttempts() >= 0
        && batch.retries >= current.maximumRetryAttempts()) {
      discard(function, batch, RETRIES_EXHAUSTED);
    } else {
      batch.retries++;
      lane.again.addFirst(batch);
    }
  }

  /**
   * Gives up on a batch: journals it and sends Lambda's invocation record for stream sources to the
   * on-failure destination, if there is one; its lane goes on.
   */
  private void discard(LambdaFunction function, Batch batch, String condition) {
    Settings current = settings;
    InvocationResult result = batch.lastResult;
    String requestId = result != null ? result.requestId() : Ids.randomUuid();
    String streamArn = stream.streamArn();
    engine.batchDiscarded(
        function,
        requestId,
        streamArn,
        batch.invocations,
        result != null && result.failed() ? String.valueOf(result.errorType()) : condition,
        current.onFailure());
    String destination = current.onFailure();
    if (destination != null) {
      String record =
          new String(
              LambdaEngine.writeJson(failureRecord(batch, condition)), StandardCharsets.UTF_8);
      onFailureSender.send(destination, function.arn, record);
    }
  }

  /** Lambda's record of a discarded batch, in the members and order its documentation shows. */
  private ObjectNode failureRecord(Batch batch, String condition) {
    Settings current = settings;
    InvocationResult result = batch.lastResult;
    ObjectNode record = LambdaEngine.JSON.createObjectNode();
    ObjectNode requestContext = record.putObject("requestContext");
    requestContext.put("requestId", result != null ? result.requestId() : Ids.randomUuid());
    requestContext.put("functionArn", current.functionArn());
    requestContext.put("condition", condition);
    requestContext.put("approximateInvokeCount", batch.invocations);
    if (result != null) {
      ObjectNode responseContext = record.putObject("responseContext");
      responseContext.put("statusCode", 200);
      responseContext.put("executedVersion", result.executedVersion());
      if (result.failed()) {
        responseContext.put("functionError", result.functionError());
      }
    }
    record.put("version", "1.0");
    record.put("timestamp", RECORD_TIMESTAMP.format(engine.clock.now()));
    SourceRecord first = batch.records.get(0).record();
    SourceRecord last = batch.records.get(batch.records.size() - 1).record();
    ObjectNode info = record.putObject("KinesisBatchInfo");
    info.put("shardId", batch.shard.id);
    info.put("startSequenceNumber", first.sequenceNumber());
    info.put("endSequenceNumber", last.sequenceNumber());
    info.put("approximateArrivalOfFirstRecord", RECORD_TIMESTAMP.format(first.arrival()));
    info.put("approximateArrivalOfLastRecord", RECORD_TIMESTAMP.format(last.arrival()));
    info.put("batchSize", batch.records.size());
    info.put("streamArn", stream.streamArn());
    return record;
  }

  // ---- the event

  /** The execution role of the function as the mapping names it: the event's invokeIdentityArn. */
  private String role(Settings current) {
    LambdaFunction function = engine.functionByArn(current.function().arn());
    LambdaFunction.Version version =
        function == null ? null : function.resolve(current.function().qualifier(), 0);
    return version == null ? null : version.configuration().role();
  }

  /** One record of the {@code KinesisEvent}, with AWS's members in AWS's order. */
  private ObjectNode record(String shardId, SourceRecord source, String role) {
    ObjectNode record = LambdaEngine.JSON.createObjectNode();
    ObjectNode kinesisRecord = record.putObject("kinesis");
    kinesisRecord.put("kinesisSchemaVersion", "1.0");
    kinesisRecord.put("partitionKey", source.partitionKey());
    kinesisRecord.put("sequenceNumber", source.sequenceNumber());
    kinesisRecord.put("data", Base64.getEncoder().encodeToString(source.data()));
    // Epoch seconds with milliseconds, as a number: 1545084650.987.
    kinesisRecord.put(
        "approximateArrivalTimestamp", BigDecimal.valueOf(source.arrival().toEpochMilli(), 3));
    record.put("eventSource", "aws:kinesis");
    record.put("eventVersion", "1.0");
    record.put("eventID", shardId + ":" + source.sequenceNumber());
    record.put("eventName", "aws:kinesis:record");
    record.put("invokeIdentityArn", role);
    record.put("awsRegion", stream.region());
    record.put("eventSourceARN", stream.streamArn());
    return record;
  }

  /**
   * Whether the filter passes a record. Kinesis mappings filter on {@code data} alone, as JSON when
   * it is JSON: a pattern on data that is not JSON matches nothing, as Lambda documents.
   */
  private static boolean passes(EventFilter filter, SourceRecord record) {
    if (filter.passesEverything()) {
      return true;
    }
    ObjectNode seen = LambdaEngine.JSON.createObjectNode();
    try {
      JsonNode json = LambdaEngine.JSON.readTree(record.data());
      if (json != null && !json.isMissingNode()) {
        seen.set("data", json);
      } else {
        seen.put("data", Base64.getEncoder().encodeToString(record.data()));
      }
    } catch (IOException notJson) {
      seen.put("data", Base64.getEncoder().encodeToString(record.data()));
    }
    return filter.passes(seen);
  }
}
