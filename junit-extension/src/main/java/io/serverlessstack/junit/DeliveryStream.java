package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Firehose delivery stream to S3 that exists before each test of a {@link
 * ServerlessStack} class (on the class) or before one test (on the test method), with the bucket it
 * writes to (created if missing). A test method's declaration replaces the class's declaration of
 * the same name for that test, as long as the stack resets between tests. Streams are created with
 * real SDK clients against the stack, after the {@link KinesisStream}s, so a delivery stream can
 * read a declared Kinesis stream. Needs the AWS SDK's {@code firehose} and {@code s3} modules on
 * the test class path.
 *
 * <pre>{@code
 * @KinesisStream(name = "clicks", shards = 2)
 * @DeliveryStream(name = "clicks-archive", source = "clicks", bucket = "archive", prefix = "clicks/")
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(DeliveryStreams.class)
public @interface DeliveryStream {

  /** The delivery stream's name. */
  String name();

  /** The S3 bucket it writes to; created if the stack has none of that name. */
  String bucket();

  /** What the keys of its objects start with, before Firehose's {@code yyyy/MM/dd/HH/}. */
  String prefix() default "";

  /** How long it buffers records before writing them, in seconds of the stack's clock (60–900). */
  int bufferIntervalSeconds() default 300;

  /** How much it buffers before writing, in MiB (1–128). */
  int bufferSizeMiB() default 5;

  /** Whether objects are written with GZIP. */
  boolean gzip() default false;

  /**
   * The declared Kinesis stream it reads ({@code KinesisStreamAsSource}), or empty for a stream
   * that takes PutRecord ({@code DirectPut}).
   */
  String source() default "";
}
