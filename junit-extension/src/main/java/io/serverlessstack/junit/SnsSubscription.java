package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One subscription of a declared {@link SnsTopic}, written inside it: {@code @SnsTopic(name =
 * "orders", subscriptions = @SnsSubscription(endpoint = "billing"))}. It is made with {@code
 * Subscribe}, with the attributes its settings stand for; settings left at their defaults are AWS's
 * defaults. HTTP(S) and email subscriptions stay pending confirmation, as in AWS; the confirmation
 * token is on the topic's {@link io.serverlessstack.api.SubscriptionView}.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SnsSubscription {

  /** {@code sqs} (the default), {@code http}, {@code https}, {@code lambda}, {@code email}, … */
  String protocol() default "sqs";

  /**
   * Where it delivers. For {@code sqs}: the name of a queue on the stack (a declared {@link
   * SqsQueue}, say), which becomes its ARN, or a queue ARN. For other protocols: the endpoint as
   * SNS takes it (a URL, a function ARN, an address).
   */
  String endpoint();

  /** Deliver the bare message instead of SNS's JSON envelope ({@code RawMessageDelivery}). */
  boolean rawMessageDelivery() default false;

  /** A filter policy (JSON); none if empty. */
  String filterPolicy() default "";

  /**
   * What {@link #filterPolicy()} matches: {@code MessageAttributes} (the default) or {@code
   * MessageBody}.
   */
  String filterPolicyScope() default "MessageAttributes";

  /**
   * The SQS queue (a name of a queue on the stack, or a queue ARN) that receives what cannot be
   * delivered ({@code RedrivePolicy}); none if empty.
   */
  String deadLetterQueue() default "";

  /**
   * Any other subscription attributes as {@code "Name=Value"}, e.g. {@code "DeliveryPolicy={...}"};
   * applied after the settings above.
   */
  String[] attributes() default {};
}
