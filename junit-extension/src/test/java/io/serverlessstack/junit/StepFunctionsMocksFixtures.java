package io.serverlessstack.junit;

import org.junit.jupiter.api.Test;

/**
 * Test classes that {@link StepFunctionsMocksDeclarationTest} runs with the engine test kit, each
 * showing one behaviour of {@link StepFunctionsMocks}. Not run on their own: the name matches no
 * test-class pattern.
 */
final class StepFunctionsMocksFixtures {

  private StepFunctionsMocksFixtures() {}

  @ServerlessStack
  @StepFunctionsMocks("classpath:sfn/NoSuchMockConfigFile.json")
  static class MissingResource {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @StepFunctionsMocks("no/such/MockConfigFile.json")
  static class MissingFile {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @StepFunctionsMocks("classpath:sfn/BrokenMockConfigFile.json")
  static class MalformedFile {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack(services = "sqs")
  @StepFunctionsMocks("classpath:sfn/MockConfigFile.json")
  static class StackWithoutStepFunctions {
    @Test
    void neverRuns() {}
  }
}
