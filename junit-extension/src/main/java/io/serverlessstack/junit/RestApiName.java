package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the REST API an injected {@link RestApiHandle} or {@link java.net.URI} parameter stands
 * for: {@code @RestApiName("orders") RestApiHandle orders}, or {@code @RestApiName("orders") URI
 * orders} for its stage's invoke URL. The API must be declared with {@link RestApi}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RestApiName {

  /** The API's name. */
  String value();
}
