package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the delivery stream an injected {@link DeliveryStreamHandle} parameter stands for:
 * {@code @DeliveryStreamName("clicks-archive") DeliveryStreamHandle archive}. The stream must exist
 * when the parameter is resolved, e.g. declared with {@link DeliveryStream}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DeliveryStreamName {

  /** The delivery stream's name. */
  String value();
}
