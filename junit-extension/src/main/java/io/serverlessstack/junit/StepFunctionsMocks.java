package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Step Functions mock configuration of a {@link ServerlessStack} class's stack, in AWS Step
 * Functions Local's format ({@code MockConfigFile.json}), so that a team's existing mock files work
 * unchanged: an execution started on {@code <stateMachineArn>#<TestCaseName>} has the Task states
 * that test case names answered by their mocked responses ({@code Return} or {@code Throw}, per
 * invocation), and every other state run for real. The same in the JVM and in a container.
 *
 * <pre>{@code
 * @ServerlessStack
 * @StepFunctionsMocks("classpath:sfn/MockConfigFile.json")
 * class OrderWorkflowTest {
 *   @Test
 *   void retriesAThrottledCharge(SfnClient sfn) {
 *     sfn.startExecution(b -> b.stateMachineArn(ordersArn + "#RetryPath"));
 *   }
 * }
 * }</pre>
 *
 * <p>It applies before each test of the class; a nested class's replaces its enclosing class's for
 * the nested class's tests. A stack has one configuration, so when one class names several, the
 * last one applies. A stack reset keeps it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(StepFunctionsMocksList.class)
public @interface StepFunctionsMocks {

  /**
   * Where the configuration is: {@code classpath:path/in/resources.json}, or a file path (relative
   * to the working directory, usually the module's).
   */
  String value();
}
