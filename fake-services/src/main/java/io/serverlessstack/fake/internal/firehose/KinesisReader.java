package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceRead;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceRecord;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine.SourceShard;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery stream's reader of its Kinesis source: it starts at the end of every open shard, as
 * Firehose starts reading at {@code LATEST} when the delivery stream is created, reads whenever the
 * stream stores records, and follows resharding into child shards once their parents are read to
 * their end. What it reads enters the delivery stream's buffer with each record's arrival time.
 */
final class KinesisReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisReader.class);
  private static final int READ_LIMIT = 10_000;

  private final FirehoseEngine engine;
  private final DeliveryStream stream;
  private final KinesisEngine kinesis;
  private final KinesisEngine.SourceStream source;

  /** Where each shard is read to; guarded by this. */
  private final Map<String, Long> positions = new HashMap<>();

  /** The shards read to their end; guarded by this. */
  private final Set<String> finished = new HashSet<>();

  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean closed;
  private AutoCloseable listener;

  private KinesisReader(
      FirehoseEngine engine,
      DeliveryStream stream,
      KinesisEngine kinesis,
      KinesisEngine.SourceStream source) {
    this.engine = engine;
    this.stream = stream;
    this.kinesis = kinesis;
    this.source = source;
  }

  /**
   * Starts reading the delivery stream's source at the end of each of its open shards.
   *
   * @throws AwsErrorException {@code InvalidArgumentException} if the stream does not exist
   */
  static KinesisReader start(FirehoseEngine engine, DeliveryStream stream) {
    KinesisEngine kinesis = engine.kinesis();
    KinesisEngine.SourceStream source;
    try {
      source = kinesis.sourceStream(stream.source.streamArn());
    } catch (AwsErrorException missing) {
      throw FirehoseErrors.invalidArgument(
          "Kinesis stream " + stream.source.streamArn() + " does not exist or is not ACTIVE.");
    }
    KinesisReader reader = new KinesisReader(engine, stream, kinesis, source);
    synchronized (reader) {
      for (SourceShard shard : kinesis.sourceShards(source)) {
        if (shard.open()) {
          reader.positions.put(
              shard.shardId(), kinesis.sourcePosition(source, shard.shardId(), "LATEST", null));
        } else {
          reader.finished.add(shard.shardId());
        }
      }
    }
    reader.listener = kinesis.sourceListener(source, reader::wake);
    return reader;
  }

  /** The stream stored records or changed: read, on an engine thread, unless a read is due. */
  private void wake() {
    if (closed || !pending.compareAndSet(false, true)) {
      return;
    }
    engine.async(
        () -> {
          pending.set(false);
          read();
          return CompletableFuture.completedFuture(null);
        });
  }

  private void read() {
    if (closed) {
      return;
    }
    try {
      List<DeliveryStream.BufferedRecord> records = new ArrayList<>();
      synchronized (this) {
        List<SourceShard> shards = kinesis.sourceShards(source);
        boolean progressed = true;
        while (progressed) {
          progressed = false;
          for (SourceShard shard : shards) {
            if (finished.contains(shard.shardId()) || !parentsDone(shard)) {
              continue;
            }
            Long from = positions.get(shard.shardId());
            if (from == null) {
              from = kinesis.sourcePosition(source, shard.shardId(), "TRIM_HORIZON", null);
            }
            while (true) {
              SourceRead read = kinesis.sourceRead(source, shard.shardId(), from, READ_LIMIT);
              for (SourceRecord record : read.records()) {
                records.add(
                    new DeliveryStream.BufferedRecord(
                        FirehoseEngine.recordId(),
                        record.data(),
                        record.arrival(),
                        new DeliveryStream.KinesisOrigin(
                            shard.shardId(),
                            record.partitionKey(),
                            record.sequenceNumber(),
                            record.arrival())));
              }
              from = read.next();
              if (read.endOfShard()) {
                finished.add(shard.shardId());
                positions.remove(shard.shardId());
                progressed = true;
                break;
              }
              positions.put(shard.shardId(), from);
              if (read.records().isEmpty()) {
                break;
              }
            }
          }
        }
      }
      if (!records.isEmpty()) {
        engine.accept(stream, records, stream.source.streamArn());
      }
    } catch (AwsErrorException gone) {
      LOG.debug("Delivery stream {} stops reading {}: {}", stream.name, source, gone.getMessage());
      close();
    }
  }

  /** Whether the shard's parents, if the reader follows them, were read to their end. */
  private boolean parentsDone(SourceShard shard) {
    return parentDone(shard.parentShardId()) && parentDone(shard.adjacentParentShardId());
  }

  private boolean parentDone(String parent) {
    return parent == null || !positions.containsKey(parent) || finished.contains(parent);
  }

  @Override
  public void close() {
    closed = true;
    AutoCloseable listening = listener;
    listener = null;
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception e) {
        LOG.debug("Removing a Kinesis listener failed", e);
      }
    }
  }
}
