package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an SQS queue that exists before each test of a {@link ServerlessStack} class (on the
 * class) or before one test (on the test method). A test method's declaration replaces the class's
 * declaration of the same name for that test, as long as the stack resets between tests. Queues are
 * created with a real SDK client against the stack, dead-letter queues before the queues that name
 * them. Settings left at their defaults are AWS's defaults.
 *
 * <pre>{@code
 * @SqsQueue(name = "orders-dlq.fifo")
 * @SqsQueue(name = "orders.fifo", deadLetterQueue = "orders-dlq.fifo", maxReceiveCount = 3)
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(SqsQueues.class)
public @interface SqsQueue {

  /** The queue's name; a FIFO queue's name ends in {@code .fifo}. */
  String name();

  /**
   * Whether it is a FIFO queue. A name ending in {@code .fifo} makes it one anyway; {@code true}
   * with any other name is a configuration error.
   */
  boolean fifo() default false;

  /** FIFO only: deduplicate by a hash of the body when a send carries no deduplication id. */
  boolean contentBasedDeduplication() default false;

  /**
   * The name of another declared queue that receives this queue's poison messages; none if empty.
   */
  String deadLetterQueue() default "";

  /** With {@link #deadLetterQueue()}: the receives after which a message moves there. */
  int maxReceiveCount() default 3;

  /** Seconds a received message stays hidden; negative for AWS's default (30). */
  int visibilityTimeout() default -1;

  /** Seconds each new message waits before it can be received; negative for AWS's default (0). */
  int delaySeconds() default -1;

  /**
   * Seconds a receive waits for a message unless it says otherwise; negative for the default (0).
   */
  int receiveWaitTimeSeconds() default -1;

  /**
   * Any other queue attributes as {@code "Name=Value"}, e.g. {@code "MessageRetentionPeriod=60"};
   * applied after the settings above.
   */
  String[] attributes() default {};
}
