package io.serverlessstack.junit;

import static io.serverlessstack.junit.FixtureRuns.assertClassFailsToConfigure;
import static io.serverlessstack.junit.FixtureRuns.assertTestFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What {@link StateMachine} declarations mean, observed by running the fixtures. */
class StateMachineDeclarationTest {

  @Test
  void aDefinitionThatIsNotOnTheClassPathIsAConfigurationError() {
    assertClassFailsToConfigure(
        StateMachineFixtures.MissingResource.class,
        "@StateMachine(name = \"orders\", definition = \"classpath:sfn/missing.asl.json\"): no"
            + " resource sfn/missing.asl.json on the test class path");
  }

  @Test
  void aDefinitionFileThatDoesNotExistIsAConfigurationError() {
    assertClassFailsToConfigure(
        StateMachineFixtures.MissingFile.class,
        "@StateMachine(name = \"orders\", definition = \"no/such/file.json\"): no file ");
  }

  @Test
  void anInvalidDefinitionFailsWithStepFunctionsOwnDiagnostics() {
    assertClassFailsToConfigure(
        StateMachineFixtures.InvalidDefinition.class,
        "Step Functions rejected @StateMachine(name = \"orders\", definition ="
            + " \"classpath:sfn/broken.asl.json\"): InvalidDefinition: Invalid State Machine"
            + " Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at"
            + " /StartAt");
  }

  @Test
  void aSubstitutionWithoutAValueIsAConfigurationError() {
    assertClassFailsToConfigure(
        StateMachineFixtures.MalformedSubstitution.class,
        "@StateMachine(name = \"orders\"): a substitution is Name=value, not \"Carrier\"");
  }

  @Test
  void aHandleForAStateMachineThatDoesNotExistFailsClearly() {
    assertTestFails(
        StateMachineFixtures.HandleForUndeclaredStateMachine.class,
        ParameterResolutionException.class,
        "There is no state machine \"orders\" on the stack; declare it with"
            + " @StateMachine(name = \"orders\", definition = ...)");
  }
}
