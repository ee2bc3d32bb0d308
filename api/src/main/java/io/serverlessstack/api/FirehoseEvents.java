package io.serverlessstack.api;

/**
 * What the Amazon Data Firehose service records in the journal: its {@linkplain
 * JournalEvent#service() service} name, the {@linkplain JournalEvent#type() types} of its events
 * and the names of their {@linkplain JournalEvent#details() details}. The stack writes its events
 * with these constants and the assertions read them with the same ones.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the delivery stream it
 * happened on, and its ARN the delivery stream's ARN.
 */
public final class FirehoseEvents {

  /** The service name of every Firehose event. */
  public static final String SERVICE = "firehose";

  // ---- delivery streams

  /**
   * A delivery stream was created. Details: {@link Details#STREAM_TYPE}, {@link
   * Details#DESTINATION} and, for a Kinesis source, {@link Details#SOURCE}.
   */
  public static final String DELIVERY_STREAM_CREATED = "DeliveryStreamCreated";

  /** A delivery stream was deleted; the records it still buffered were dropped. */
  public static final String DELIVERY_STREAM_DELETED = "DeliveryStreamDeleted";

  /**
   * UpdateDestination changed the destination. Details: {@link Details#DESTINATION}, {@link
   * Details#VERSION_ID} (the new version).
   */
  public static final String DESTINATION_UPDATED = "DestinationUpdated";

  // ---- records

  /**
   * A record entered the delivery stream's buffer: put with PutRecord or PutRecordBatch, or read
   * from its Kinesis source. Details: {@link Details#RECORD_ID}, {@link Details#SIZE}, {@link
   * Details#DATA} and {@link Details#SOURCE} ({@code DirectPut} or the source stream's ARN).
   */
  public static final String RECORD_PUT = "RecordPut";

  /**
   * The delivery stream's Lambda function transformed a batch. Details: {@link Details#LAMBDA_ARN},
   * {@link Details#REQUEST_ID}, {@link Details#RECORD_COUNT} and the counts of each result: {@link
   * Details#OK_COUNT}, {@link Details#DROPPED_COUNT}, {@link Details#FAILED_COUNT}.
   */
  public static final String RECORDS_TRANSFORMED = "RecordsTransformed";

  /**
   * The Lambda function could not transform a batch (it failed, timed out, is missing or answered
   * what Firehose cannot read): every record of it failed processing. Details: {@link
   * Details#LAMBDA_ARN}, {@link Details#RECORD_COUNT}, {@link Details#ATTEMPTS}, {@link
   * Details#ERROR_CODE} and {@link Details#REASON}.
   */
  public static final String TRANSFORMATION_FAILED = "TransformationFailed";

  // ---- deliveries

  /**
   * Firehose wrote an object to S3. Details: {@link Details#OUTPUT} (what the object holds: {@code
   * destination}, {@code backup}, {@code processing-failed} or {@code http-endpoint-failed}),
   * {@link Details#BUCKET}, {@link Details#KEY}, {@link Details#RECORD_COUNT}, {@link Details#SIZE}
   * (the object's bytes) and {@link Details#DATA} (its records, uncompressed, as UTF-8 text when
   * they are, else base64, cut to a journal's measure).
   */
  public static final String OBJECT_WRITTEN = "ObjectWritten";

  /**
   * An HTTP endpoint acknowledged a request: answered 200 with its request id. Details: {@link
   * Details#URL}, {@link Details#REQUEST_ID}, {@link Details#STATUS}, {@link Details#ATTEMPTS},
   * {@link Details#RECORD_COUNT} and {@link Details#DATA} (the records, one per line, as {@link
   * #OBJECT_WRITTEN}'s).
   */
  public static final String RECORDS_POSTED = "RecordsPosted";

  /**
   * A delivery attempt failed and will be tried again on the stack's clock. Details: {@link
   * Details#DESTINATION}, {@link Details#ATTEMPTS}, {@link Details#ERROR_CODE}, {@link
   * Details#REASON} and, for an HTTP endpoint, {@link Details#REQUEST_ID}.
   */
  public static final String DELIVERY_RETRIED = "DeliveryRetried";

  /**
   * A batch could not be delivered within its retry duration: its records go to the S3 backup (an
   * HTTP endpoint's) or are dropped (S3 after 24 hours). Details: {@link Details#DESTINATION},
   * {@link Details#RECORD_COUNT}, {@link Details#ATTEMPTS}, {@link Details#ERROR_CODE} and {@link
   * Details#REASON}.
   */
  public static final String DELIVERY_FAILED = "DeliveryFailed";

  /** The names of the details of Firehose events. */
  public static final class Details {

    /** {@code DirectPut} or {@code KinesisStreamAsSource}. */
    public static final String STREAM_TYPE = "streamType";

    /** The destination's kind: {@code S3} or {@code HttpEndpoint}. */
    public static final String DESTINATION = "destination";

    /** {@code DirectPut}, or the ARN of the Kinesis stream the records come from. */
    public static final String SOURCE = "source";

    public static final String VERSION_ID = "versionId";
    public static final String RECORD_ID = "recordId";

    /** A size in bytes. */
    public static final String SIZE = "size";

    /**
     * Record data as UTF-8 text when it is valid UTF-8, else base64; cut to a journal's measure.
     */
    public static final String DATA = "data";

    public static final String LAMBDA_ARN = "lambdaArn";
    public static final String REQUEST_ID = "requestId";
    public static final String RECORD_COUNT = "recordCount";
    public static final String OK_COUNT = "okCount";
    public static final String DROPPED_COUNT = "droppedCount";
    public static final String FAILED_COUNT = "failedCount";
    public static final String OUTPUT = "output";
    public static final String BUCKET = "bucket";
    public static final String KEY = "key";
    public static final String URL = "url";

    /** An HTTP status code. */
    public static final String STATUS = "status";

    public static final String ATTEMPTS = "attempts";

    /** Firehose's error code, as its error records carry it ({@code Lambda.FunctionError}). */
    public static final String ERROR_CODE = "errorCode";

    public static final String REASON = "reason";

    private Details() {}
  }

  /** The values of {@link Details#OUTPUT}. */
  public static final class Outputs {

    /** The records delivered to an S3 destination. */
    public static final String DESTINATION = "destination";

    /** A copy of the records: an S3 destination's source backup, or an HTTP endpoint's AllData. */
    public static final String BACKUP = "backup";

    /** Records the Lambda function failed to process, as Firehose's error records. */
    public static final String PROCESSING_FAILED = "processing-failed";

    /** Records an HTTP endpoint did not acknowledge, as Firehose's error records. */
    public static final String HTTP_ENDPOINT_FAILED = "http-endpoint-failed";

    private Outputs() {}
  }

  private FirehoseEvents() {}
}
