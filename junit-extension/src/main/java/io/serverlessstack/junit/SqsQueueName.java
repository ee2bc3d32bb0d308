package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the queue an injected {@link SqsQueueHandle} parameter stands for:
 * {@code @SqsQueueName("orders") SqsQueueHandle orders}. The queue must exist when the parameter is
 * resolved, e.g. declared with {@link SqsQueue}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SqsQueueName {

  /** The queue's name. */
  String value();
}
