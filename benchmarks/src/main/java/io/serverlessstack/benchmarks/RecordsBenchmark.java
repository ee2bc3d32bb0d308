package io.serverlessstack.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis PutRecords and GetRecords through the SDK v2 sync client (Apache HTTP client) against
 * every target: each sample puts batches of numbered records into a fresh two-shard stream from
 * {@code threads} threads for a window, then reads the stream back from every shard (one reader per
 * shard, at most {@code threads} readers), following the iterators with {@code Limit} set, until
 * every shard is drained, and checks each record put off by its number: a record reported stored
 * and not read back is lost, one read twice is duplicated. Then the stream is deleted.
 *
 * <p>All targets are warmed up first; then each round measures every target once per thread count,
 * in an order that rotates from round to round, so that the ratios compare samples taken side by
 * side.
 */
final class RecordsBenchmark {

  static final int SHARDS = CannedKinesisServer.SHARDS;

  /**
   * One measurement.
   *
   * @param putRate records stored per second over the put window
   * @param putCalls PutRecords calls over the whole put run, ramp included
   * @param stored records the answers reported stored, over the whole run
   * @param failed records the answers reported failed
   * @param readers threads that read the stream back
   * @param getRate records read back per second, from the first GetShardIterator to the last read
   * @param getCalls GetRecords calls made to read it back
   * @param read records read back, duplicates included
   * @param lost records reported stored that were not read back
   * @param duplicated records read more than once, beyond the first
   * @param unexpected records read back that were never reported stored
   * @param checked whether the target stores records, so that reading them back checks it
   */
  record Sample(
      double putRate,
      long putCalls,
      long stored,
      long failed,
      int readers,
      double getRate,
      long getCalls,
      long read,
      long lost,
      long duplicated,
      long unexpected,
      boolean checked) {

    boolean exact() {
      return !checked || (lost == 0 && duplicated == 0 && unexpected == 0);
    }
  }

  /** Samples by client thread count and target, one per round; notes on anything odd. */
  record Results(Map<Integer, Map<TargetKind, List<Sample>>> samples, List<String> notes) {}

  private static final Duration ACTIVE_LIMIT = Duration.ofSeconds(30);

  private final Duration window = Duration.ofSeconds(Settings.integer("seconds", 3));
  private final Duration warmup = Duration.ofSeconds(Settings.integer("warmupSeconds", 5));
  private final Duration kinesaliteWarmup =
      Duration.ofSeconds(Settings.integer("kinesaliteWarmupSeconds", 2));
  private final int rounds = Settings.integer("rounds", 5);
  private final int batch = Settings.integer("batch", 500);
  private final int recordBytes = Settings.integer("recordBytes", 1024);
  private final int readLimit = Settings.integer("readLimit", 10_000);
  private final List<Integer> threadCounts = Settings.integers("threads", "1,4");
  private final List<TargetKind> kinds = Settings.targets(KinesisBenchmark.DEFAULT_TARGETS);
  private final byte[] filler = Bodies.text(recordBytes).getBytes(StandardCharsets.US_ASCII);
  private final List<String> notes = new ArrayList<>();

  int batch() {
    return batch;
  }

  int recordBytes() {
    return recordBytes;
  }

  int readLimit() {
    return readLimit;
  }

  Duration window() {
    return window;
  }

  Duration warmup(TargetKind kind) {
    return kind == TargetKind.KINESALITE ? kinesaliteWarmup : warmup;
  }

  List<TargetKind> kinds() {
    return kinds;
  }

