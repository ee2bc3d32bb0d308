package io.serverlessstack.junit;

import io.serverlessstack.fake.JavaFunction;
import org.junit.jupiter.api.Test;

/**
 * Test classes that {@link LambdaFunctionDeclarationTest} runs with the engine test kit, each
 * showing one behaviour of {@link LambdaFunction} declarations. Not run on their own: the name
 * matches no test-class pattern.
 */
final class LambdaFunctionFixtures {

  private LambdaFunctionFixtures() {}

  @ServerlessStack
  @LambdaFunction(name = "worker")
  static class NoHandler {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @LambdaFunction(name = "worker", handler = Object.class, environment = "TABLE")
  static class MalformedEnvironment {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class FieldOfAnotherType {
    @LambdaFunction final String worker = "worker";

    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class FieldWithAttributes {
    @LambdaFunction(name = "worker")
    final JavaFunction worker = JavaFunction.ofFunction("worker", String.class, String::length);

    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class HandleForUndeclaredFunction {
    @Test
    void neverRuns(@LambdaFunctionName("worker") LambdaFunctionHandle worker) {}
  }

  @ServerlessStack(services = "sqs")
  @LambdaFunction(name = "worker", handler = Object.class)
  static class StackWithoutLambda {
    @Test
    void neverRuns() {}
  }
}
