package io.serverlessstack.api;

/**
 * What the Kinesis Data Streams service records in the journal: its {@linkplain
 * JournalEvent#service() service} name, the {@linkplain JournalEvent#type() types} of its events
 * and the names of their {@linkplain JournalEvent#details() details}. The stack writes its events
 * with these constants and the assertions read them with the same ones.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the stream it happened
 * on, and its ARN the stream's ARN.
 */
public final class KinesisEvents {

  /** The service name of every Kinesis event. */
  public static final String SERVICE = "kinesis";

  // ---- streams and shards

  /** A stream was created. Details: {@link Details#SHARD_COUNT}, {@link Details#STREAM_MODE}. */
  public static final String STREAM_CREATED = "StreamCreated";

  /** A stream was deleted. */
  public static final String STREAM_DELETED = "StreamDeleted";

  /**
   * A reshard closed shards and opened others. Details: {@link Details#OPERATION} (SplitShard,
   * MergeShards, UpdateShardCount), {@link Details#CLOSED_SHARDS} and {@link
   * Details#OPENED_SHARDS}, comma-separated.
   */
  public static final String STREAM_RESHARDED = "StreamResharded";

  // ---- records

  /**
   * PutRecord or PutRecords stored a record. Details: {@link Details#SHARD_ID}, {@link
   * Details#SEQUENCE_NUMBER}, {@link Details#PARTITION_KEY}, {@link Details#SIZE} and {@link
   * Details#DATA}.
   */
  public static final String RECORD_PUT = "RecordPut";

  /**
   * A put was refused for exceeding its shard's write throughput. Details: {@link
   * Details#SHARD_ID}, {@link Details#PARTITION_KEY}.
   */
  public static final String PUT_THROTTLED = "PutThrottled";

  /**
   * GetRecords or a SubscribeToShard event returned records of a shard. Details: {@link
   * Details#SHARD_ID}, {@link Details#RECORD_COUNT}, {@link Details#FIRST_SEQUENCE_NUMBER}, {@link
   * Details#LAST_SEQUENCE_NUMBER}, {@link Details#CONSUMER} (the consumer's name for enhanced
   * fan-out, else empty).
   */
  public static final String RECORDS_READ = "RecordsRead";

  /**
   * A read was refused for exceeding its shard's read throughput. Details: {@link
   * Details#SHARD_ID}.
   */
  public static final String READ_THROTTLED = "ReadThrottled";

  /** The names of the details of Kinesis events. */
  public static final class Details {
    public static final String SHARD_COUNT = "shardCount";
    public static final String STREAM_MODE = "streamMode";
    public static final String OPERATION = "operation";
    public static final String CLOSED_SHARDS = "closedShards";
    public static final String OPENED_SHARDS = "openedShards";
    public static final String SHARD_ID = "shardId";
    public static final String SEQUENCE_NUMBER = "sequenceNumber";
    public static final String PARTITION_KEY = "partitionKey";

    /** The record's data size in bytes. */
    public static final String SIZE = "size";

    /** The record's data as UTF-8 text when it is valid UTF-8, else in base64. */
    public static final String DATA = "data";

    public static final String RECORD_COUNT = "recordCount";
    public static final String FIRST_SEQUENCE_NUMBER = "firstSequenceNumber";
    public static final String LAST_SEQUENCE_NUMBER = "lastSequenceNumber";
    public static final String CONSUMER = "consumer";

    private Details() {}
  }

  private KinesisEvents() {}
}
