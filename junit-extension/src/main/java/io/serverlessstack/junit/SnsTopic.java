package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an SNS topic, with its subscriptions, that exists before each test of a {@link
 * ServerlessStack} class (on the class) or before one test (on the test method). A test method's
 * declaration replaces the class's declaration of the same name for that test, as long as the stack
 * resets between tests. Topics are created with a real SDK {@code SnsClient} against the stack,
 * after the {@link SqsQueue}s, so a subscription can name a declared queue. Settings left at their
 * defaults are AWS's defaults. Needs the AWS SDK's {@code sns} module on the test class path.
 *
 * <pre>{@code
 * @SqsQueue(name = "billing")
 * @SqsQueue(name = "audit")
 * @SnsTopic(
 *     name = "orders",
 *     subscriptions = {
 *       @SnsSubscription(endpoint = "billing"),
 *       @SnsSubscription(
 *           endpoint = "audit",
 *           rawMessageDelivery = true,
 *           filterPolicy = "{\"store\": [\"example_corp\"]}")
 *     })
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(SnsTopics.class)
public @interface SnsTopic {

  /** The topic's name; a FIFO topic's name ends in {@code .fifo}. */
  String name();

  /**
   * Whether it is a FIFO topic. A name ending in {@code .fifo} makes it one anyway; {@code true}
   * with any other name is a configuration error.
   */
  boolean fifo() default false;

  /** FIFO only: deduplicate by a hash of the message when a publish carries no deduplication id. */
  boolean contentBasedDeduplication() default false;

  /**
   * Any other topic attributes as {@code "Name=Value"}, e.g. {@code "DisplayName=Orders"}; applied
   * after the settings above.
   */
  String[] attributes() default {};

  /** The topic's subscriptions, made in this order once the topic exists. */
  SnsSubscription[] subscriptions() default {};
}
