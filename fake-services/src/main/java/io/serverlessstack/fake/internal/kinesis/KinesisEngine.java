package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.api.KinesisEvents.Details;
import io.serverlessstack.api.ShardView;
import io.serverlessstack.api.StreamRecordView;
import io.serverlessstack.api.StreamView;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Kinesis Data Streams' state and behaviour, protocol-agnostic and thread-safe: streams per account
 * and region, shards that own ranges of the hash key space, records stored in sequence order under
 * the stream's lock, iterators, resharding with AWS's lineage, enhanced fan-out consumers, and the
 * per-shard throughput limits when a stream or the stack asks for them. It reads time only from the
 * stack's clock: iterator expiry, retention and status transitions follow it.
 */
public final class KinesisEngine {

  static final long MAX_READ_BYTES = 10L * 1024 * 1024;
  static final int MAX_READ_RECORDS = 10_000;
  static final long SHARD_WRITE_BYTES = 1024L * 1024;
  static final long SHARD_WRITE_RECORDS = 1000;
  static final long SHARD_READ_BYTES = 2L * 1024 * 1024;
  static final long SHARD_READ_CALLS = 5;

  /** Open shards per account and region, as DescribeLimits reports it. */
  static final int SHARD_LIMIT = 1000;

  static final int ON_DEMAND_STREAM_LIMIT = 50;
  static final int ON_DEMAND_SHARDS = 4;
  static final int CONSUMER_LIMIT = 20;
  private static final int JOURNAL_DATA_CHARS = 4096;

  final StackClock clock;
  private final Journal journal;
  private final KinesisSettings settings;
  private final ScopedResources<KinesisStream> streams =
      new ScopedResources<>("kinesis", "stream/");
  private final ShardIterators iterators = new ShardIterators();
  private final AtomicInteger streamTags = new AtomicInteger();
  private final Map<String, String> resourcePolicies =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Held while streams are created and deleted, so the limits checked and the change agree. */
  private final Object lifecycle = new Object();

