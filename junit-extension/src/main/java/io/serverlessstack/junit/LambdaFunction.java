package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Lambda function whose code is a handler class on the test class path, deployed before
 * each test of a {@link ServerlessStack} class (on the class) or before one test (on the test
 * method), before queues' event source mappings and topics' subscriptions need it. The class is
 * built the way Lambda builds it (its public no-argument constructor, on the first invocation) and
 * called with the exact events AWS sends. A test method's declaration replaces the class's
 * declaration of the same name for that test, as long as the stack resets between tests.
 *
 * <pre>{@code
 * @LambdaFunction(name = "order-worker", handler = OrderWorker.class, timeout = 30,
 *     environment = "TABLE_NAME=orders")
 * }</pre>
 *
 * <p>A handler that needs collaborators is a field instead: a {@code JavaFunction} field of the
 * test class (static, or of the test instance) annotated {@code @LambdaFunction} with no attributes
 * is deployed as it is:
 *
 * <pre>{@code
 * @LambdaFunction final JavaFunction worker = JavaFunction.of("order-worker", new OrderWorker(repository));
 * }</pre>
 *
 * <p>Functions are code in the test JVM: they need {@code mode = IN_JVM}; a container cannot run
 * them.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(LambdaFunctions.class)
public @interface LambdaFunction {

  /** The function's name; required on classes and methods, left out on fields. */
  String name() default "";

  /**
   * The handler class: a {@code RequestHandler} or {@code RequestStreamHandler} implementation;
   * required on classes and methods, left out on fields.
   */
  Class<?> handler() default void.class;

  /** Lambda's timeout in seconds, 1 to 900. */
  int timeout() default 3;

  /** The memory the function reports, 128 to 10,240 MB. */
  int memorySize() default 128;

  /** Environment variables as {@code "NAME=value"}, read by the handler with System.getenv. */
  String[] environment() default {};
}