  Results run() {
    Map<Integer, Map<TargetKind, List<Sample>>> samples = new LinkedHashMap<>();
    List<Subject> subjects = new ArrayList<>();
    try {
      for (TargetKind kind : kinds) {
        subjects.add(new Subject(kind));
      }
      for (Subject subject : subjects) {
        for (int threads : threadCounts) {
          Sample sample = measure(subject, threads, warmup(subject.kind));
          progress("warm-up", subject.kind, threads, sample);
          if (!sample.exact()) {
            notes.add(
                subject.kind.label
                    + ", warm-up at "
                    + threads
                    + " thread(s): "
                    + sample.lost()
                    + " lost, "
                    + sample.duplicated()
                    + " duplicated, "
                    + sample.unexpected()
                    + " unexpected.");
          }
        }
      }
      for (int threads : threadCounts) {
        Map<TargetKind, List<Sample>> cell = new LinkedHashMap<>();
        kinds.forEach(kind -> cell.put(kind, new ArrayList<>()));
        samples.put(threads, cell);
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get((round + i) % subjects.size());
            Sample sample = measure(subject, threads, window);
            cell.get(subject.kind).add(sample);
            progress("round " + (round + 1), subject.kind, threads, sample);
          }
        }
      }
    } finally {
      subjects.forEach(Subject::close);
    }
    return new Results(samples, notes);
  }

  private static void progress(String phase, TargetKind kind, int threads, Sample sample) {
    System.err.printf(
        "  %-8s %-22s %d thread(s): put %,8.0f records/s (%,d calls, %,d stored, %,d failed);"
            + " get %,8.0f records/s (%d reader(s), %,d calls, %,d read)%s%n",
        phase,
        kind.label,
        threads,
        sample.putRate(),
        sample.putCalls(),
        sample.stored(),
        sample.failed(),
        sample.getRate(),
        sample.readers(),
        sample.getCalls(),
        sample.read(),
        sample.checked()
            ? String.format(
                "; %d lost, %d duplicated, %d unexpected",
                sample.lost(), sample.duplicated(), sample.unexpected())
            : "");
  }

  /** Puts into a fresh stream for {@code duration}, reads it all back, checks it, deletes it. */
  private Sample measure(Subject subject, int threads, Duration duration) {
    String stream = subject.createStream();
    try {
      List<String> shards = subject.shards(stream);
      Map<String, LongAdder> perShard = new ConcurrentHashMap<>();
      shards.forEach(shard -> perShard.put(shard, new LongAdder()));
      AtomicLong next = new AtomicLong();
      BitSet stored = new BitSet();
      LongAdder failed = new LongAdder();
      LongAdder calls = new LongAdder();
      Load.settle();
      Load.Window put =
          Load.measure(
              threads,
              Load.RAMP,
              duration,
              () -> {
                long first = next.getAndAdd(batch);
                List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                  long number = first + i;
                  entries.add(
                      PutRecordsRequestEntry.builder()
                          .partitionKey(Long.toString(number))
                          .data(SdkBytes.fromByteArrayUnsafe(Bodies.numbered(number, filler)))
                          .build());
                }
                PutRecordsResponse response =
                    subject.kinesis.putRecords(
                        request -> request.streamName(stream).records(entries));
                calls.increment();
                return tally(response, first, stored, failed, perShard);
              });
      Load.settle();
      Drained drained = drain(subject, stream, shards, perShard, next.get(), threads);
      long lost = 0;
      long unexpected = drained.unexpected;
      if (subject.target.stateful()) {
        BitSet missing = (BitSet) stored.clone();
        missing.andNot(drained.seen);
        lost = missing.cardinality();
        BitSet extra = (BitSet) drained.seen.clone();
        extra.andNot(stored);
        unexpected += extra.cardinality();
      }
      return new Sample(
          put.rate(),
          calls.sum(),
          stored.cardinality(),
          failed.sum(),
          drained.readers,
          drained.rate,
          drained.calls,
          drained.read,
          lost,
          drained.duplicated,
          unexpected,
          subject.target.stateful());
    } finally {
      subject.deleteStream(stream);
    }
  }

  /** Marks each record an answer reports stored, and counts where it went; returns how many. */
  private int tally(
      PutRecordsResponse response,
      long first,
      BitSet stored,
      LongAdder failed,
      Map<String, LongAdder> perShard) {
    List<PutRecordsResultEntry> results = response.records();
    if (results.size() != batch) {
      throw new IllegalStateException(
          "PutRecords answered for " + results.size() + " of " + batch + " records");
    }
    int ok = 0;
    long[] numbers = new long[batch];
    for (int i = 0; i < batch; i++) {
      PutRecordsResultEntry result = results.get(i);
      if (result.errorCode() != null) {
        failed.increment();
        continue;
      }
      LongAdder shard = perShard.get(result.shardId());
      if (shard == null) {
        throw new IllegalStateException("A record went to an unknown shard: " + result);
      }
      shard.increment();
      numbers[ok++] = first + i;
    }
    synchronized (stored) {
      for (int i = 0; i < ok; i++) {
        stored.set(Math.toIntExact(numbers[i]));
      }
    }
    return ok;
  }

  /**
   * How reading a stream back went.
   *
   * @param seen the numbers read
   */
  private record Drained(
      int readers,
      double rate,
      long calls,
      long read,
      BitSet seen,
      long duplicated,
      long unexpected) {}

  /** What one reader read. */
  private static final class Tally {
    final BitSet seen = new BitSet();
    long calls;
    long read;
    long duplicated;
    long unexpected;

    void add(long number, long numbers) {
      read++;
      if (number < 0 || number >= numbers) {
        unexpected++;
      } else if (seen.get((int) number)) {
        duplicated++;
      } else {
        seen.set((int) number);
      }
    }
  }

  /**
   * Reads every shard from its trim horizon, following the iterators, with one reader per shard and
   * at most {@code threads} readers, until a read comes back empty (a stateful target) or the shard
   * has given as many records as were put into it (a canned one, which never runs dry).
   */
  private Drained drain(
      Subject subject,
      String stream,
      List<String> shards,
      Map<String, LongAdder> perShard,
      long numbers,
      int threads) {
    int readers = Math.min(threads, shards.size());
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      long started = System.nanoTime();
      List<Future<Tally>> futures = new ArrayList<>();
      for (int reader = 0; reader < readers; reader++) {
        List<String> mine = new ArrayList<>();
        for (int i = reader; i < shards.size(); i += readers) {
          mine.add(shards.get(i));
        }
        futures.add(
            pool.submit(
                () -> {
                  Tally tally = new Tally();
                  for (String shard : mine) {
                    readShard(subject, stream, shard, perShard.get(shard).sum(), numbers, tally);
                  }
                  return tally;
                }));
      }
      List<Tally> tallies = new ArrayList<>();
      for (Future<Tally> future : futures) {
        tallies.add(future.get());
      }
      long elapsed = System.nanoTime() - started;
      BitSet seen = new BitSet();
      long calls = 0;
      long read = 0;
      long duplicated = 0;
      long unexpected = 0;
      for (Tally tally : tallies) {
        BitSet both = (BitSet) tally.seen.clone();
        both.and(seen);
        duplicated += tally.duplicated + both.cardinality();
        seen.or(tally.seen);
        calls += tally.calls;
        read += tally.read;
        unexpected += tally.unexpected;
      }
      return new Drained(readers, read * 1e9 / elapsed, calls, read, seen, duplicated, unexpected);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Reading a shard failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void readShard(
      Subject subject, String stream, String shard, long put, long numbers, Tally tally) {
    String iterator =
        subject
            .kinesis
            .getShardIterator(
                get ->
                    get.streamName(stream)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    long fromShard = 0;
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse response =
          subject.kinesis.getRecords(get -> get.shardIterator(current).limit(readLimit));
      tally.calls++;
      List<Record> records = response.records();
      for (Record record : records) {
        tally.add(Bodies.number(record.data().asByteBuffer()), numbers);
      }
      fromShard += records.size();
      iterator = response.nextShardIterator();
      if (subject.target.stateful() ? records.isEmpty() : fromShard >= put) {
        break;
      }
    }
  }

  /** A target with its client. */
  private final class Subject implements AutoCloseable {
    final TargetKind kind;
    final KinesisTarget target;
    final KinesisClient kinesis;
    int created;

    Subject(TargetKind kind) {
      this.kind = kind;
      this.target = KinesisTarget.start(kind, batch, readLimit, recordBytes);
      int threads = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
      this.kinesis =
          Clients.kinesis(target.endpoint(), Math.max(threads, SHARDS) + 2, target.cbor());
    }

    /** A fresh stream of {@link #SHARDS} shards, once it is {@code ACTIVE}. */
    String createStream() {
      String name = "records-" + (++created);
      kinesis.createStream(create -> create.streamName(name).shardCount(SHARDS));
      long deadline = System.nanoTime() + ACTIVE_LIMIT.toNanos();
      while (kinesis
              .describeStreamSummary(describe -> describe.streamName(name))
              .streamDescriptionSummary()
              .streamStatus()
          != StreamStatus.ACTIVE) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " not ACTIVE within " + ACTIVE_LIMIT);
        }
        Load.pause(Duration.ofMillis(10));
      }
      return name;
    }

    List<String> shards(String stream) {
      List<String> shards =
          kinesis.listShards(list -> list.streamName(stream)).shards().stream()
              .map(Shard::shardId)
              .sorted()
              .toList();
      if (shards.size() != SHARDS) {
        throw new IllegalStateException(stream + " has shards " + shards);
      }
      return shards;
    }

    void deleteStream(String stream) {
      kinesis.deleteStream(delete -> delete.streamName(stream));
    }

    @Override
    public void close() {
      kinesis.close();
      target.close();
    }
  }
}
