package io.serverlessstack.api;

/**
 * What the S3 service records in the journal: its {@linkplain JournalEvent#service() service} name,
 * the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}. The stack writes its events with these constants and the
 * assertions read them with the same ones.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the bucket it happened
 * in, and its ARN the bucket's ({@code arn:aws:s3:::name}).
 */
public final class S3Events {

  /** The service name of every S3 event. */
  public static final String SERVICE = "s3";

  /** A bucket was created. Details: {@link Details#REGION}. */
  public static final String BUCKET_CREATED = "BucketCreated";

  /** A bucket was deleted. */
  public static final String BUCKET_DELETED = "BucketDeleted";

  /**
   * An object was written (put or copied), replacing any of its key. Details: {@link Details#KEY},
   * {@link Details#SIZE}, {@link Details#ETAG} and {@link Details#CONTENT_TYPE}.
   */
  public static final String OBJECT_PUT = "ObjectPut";

  /** An object was deleted. Details: {@link Details#KEY}. */
  public static final String OBJECT_DELETED = "ObjectDeleted";

  private S3Events() {}

  /** The names of S3 events' details. */
  public static final class Details {

    /** The region of the bucket. */
    public static final String REGION = "region";

    /** The object's key. */
    public static final String KEY = "key";

    /** The object's size in bytes. */
    public static final String SIZE = "size";

    /** The object's ETag, quoted as S3 answers it. */
    public static final String ETAG = "etag";

    /** The object's content type. */
    public static final String CONTENT_TYPE = "contentType";

    private Details() {}
  }
}
