package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the stream an injected {@link KinesisStreamHandle} parameter stands for:
 * {@code @KinesisStreamName("clicks") KinesisStreamHandle clicks}. The stream must exist when the
 * parameter is resolved, e.g. declared with {@link KinesisStream}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KinesisStreamName {

  /** The stream's name. */
  String value();
}
