package io.serverlessstack.junit;

import org.junit.jupiter.api.Test;

/**
 * Test classes that {@link StateMachineDeclarationTest} runs with the engine test kit, each showing
 * one behaviour of {@link StateMachine} declarations. Not run on their own: the name matches no
 * test-class pattern.
 */
final class StateMachineFixtures {

  private StateMachineFixtures() {}

  @ServerlessStack
  @StateMachine(name = "orders", definition = "classpath:sfn/missing.asl.json")
  static class MissingResource {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @StateMachine(name = "orders", definition = "no/such/file.json")
  static class MissingFile {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @StateMachine(name = "orders", definition = "classpath:sfn/broken.asl.json")
  static class InvalidDefinition {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @StateMachine(
      name = "orders",
      definition = "classpath:sfn/orders.asl.json",
      substitutions = "Carrier")
  static class MalformedSubstitution {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class HandleForUndeclaredStateMachine {
    @Test
    void neverRuns(@StateMachineName("orders") StateMachineHandle orders) {}
  }
}
