package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Step Functions state machine that exists before each test of a {@link ServerlessStack}
 * class (on the class) or before one test (on the test method), from an Amazon States Language
 * definition file. A test method's declaration replaces the class's declaration of the same name
 * for that test, as long as the stack resets between tests. State machines are created with a real
 * SDK {@code SfnClient} against the stack, so an invalid definition fails the test with Step
 * Functions' own diagnostics. Needs the AWS SDK's {@code sfn} module on the test class path.
 *
 * <pre>{@code
 * @StateMachine(name = "orders", definition = "classpath:workflows/orders.asl.json",
 *     substitutions = "PaymentFunctionArn=arn:aws:lambda:us-east-1:000000000000:function:pay")
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(StateMachines.class)
public @interface StateMachine {

  /** The state machine's name. */
  String name();

  /**
   * Where the definition is: {@code classpath:path/in/resources.json}, or a file path (relative
   * paths from the working directory, the module's directory under Maven and Gradle).
   */
  String definition();

  /** Whether it is an {@code EXPRESS} state machine rather than a {@code STANDARD} one. */
  boolean express() default false;

  /**
   * Replacements for {@code ${Name}} placeholders in the definition, as CloudFormation's {@code
   * DefinitionSubstitutions} does: each {@code Name=value}.
   */
  String[] substitutions() default {};

  /** The execution role's ARN; any ARN does, as the stack does not check IAM. */
  String roleArn() default "arn:aws:iam::000000000000:role/serverless-stack-states";
}
