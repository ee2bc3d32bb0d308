package io.serverlessstack.junit;

import static io.serverlessstack.junit.FixtureRuns.assertClassFailsToConfigure;

import org.junit.jupiter.api.Test;

/** What a wrong {@link StepFunctionsMocks} does, observed by running the fixtures. */
class StepFunctionsMocksDeclarationTest {

  @Test
  void aConfigurationThatIsNotOnTheClassPathIsAConfigurationError() {
    assertClassFailsToConfigure(
        StepFunctionsMocksFixtures.MissingResource.class,
        "@StepFunctionsMocks(\"classpath:sfn/NoSuchMockConfigFile.json\"): no such resource on the"
            + " class path");
  }

  @Test
  void aFileThatDoesNotExistIsAConfigurationError() {
    assertClassFailsToConfigure(
        StepFunctionsMocksFixtures.MissingFile.class,
        "@StepFunctionsMocks(\"no/such/MockConfigFile.json\"): no such file");
  }

  @Test
  void aMalformedConfigurationFailsSayingWhereItIsWrong() {
    assertClassFailsToConfigure(
        StepFunctionsMocksFixtures.MalformedFile.class,
        "@StepFunctionsMocks(\"classpath:sfn/BrokenMockConfigFile.json\"): the stack refused it:"
            + " {\"error\":\"Invalid Step Functions mock configuration: at"
            + " /MockedResponses/R/zero: an invocation key");
  }

  @Test
  void aStackWithoutStepFunctionsCannotTakeMocks() {
    assertClassFailsToConfigure(
        StepFunctionsMocksFixtures.StackWithoutStepFunctions.class,
        "The stack does not run Step Functions");
  }
}
