package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the topic an injected {@link SnsTopicHandle} parameter stands for:
 * {@code @SnsTopicName("orders") SnsTopicHandle orders}. The topic must exist when the parameter is
 * resolved, e.g. declared with {@link SnsTopic}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SnsTopicName {

  /** The topic's name. */
  String value();
}
