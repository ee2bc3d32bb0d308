package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Kinesis data stream that exists before each test of a {@link ServerlessStack} class
 * (on the class) or before one test (on the test method). A test method's declaration replaces the
 * class's declaration of the same name for that test, as long as the stack resets between tests.
 * Streams are created with a real SDK {@code KinesisClient} against the stack, and are {@code
 * ACTIVE} at once. Needs the AWS SDK's {@code kinesis} module on the test class path.
 *
 * <pre>{@code
 * @KinesisStream(name = "clicks", shards = 2)
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(KinesisStreams.class)
public @interface KinesisStream {

  /** The stream's name. */
  String name();

  /** The number of shards of a provisioned stream, which split the hash key space evenly. */
  int shards() default 1;

  /** Whether the stream is in {@code ON_DEMAND} mode (four shards) rather than provisioned. */
  boolean onDemand() default false;
}
