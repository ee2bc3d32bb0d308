package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the function an injected {@link LambdaFunctionHandle} parameter stands for:
 * {@code @LambdaFunctionName("worker") LambdaFunctionHandle worker}. The function must exist when
 * the parameter is resolved, e.g. declared with {@link LambdaFunction}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LambdaFunctionName {

  /** The function's name. */
  String value();
}