  public KinesisEngine(StackClock clock, Journal journal, KinesisSettings settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Deletes every stream; subscriptions in flight end when they next look. */
  public void reset() {
    for (KinesisStream stream : streams.clear()) {
      synchronized (stream) {
        stream.status = KinesisStream.DELETING;
      }
      stream.listeners.forEach(Runnable::run);
    }
    resourcePolicies.clear();
  }

  // ---- streams

  /** Creates a stream with {@code shardCount} shards, or the on-demand default. */
  KinesisStream createStream(
      Scope scope,
      String name,
      Integer shardCount,
      String mode,
      Map<String, String> tags,
      Integer maxRecordSizeKiB,
      Integer warmThroughputMiBps) {
    boolean onDemand = "ON_DEMAND".equals(mode);
    if (onDemand && shardCount != null) {
      throw KinesisErrors.invalidArgument(
          "ShardCount must not be specified for a stream in ON_DEMAND mode.");
    }
    if (!onDemand && shardCount == null) {
      throw KinesisErrors.invalidArgument(
          "ShardCount is required for a stream in PROVISIONED mode.");
    }
    int shards = onDemand ? ON_DEMAND_SHARDS : shardCount;
    synchronized (lifecycle) {
      ScopedResources.Key key = new ScopedResources.Key(scope, name);
      if (streams.get(key) != null) {
        throw KinesisErrors.inUse(
            "Stream " + name + " under account " + scope.accountId() + " already exists.");
      }
      int open = openShardCount(scope);
      if (open + shards > SHARD_LIMIT) {
        throw shardLimitExceeded(scope, open, shards);
      }
      if (onDemand && onDemandStreamCount(scope) >= ON_DEMAND_STREAM_LIMIT) {
        throw KinesisErrors.limitExceeded(
            "This request would exceed the limit of "
                + ON_DEMAND_STREAM_LIMIT
                + " on-demand streams for the account "
                + scope.accountId()
                + " in "
                + scope.region()
                + ".");
      }
      Instant now = clock.now();
      KinesisStream stream =
          new KinesisStream(
              scope,
              name,
              streams.arn(scope, name).toString(),
              now,
              streamTags.incrementAndGet() % 1_000_000,
              onDemand ? "ON_DEMAND" : "PROVISIONED");
      synchronized (stream) {
        stream.tags.putAll(tags);
        if (maxRecordSizeKiB != null) {
          stream.maxRecordSizeKiB = maxRecordSizeKiB;
        }
        stream.warmThroughputMiBps = warmThroughputMiBps;
        List<HashKeys.Range> ranges = HashKeys.uniform(shards);
        for (int i = 0; i < shards; i++) {
          stream.addShard(new KinesisShard(stream.tag, i, ranges.get(i), null, null, now, 0));
        }
        stream.status = KinesisStream.CREATING;
      }
      streams.putIfAbsent(key, stream);
      journal.append(
          KinesisEvents.SERVICE,
          KinesisEvents.STREAM_CREATED,
          name,
          stream.arn,
          Map.of(Details.SHARD_COUNT, Integer.toString(shards), Details.STREAM_MODE, stream.mode));
      afterTransition(stream, () -> stream.status = KinesisStream.ACTIVE);
      return stream;
    }
  }

  private AwsErrorException shardLimitExceeded(Scope scope, int open, int more) {
    return KinesisErrors.limitExceeded(
        "This request would exceed the shard limit for the account "
            + scope.accountId()
            + " in "
            + scope.region()
            + ". Current shard count for the account: "
            + open
            + ". Limit: "
            + SHARD_LIMIT
            + ". Number of additional shards that would have resulted from this request: "
            + more
            + ".");
  }

  int openShardCount(Scope scope) {
    int open = 0;
    for (KinesisStream stream : streams.in(scope)) {
      synchronized (stream) {
        open += stream.openShards().size();
      }
    }
    return open;
  }

  int onDemandStreamCount(Scope scope) {
    return (int) streams.in(scope).stream().filter(s -> s.mode.equals("ON_DEMAND")).count();
  }

  /**
   * Runs {@code change} under the stream's lock once the stack's status transition has passed: at
   * once when the stack's transition is zero, else on the stack's clock.
   */
  private void afterTransition(KinesisStream stream, Runnable change) {
    Duration transition = settings.statusTransition();
    if (transition.isZero()) {
      synchronized (stream) {
        change.run();
      }
      return;
    }
    clock.schedule(
        clock.now().plus(transition),
        () -> {
          synchronized (stream) {
            if (!stream.status.equals(KinesisStream.DELETING) || isDeletion(change)) {
              change.run();
            }
          }
        });
  }

  private static boolean isDeletion(Runnable change) {
    return change instanceof Deletion;
  }

  /** The final step of a deletion, which runs even though the stream is DELETING. */
  private interface Deletion extends Runnable {}

  void deleteStream(KinesisStream stream, boolean enforceConsumerDeletion) {
    synchronized (stream) {
      if (!stream.consumers.isEmpty() && !enforceConsumerDeletion) {
        throw KinesisErrors.inUse(
            "Stream "
                + stream.name
                + " under account "
                + stream.scope.accountId()
                + " has registered consumers. Deregister them, or set EnforceConsumerDeletion.");
      }
      if (stream.status.equals(KinesisStream.DELETING)) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      stream.status = KinesisStream.DELETING;
    }
    journal.append(
        KinesisEvents.SERVICE, KinesisEvents.STREAM_DELETED, stream.name, stream.arn, Map.of());
    afterTransition(
        stream,
        (Deletion)
            () -> {
              streams.remove(new ScopedResources.Key(stream.scope, stream.name), stream);
              resourcePolicies.remove(stream.arn);
              stream.consumers.values().forEach(c -> resourcePolicies.remove(c.arn()));
            });
    stream.listeners.forEach(Runnable::run);
  }

  /**
   * The stream a request names by {@code name}, {@code arn} or both, in any status.
   *
   * @throws AwsErrorException as AWS answers for neither, a mismatch, or an unknown stream
   */
  KinesisStream stream(Scope scope, String name, String arn) {
    if (name == null && arn == null) {
      throw KinesisErrors.invalidArgument("Neither StreamARN nor StreamName was provided.");
    }
    String resolved = name;
    Scope where = scope;
    if (arn != null) {
      ScopedResources.Key key =
          streams
              .keyOf(arn)
              .orElseThrow(
                  () -> KinesisErrors.invalidArgument("StreamARN " + arn + " is not valid."));
      if (name != null && !name.equals(key.name())) {
        throw KinesisErrors.invalidArgument(
            "StreamARN " + arn + " and StreamName " + name + " do not name the same stream.");
      }
      resolved = key.name();
      where = key.scope();
    }
    KinesisStream stream = streams.get(where, resolved);
    if (stream == null) {
      throw KinesisErrors.streamNotFound(resolved, where);
    }
    return stream;
  }

  /** A stream that takes puts and reads: ACTIVE or UPDATING. */
  KinesisStream readableStream(Scope scope, String name, String arn) {
    KinesisStream stream = stream(scope, name, arn);
    synchronized (stream) {
      if (!stream.isReadable()) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
    }
    return stream;
  }

  /** A stream that may change: ACTIVE. */
  KinesisStream activeStream(Scope scope, String name, String arn) {
    KinesisStream stream = stream(scope, name, arn);
    synchronized (stream) {
      if (!stream.status.equals(KinesisStream.ACTIVE)) {
        throw KinesisErrors.streamNotActive(stream);
      }
    }
    return stream;
  }

  List<KinesisStream> streams(Scope scope) {
    return streams.in(scope);
  }

  // ---- settings of a stream

  void changeRetention(KinesisStream stream, int hours, boolean increase) {
    if (hours < 24) {
      throw KinesisErrors.invalidArgument(
          "Minimum allowed retention period is 24 hours. Requested retention period ("
              + hours
              + " hours) is too short.");
    }
    if (hours > 8760) {
      throw KinesisErrors.invalidArgument(
          "Maximum allowed retention period is 8760 hours. Requested retention period ("
              + hours
              + " hours) is too long.");
    }
    synchronized (stream) {
      requireActive(stream);
      if (increase && hours < stream.retentionHours) {
        throw KinesisErrors.invalidArgument(
            "Requested retention period ("
                + hours
                + " hours) for stream "
                + stream.name
                + " can not be shorter than existing retention period ("
                + stream.retentionHours
                + " hours). Use DecreaseRetentionPeriod API.");
      }
      if (!increase && hours > stream.retentionHours) {
        throw KinesisErrors.invalidArgument(
            "Requested retention period ("
                + hours
                + " hours) for stream "
                + stream.name
                + " can not be longer than existing retention period ("
                + stream.retentionHours
                + " hours). Use IncreaseRetentionPeriod API.");
      }
      stream.retentionHours = hours;
    }
  }

  private static void requireActive(KinesisStream stream) {
    if (!stream.status.equals(KinesisStream.ACTIVE)) {
      throw KinesisErrors.streamNotActive(stream);
    }
  }

  void updateStreamMode(KinesisStream stream, String mode, Integer warmThroughputMiBps) {
    synchronized (stream) {
      requireActive(stream);
      if (mode.equals("ON_DEMAND")
          && !stream.mode.equals(mode)
          && onDemandStreamCount(stream.scope) >= ON_DEMAND_STREAM_LIMIT) {
        throw KinesisErrors.limitExceeded(
            "This request would exceed the limit of "
                + ON_DEMAND_STREAM_LIMIT
                + " on-demand streams for the account "
                + stream.scope.accountId()
                + ".");
      }
      stream.status = KinesisStream.UPDATING;
    }
    afterTransition(
        stream,
        () -> {
          stream.mode = mode;
          if (warmThroughputMiBps != null) {
            stream.warmThroughputMiBps = warmThroughputMiBps;
          }
          stream.status = KinesisStream.ACTIVE;
        });
  }

  /** Enables ({@code add}) or disables shard-level metrics; returns {current, desired}. */
  List<List<String>> changeMetrics(KinesisStream stream, List<String> metrics, boolean add) {
    synchronized (stream) {
      requireActive(stream);
      List<String> current = List.copyOf(stream.shardLevelMetrics);
      List<String> named =
          metrics.contains("ALL")
              ? List.of(
                  "IncomingBytes",
                  "IncomingRecords",
                  "OutgoingBytes",
                  "OutgoingRecords",
                  "WriteProvisionedThroughputExceeded",
                  "ReadProvisionedThroughputExceeded",
                  "IteratorAgeMilliseconds")
              : metrics;
      if (add) {
        stream.shardLevelMetrics.addAll(named);
      } else {
        named.forEach(stream.shardLevelMetrics::remove);
      }
      return List.of(current, List.copyOf(stream.shardLevelMetrics));
    }
  }

  void changeEncryption(KinesisStream stream, String type, String keyId) {
    synchronized (stream) {
      requireActive(stream);
      stream.encryptionType = type;
      stream.keyId = type.equals("NONE") ? null : keyId;
    }
  }

  void changeMaxRecordSize(KinesisStream stream, int kib) {
    synchronized (stream) {
      requireActive(stream);
      stream.maxRecordSizeKiB = kib;
    }
  }

  void changeWarmThroughput(KinesisStream stream, int mibps) {
    synchronized (stream) {
      requireActive(stream);
      if (!stream.mode.equals("ON_DEMAND")) {
        throw KinesisErrors.invalidArgument(
            "Warm throughput can only be set for streams in ON_DEMAND mode.");
      }
      stream.warmThroughputMiBps = mibps;
    }
  }

  /** Switches AWS's throughput limits on or off for one stream. */
  public void throughputLimits(KinesisStream stream, boolean on) {
    synchronized (stream) {
      stream.throughputLimits = on;
    }
  }

  private boolean limited(KinesisStream stream) {
    return stream.throughputLimits || settings.throughputLimits();
  }

  // ---- resource policies

  String resourcePolicy(String arn) {
    return resourcePolicies.get(arn);
  }

  void resourcePolicy(String arn, String policy) {
    if (policy == null) {
      resourcePolicies.remove(arn);
    } else {
      resourcePolicies.put(arn, policy);
    }
  }

  // ---- records

  /** One record to put. {@code hashKey} is its explicit hash key, or that of its partition key. */
  record PutEntry(byte[] data, String partitionKey, BigInteger hashKey) {}

  /** Where a record went, or why it was refused. */
  record PutOutcome(String shardId, String sequenceNumber, String throttleMessage) {
    boolean failed() {
      return throttleMessage != null;
    }
  }

  /**
   * Stores records in order, each on the open shard whose range holds its hash key; a record its
   * shard has no write capacity for this second is refused, and the others are still stored.
   */
  List<PutOutcome> put(KinesisStream stream, List<PutEntry> entries) {
    List<PutOutcome> outcomes = new ArrayList<>(entries.size());
    synchronized (stream) {
      if (!stream.isReadable()) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      Instant now = clock.now();
      boolean limited = limited(stream);
      for (PutEntry entry : entries) {
        KinesisShard shard = stream.openShardFor(entry.hashKey());
        shard.trim(now.minus(stream.retention()));
        long bytes = entry.data().length + entry.partitionKey().length();
        if (limited && !shard.in.tryTake(now, bytes, 1, SHARD_WRITE_BYTES, SHARD_WRITE_RECORDS)) {
          outcomes.add(
              new PutOutcome(null, null, KinesisErrors.writeThrottleMessage(shard, stream)));
          journal.append(
              KinesisEvents.SERVICE,
              KinesisEvents.PUT_THROTTLED,
              stream.name,
              stream.arn,
              Map.of(Details.SHARD_ID, shard.id, Details.PARTITION_KEY, entry.partitionKey()));
          continue;
        }
        long counter = ++stream.counter;
        String sequence = SequenceNumbers.format(stream.tag, shard.index, counter);
        shard.append(new StoredRecord(counter, sequence, entry.partitionKey(), entry.data(), now));
        outcomes.add(new PutOutcome(shard.id, sequence, null));
        journal.append(
            KinesisEvents.SERVICE,
            KinesisEvents.RECORD_PUT,
            stream.name,
            stream.arn,
            Map.of(
                Details.SHARD_ID,
                shard.id,
                Details.SEQUENCE_NUMBER,
                sequence,
                Details.PARTITION_KEY,
                entry.partitionKey(),
                Details.SIZE,
                Integer.toString(entry.data().length),
                Details.DATA,
                journalText(entry.data())));
      }
    }
    stream.listeners.forEach(Runnable::run);
    return outcomes;
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

  // ---- iterators and reads

  /**
   * An iterator at the position AWS's iterator types name.
   *
   * @param type TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER or AT_TIMESTAMP
   */
  String shardIterator(
      KinesisStream stream, String shardId, String type, String sequence, Instant timestamp) {
    synchronized (stream) {
      KinesisShard shard = stream.shard(shardId);
      if (shard == null) {
        throw KinesisErrors.shardNotFound(shardId, stream);
      }
      long position = position(stream, shard, type, sequence, timestamp, "GetShardIterator");
      return issue(stream, shard, position);
    }
  }

  /** Guarded by the stream. */
  long position(
      KinesisStream stream,
      KinesisShard shard,
      String type,
      String sequence,
      Instant timestamp,
      String operation) {
    boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
    if (bySequence != (sequence != null)) {
      throw KinesisErrors.invalidArgument(
          "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and"
              + " StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no"
              + " StartingSequenceNumber. Request specified "
              + type
              + (sequence == null
                  ? " and no StartingSequenceNumber."
                  : " and also a StartingSequenceNumber."));
    }
    if (type.equals("AT_TIMESTAMP") != (timestamp != null)) {
      throw KinesisErrors.invalidArgument(
          timestamp == null
              ? "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP."
                  + " Current request has no timestamp parameter."
              : "The timestampInMillis parameter cannot be used with ShardIteratorType: " + type);
    }
    shard.trim(clock.now().minus(stream.retention()));
    return switch (type) {
      case "TRIM_HORIZON" -> 0;
      case "LATEST" -> stream.counter + 1;
      case "AT_TIMESTAMP" -> {
        int index = shard.indexAt(timestamp);
        yield index < shard.size() ? shard.get(index).counter() : stream.counter + 1;
      }
      default -> {
        SequenceNumbers.Parsed parsed = parseSequence(stream, shard, sequence, operation);
        yield type.equals("AT_SEQUENCE_NUMBER") ? parsed.counter() : parsed.counter() + 1;
      }
    };
  }

  private static SequenceNumbers.Parsed parseSequence(
      KinesisStream stream, KinesisShard shard, String sequence, String operation) {
    String where =
        " used in "
            + operation
            + " on shard "
            + shard.id
            + " in stream "
            + stream.name
            + " under account "
            + stream.scope.accountId();
    SequenceNumbers.Parsed parsed =
        SequenceNumbers.parse(sequence)
            .orElseThrow(
                () ->
                    KinesisErrors.invalidArgument(
                        "StartingSequenceNumber " + sequence + where + " is invalid."));
    if (parsed.streamTag() != stream.tag) {
      throw KinesisErrors.invalidArgument(
          "StartingSequenceNumber "
              + sequence
              + where
              + " is invalid because it did not come from this stream.");
    }
    if (parsed.shardIndex() != shard.index) {
      throw KinesisErrors.invalidArgument(
          "Invalid StartingSequenceNumber. It encodes "
              + KinesisShard.shardId(parsed.shardIndex())
              + ", while it was used in a call to a shard with "
              + shard.id);
    }
    return parsed;
  }

  private String issue(KinesisStream stream, KinesisShard shard, long position) {
    return iterators.issue(
        new ShardIterators.Position(
            new ScopedResources.Key(stream.scope, stream.name),
            stream.tag,
            shard.index,
            position,
            clock.now()));
  }

  /**
   * What a read returned.
   *
   * @param next the position after the records, for the next read
   * @param nextIterator an iterator there, or {@code null} at the end of a closed shard
   * @param children the shard's children once a read reached the end of a closed shard, else empty
   */
  record Read(
      KinesisStream stream,
      KinesisShard shard,
      List<StoredRecord> records,
      long next,
      String nextIterator,
      long millisBehindLatest,
      List<KinesisShard> children) {

    boolean endOfShard() {
      return nextIterator == null;
    }
  }

  /** GetRecords: the records an iterator points at, and an iterator after them. */
  Read getRecords(String iterator, Integer limit) {
    ShardIterators.Position position =
        iterators.read(iterator).orElseThrow(KinesisErrors::invalidIterator);
    Instant now = clock.now();
    if (Duration.between(position.issued(), now).compareTo(ShardIterators.LIFETIME) > 0) {
      throw KinesisErrors.expiredIterator(ShardIterators.expiredMessage(position.issued(), now));
    }
    KinesisStream stream = streams.get(position.stream());
    String shardId = KinesisShard.shardId(position.shardIndex());
    if (stream == null || stream.tag != position.streamTag()) {
      throw KinesisErrors.notFound(
          "Shard "
              + shardId
              + " in stream "
              + position.stream().name()
              + " under account "
              + position.stream().accountId()
              + " does not exist");
    }
    synchronized (stream) {
      if (!stream.isReadable()) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      KinesisShard shard = stream.shard(shardId);
      if (shard == null) {
        throw KinesisErrors.shardNotFound(shardId, stream);
      }
      if (limited(stream)
          && (shard.out.exhausted(now, SHARD_READ_BYTES)
              || !shard.out.tryTake(now, 0, 1, Long.MAX_VALUE, SHARD_READ_CALLS))) {
        journal.append(
            KinesisEvents.SERVICE,
            KinesisEvents.READ_THROTTLED,
            stream.name,
            stream.arn,
            Map.of(Details.SHARD_ID, shard.id));
        throw KinesisErrors.readThroughputExceeded(shard, stream);
      }
      return read(stream, shard, position.position(), limit == null ? MAX_READ_RECORDS : limit, "");
    }
  }

  /**
   * Reads up to {@code limit} records (and {@link #MAX_READ_BYTES}) from {@code from} on. Guarded
   * by the stream.
   *
   * @param consumer the enhanced fan-out consumer reading, or empty for GetRecords
   */
  Read read(KinesisStream stream, KinesisShard shard, long from, int limit, String consumer) {
    Instant now = clock.now();
    shard.trim(now.minus(stream.retention()));
    int start = shard.indexOf(from);
    int end = start;
    long bytes = 0;
    while (end < shard.size() && end - start < limit) {
      long size = shard.get(end).data().length;
      if (end > start && bytes + size > MAX_READ_BYTES) {
        break;
      }
      bytes += size;
      end++;
    }
    List<StoredRecord> records = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      records.add(shard.get(i));
    }
    long next = records.isEmpty() ? from : records.get(records.size() - 1).counter() + 1;
    boolean caughtUp = end == shard.size();
    boolean endOfShard = caughtUp && !shard.isOpen();
    long behind =
        caughtUp ? 0 : Math.max(0, Duration.between(shard.get(end).arrival(), now).toMillis());
    if (limited(stream)) {
      shard.out.add(now, bytes);
    }
    if (!records.isEmpty()) {
      journal.append(
          KinesisEvents.SERVICE,
          KinesisEvents.RECORDS_READ,
          stream.name,
          stream.arn,
          Map.of(
              Details.SHARD_ID,
              shard.id,
              Details.RECORD_COUNT,
              Integer.toString(records.size()),
              Details.FIRST_SEQUENCE_NUMBER,
              records.get(0).sequenceNumber(),
              Details.LAST_SEQUENCE_NUMBER,
              records.get(records.size() - 1).sequenceNumber(),
              Details.CONSUMER,
              consumer));
    }
    return new Read(
        stream,
        shard,
        records,
        next,
        endOfShard ? null : issue(stream, shard, next),
        behind,
        endOfShard ? stream.children(shard) : List.of());
  }

  // ---- resharding

  void splitShard(KinesisStream stream, String shardId, BigInteger newStartingHashKey) {
    synchronized (stream) {
      KinesisShard shard = openShard(stream, shardId);
      HashKeys.Range range = shard.range;
      if (newStartingHashKey.compareTo(range.start().add(BigInteger.ONE)) <= 0
          || newStartingHashKey.compareTo(range.end()) >= 0) {
        throw KinesisErrors.invalidArgument(
            "NewStartingHashKey "
                + newStartingHashKey
                + " used in SplitShard() on shard "
                + shard.id
                + " in stream "
                + stream.name
                + " under account "
                + stream.scope.accountId()
                + " is not both greater than one plus the shard's StartingHashKey "
                + range.start()
                + " and less than the shard's EndingHashKey "
                + range.end()
                + ".");
      }
      requireActive(stream);
      requireShardRoom(stream, 1);
      stream.status = KinesisStream.UPDATING;
    }
    reshard(stream, "SplitShard", () -> List.of(split(stream, shardId, newStartingHashKey)));
  }

  void mergeShards(KinesisStream stream, String shardId, String adjacentShardId) {
    synchronized (stream) {
      KinesisShard first = openShard(stream, shardId);
      KinesisShard second = openShard(stream, adjacentShardId);
      if (!adjacent(first, second)) {
        throw KinesisErrors.invalidArgument(
            "Shards "
                + first.id
                + " and "
                + second.id
                + " in stream "
                + stream.name
                + " under account "
                + stream.scope.accountId()
                + " are not an adjacent pair of shards eligible for merging");
      }
      requireActive(stream);
      stream.status = KinesisStream.UPDATING;
    }
    reshard(stream, "MergeShards", () -> List.of(merge(stream, shardId, adjacentShardId)));
  }

  /** UpdateShardCount with uniform scaling; returns the open shard count before. */
  int updateShardCount(KinesisStream stream, int target) {
    int current;
    synchronized (stream) {
      requireActive(stream);
      if (stream.mode.equals("ON_DEMAND")) {
        throw KinesisErrors.invalidArgument(
            "UpdateShardCount is not supported for stream " + stream.name + " in ON_DEMAND mode.");
      }
      current = stream.openShards().size();
      if (target > current * 2) {
        throw KinesisErrors.invalidArgument(
            "UpdateShardCount cannot scale up over double your current open shard count. Current"
                + " open shard count: "
                + current
                + " Target shard count: "
                + target);
      }
      if (target * 2 < current) {
        throw KinesisErrors.invalidArgument(
            "UpdateShardCount cannot scale down below half your current open shard count. Current"
                + " open shard count: "
                + current
                + " Target shard count: "
                + target);
      }
      if (target > current) {
        requireShardRoom(stream, target - current);
      }
      stream.status = KinesisStream.UPDATING;
    }
    reshard(stream, "UpdateShardCount", () -> scaleUniformly(stream, target));
    return current;
  }

  private void requireShardRoom(KinesisStream stream, int more) {
    int open = openShardCount(stream.scope);
    if (open + more > SHARD_LIMIT) {
      throw shardLimitExceeded(stream.scope, open, more);
    }
  }

  /** Guarded by the stream. */
  private KinesisShard openShard(KinesisStream stream, String shardId) {
    KinesisShard shard = stream.shard(shardId);
    if (shard == null) {
      throw KinesisErrors.couldNotFindShard(shardId, stream);
    }
    if (!shard.isOpen()) {
      throw KinesisErrors.invalidArgument(
          "Shard "
              + shard.id
              + " in stream "
              + stream.name
              + " under account "
              + stream.scope.accountId()
              + " has already been merged or split, and thus is not eligible for merging or"
              + " splitting.");
    }
    return shard;
  }

  private static boolean adjacent(KinesisShard a, KinesisShard b) {
    return a.range.end().add(BigInteger.ONE).equals(b.range.start())
        || b.range.end().add(BigInteger.ONE).equals(a.range.start());
  }

  /** Applies a reshard after the status transition and journals what it closed and opened. */
  private void reshard(
      KinesisStream stream,
      String operation,
      java.util.function.Supplier<List<KinesisShard>> change) {
    afterTransition(
        stream,
        () -> {
          int before = stream.shards.size();
          List<String> wasOpen = stream.openShards().stream().map(s -> s.id).toList();
          change.get();
          stream.refreshOpen();
          List<String> open = stream.openShards().stream().map(s -> s.id).toList();
          String closed =
              wasOpen.stream().filter(id -> !open.contains(id)).collect(Collectors.joining(","));
          String opened =
              stream.shards.subList(before, stream.shards.size()).stream()
                  .filter(KinesisShard::isOpen)
                  .map(s -> s.id)
                  .collect(Collectors.joining(","));
          stream.status = KinesisStream.ACTIVE;
          journal.append(
              KinesisEvents.SERVICE,
              KinesisEvents.STREAM_RESHARDED,
              stream.name,
              stream.arn,
              Map.of(
                  Details.OPERATION,
                  operation,
                  Details.CLOSED_SHARDS,
                  closed,
                  Details.OPENED_SHARDS,
                  opened));
        });
    stream.listeners.forEach(Runnable::run);
  }

  /** Splits an open shard at {@code at}; guarded by the stream. Returns the upper child. */
  private KinesisShard split(KinesisStream stream, String shardId, BigInteger at) {
    KinesisShard parent = stream.shard(shardId);
    Instant now = clock.now();
    long counter = ++stream.counter;
    parent.close(now, stream.tag, counter);
    KinesisShard lower =
        new KinesisShard(
            stream.tag,
            stream.shards.size(),
            new HashKeys.Range(parent.range.start(), at.subtract(BigInteger.ONE)),
            parent.id,
            null,
            now,
            counter);
    stream.addShard(lower);
    KinesisShard upper =
        new KinesisShard(
            stream.tag,
            stream.shards.size(),
            new HashKeys.Range(at, parent.range.end()),
            parent.id,
            null,
            now,
            counter);
    stream.addShard(upper);
    return upper;
  }

  /** Merges two adjacent open shards; guarded by the stream. */
  private KinesisShard merge(KinesisStream stream, String shardId, String adjacentShardId) {
    KinesisShard first = stream.shard(shardId);
    KinesisShard second = stream.shard(adjacentShardId);
    Instant now = clock.now();
    long counter = ++stream.counter;
    first.close(now, stream.tag, counter);
    second.close(now, stream.tag, counter);
    BigInteger start = first.range.start().min(second.range.start());
    BigInteger end = first.range.end().max(second.range.end());
    KinesisShard child =
        new KinesisShard(
            stream.tag,
            stream.shards.size(),
            new HashKeys.Range(start, end),
            first.id,
            second.id,
            now,
            counter);
    stream.addShard(child);
    return child;
  }

  /**
   * Reshapes the open shards into {@code target} even ranges with splits and merges, as AWS's
   * uniform scaling does, so that every new shard has at most two parents; guarded by the stream.
   */
  private List<KinesisShard> scaleUniformly(KinesisStream stream, int target) {
    List<HashKeys.Range> ranges = HashKeys.uniform(target);
    for (HashKeys.Range range : ranges.subList(1, ranges.size())) {
      BigInteger boundary = range.start();
      for (KinesisShard shard : List.copyOf(stream.openShards())) {
        if (boundary.compareTo(shard.range.start()) > 0 && shard.range.contains(boundary)) {
          split(stream, shard.id, boundary);
        }
      }
    }
    for (HashKeys.Range range : ranges) {
      List<KinesisShard> inside =
          stream.openShards().stream()
              .filter(s -> range.contains(s.range.start()) && range.contains(s.range.end()))
              .sorted(Comparator.comparing(s -> s.range.start()))
              .toList();
      KinesisShard merged = inside.isEmpty() ? null : inside.get(0);
      for (KinesisShard next : inside.subList(Math.min(1, inside.size()), inside.size())) {
        merged = merge(stream, merged.id, next.id);
      }
    }
    return stream.openShards();
  }

  // ---- consumers

  KinesisConsumer registerConsumer(KinesisStream stream, String name) {
    synchronized (stream) {
      if (!stream.isReadable()) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      if (stream.consumers.containsKey(name)) {
        throw KinesisErrors.inUse(
            "Consumer "
                + name
                + " under stream "
                + stream.name
                + " already exists for account "
                + stream.scope.accountId()
                + ".");
      }
      if (stream.consumers.size() >= CONSUMER_LIMIT) {
        throw KinesisErrors.limitExceeded(
            "Consumer limit of "
                + CONSUMER_LIMIT
                + " has been reached for stream "
                + stream.name
                + " under account "
                + stream.scope.accountId()
                + ".");
      }
      Instant now = clock.now();
      KinesisConsumer consumer =
          new KinesisConsumer(
              name,
              stream.arn + "/consumer/" + name + ":" + now.getEpochSecond(),
              stream.arn,
              now,
              "CREATING");
      stream.consumers.put(name, consumer);
      afterTransition(
          stream, () -> stream.consumers.computeIfPresent(name, (n, c) -> c.withStatus("ACTIVE")));
      return stream.consumers.get(name);
    }
  }

  /** The consumer an ARN names, or one of a stream by name. */
  KinesisConsumer consumer(Scope scope, String streamArn, String name, String consumerArn) {
    if (consumerArn != null) {
      int at = consumerArn.indexOf("/consumer/");
      if (at < 0 || Arn.parse(consumerArn).isEmpty()) {
        throw KinesisErrors.invalidArgument("ConsumerARN " + consumerArn + " is not valid.");
      }
      KinesisStream stream = stream(scope, null, consumerArn.substring(0, at));
      synchronized (stream) {
        for (KinesisConsumer consumer : stream.consumers.values()) {
          if (consumer.arn().equals(consumerArn)) {
            return consumer;
          }
        }
      }
      throw consumerNotFound(consumerArn, stream);
    }
    if (streamArn == null || name == null) {
      throw KinesisErrors.invalidArgument(
          "Either ConsumerARN, or both StreamARN and ConsumerName, must be provided.");
    }
    KinesisStream stream = stream(scope, null, streamArn);
    synchronized (stream) {
      KinesisConsumer consumer = stream.consumers.get(name);
      if (consumer == null) {
        throw consumerNotFound(name, stream);
      }
      return consumer;
    }
  }

  private static AwsErrorException consumerNotFound(String consumer, KinesisStream stream) {
    return KinesisErrors.notFound(
        "Consumer "
            + consumer
            + " under stream "
            + stream.name
            + " under account "
            + stream.scope.accountId()
            + " not found.");
  }

  void deregisterConsumer(KinesisConsumer consumer, Scope scope) {
    KinesisStream stream = stream(scope, null, consumer.streamArn());
    synchronized (stream) {
      stream.consumers.computeIfPresent(consumer.name(), (n, c) -> c.withStatus("DELETING"));
    }
    resourcePolicies.remove(consumer.arn());
    afterTransition(stream, () -> stream.consumers.remove(consumer.name()));
    stream.listeners.forEach(Runnable::run);
  }

  /** The stream {@code consumer} reads. */
  KinesisStream streamOf(KinesisConsumer consumer) {
    KinesisStream stream = streams.byArn(consumer.streamArn());
    if (stream == null) {
      throw KinesisErrors.notFound("Stream " + consumer.streamArn() + " not found.");
    }
    return stream;
  }

  /** Whether {@code consumer} is still registered and ACTIVE on its stream. */
  boolean isActive(KinesisStream stream, KinesisConsumer consumer) {
    synchronized (stream) {
      KinesisConsumer now = stream.consumers.get(consumer.name());
      return stream.isReadable()
          && now != null
          && now.arn().equals(consumer.arn())
          && now.status().equals("ACTIVE");
    }
  }

  // ---- inspection

  public List<StreamView> inspectStreams() {
    return streams.all().stream().map(this::view).toList();
  }

  /**
   * A view of the stream with this ARN, or of the first by account and region with this name,
   * without looking at any other stream.
   */
  public Optional<StreamView> inspectStream(String nameOrArn) {
    KinesisStream found = streams.byArn(nameOrArn);
    if (found == null) {
      found = streams.all().stream().filter(s -> s.name.equals(nameOrArn)).findFirst().orElse(null);
    }
    return Optional.ofNullable(found).map(this::view);
  }

  private StreamView view(KinesisStream stream) {
    synchronized (stream) {
      Instant now = clock.now();
      List<ShardView> shards = new ArrayList<>();
      for (KinesisShard shard : stream.listedShards(now)) {
        shard.trim(now.minus(stream.retention()));
        List<StreamRecordView> records = new ArrayList<>(shard.size());
        for (int i = 0; i < shard.size(); i++) {
          StoredRecord record = shard.get(i);
          records.add(
              new StreamRecordView(
                  shard.id,
                  record.sequenceNumber(),
                  record.partitionKey(),
                  Base64.getEncoder().encodeToString(record.data()),
                  record.arrival()));
        }
        shards.add(
            new ShardView(
                shard.id,
                shard.parentId,
                shard.adjacentParentId,
                shard.range.start().toString(),
                shard.range.end().toString(),
                shard.startingSequenceNumber,
                shard.endingSequenceNumber(),
                records));
      }
      return new StreamView(
          stream.name,
          stream.arn,
          stream.scope.accountId(),
          stream.scope.region(),
          stream.status,
          stream.mode,
          stream.retentionHours,
          shards,
          List.copyOf(stream.consumers.keySet()));
    }
  }

  // ---- consumers inside the stack (Lambda's event source mappings)

  /**
   * A stream as a consumer inside the stack reads it: named by its ARN, or by one of its enhanced
   * fan-out consumers' ARNs, which reads the same records.
   *
   * @param incarnation sets this stream apart from an earlier or later one of the same name
   * @param consumer the enhanced fan-out consumer's name the reads are journaled under, or empty
   */
  public record SourceStream(
      String streamArn, String region, int incarnation, String consumer, Duration retention) {}

  /** A shard and its lineage; {@code open} until a reshard closes it. */
  public record SourceShard(
      String shardId, String parentShardId, String adjacentParentShardId, boolean open) {}

  /**
   * One record as a consumer inside the stack reads it.
   *
   * @param position where the record is in its shard: a read from {@code position + 1} starts after
   *     it
   */
  public record SourceRecord(
      long position, String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {}

  /**
   * What one read returned.
   *
   * @param next the position to read from next
   * @param endOfShard whether the read reached the end of a closed shard: it has no more records
   */
  public record SourceRead(List<SourceRecord> records, long next, boolean endOfShard) {}

  /**
   * The stream {@code eventSourceArn} names: a stream's ARN, or an enhanced fan-out consumer's.
   *
   * @throws AwsErrorException Kinesis's {@code ResourceNotFoundException} or {@code
   *     InvalidArgumentException} for a stream or consumer that does not exist
   */
  public SourceStream sourceStream(String eventSourceArn) {
    int at = eventSourceArn.indexOf("/consumer/");
    KinesisStream stream;
    String consumer = "";
    if (at >= 0) {
      KinesisConsumer found = consumer(Scope.DEFAULT, null, null, eventSourceArn);
      stream = streamOf(found);
      consumer = found.name();
    } else {
      stream = stream(Scope.DEFAULT, null, eventSourceArn);
    }
    synchronized (stream) {
      if (!stream.isReadable() && !stream.status.equals(KinesisStream.CREATING)) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      return new SourceStream(
          stream.arn, stream.scope.region(), stream.tag, consumer, stream.retention());
    }
  }

  /** The shards a consumer follows: the open ones and those closed within the retention period. */
  public List<SourceShard> sourceShards(SourceStream source) {
    KinesisStream stream = sourceOf(source);
    synchronized (stream) {
      return stream.listedShards(clock.now()).stream()
          .map(
              shard ->
                  new SourceShard(shard.id, shard.parentId, shard.adjacentParentId, shard.isOpen()))
          .toList();
    }
  }

  /**
   * Where a consumer starting at {@code type} (TRIM_HORIZON, LATEST or AT_TIMESTAMP) begins to read
   * {@code shardId}.
   */
  public long sourcePosition(SourceStream source, String shardId, String type, Instant timestamp) {
    KinesisStream stream = sourceOf(source);
    synchronized (stream) {
      KinesisShard shard = stream.shard(shardId);
      if (shard == null) {
        throw KinesisErrors.shardNotFound(shardId, stream);
      }
      return position(stream, shard, type, null, timestamp, "GetShardIterator");
    }
  }

  /**
   * Reads up to {@code limit} records of a shard from {@code from} on, journaled as GetRecords (or
   * the consumer's SubscribeToShard) reads are.
   */
  public SourceRead sourceRead(SourceStream source, String shardId, long from, int limit) {
    KinesisStream stream = sourceOf(source);
    synchronized (stream) {
      if (!stream.isReadable()) {
        throw KinesisErrors.streamNotFound(stream.name, stream.scope);
      }
      KinesisShard shard = stream.shard(shardId);
      if (shard == null) {
        throw KinesisErrors.shardNotFound(shardId, stream);
      }
      Read read = read(stream, shard, from, Math.min(limit, MAX_READ_RECORDS), source.consumer());
      return new SourceRead(
          read.records().stream()
              .map(
                  record ->
                      new SourceRecord(
                          record.counter(),
                          record.sequenceNumber(),
                          record.partitionKey(),
                          record.data(),
                          record.arrival()))
              .toList(),
          read.next(),
          read.endOfShard());
    }
  }

  /**
   * Tells {@code listener} (outside the stream's lock) whenever the stream stores records or
   * changes, until the returned handle is closed.
   */
  public AutoCloseable sourceListener(SourceStream source, Runnable listener) {
    KinesisStream stream = sourceOf(source);
    stream.listeners.add(listener);
    return () -> stream.listeners.remove(listener);
  }

  private KinesisStream sourceOf(SourceStream source) {
    KinesisStream stream = streams.byArn(source.streamArn());
    if (stream == null || stream.tag != source.incarnation()) {
      throw KinesisErrors.notFound("Stream " + source.streamArn() + " not found.");
    }
    return stream;
  }

  /** A stream's tags, in the order they were added. */
  Map<String, String> tagsOf(KinesisStream stream) {
    synchronized (stream) {
      return new LinkedHashMap<>(stream.tags);
    }
  }
}
