package io.serverlessstack.junit;

import static io.serverlessstack.junit.FixtureRuns.assertClassFailsToConfigure;
import static io.serverlessstack.junit.FixtureRuns.assertTestFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What {@link RestApi} declarations mean, observed by running the fixtures. */
class RestApiDeclarationTest {

  @Test
  void aDocumentThatIsNotOnTheClassPathIsAConfigurationError() {
    assertClassFailsToConfigure(
        RestApiFixtures.MissingDocument.class,
        "@RestApi(name = \"orders\", openApi = \"classpath:apis/missing.yaml\"): no resource"
            + " apis/missing.yaml on the test class path");
  }

  @Test
  void aDocumentApiGatewayRefusesFailsWithItsOwnMessage() {
    assertClassFailsToConfigure(
        RestApiFixtures.InvalidDocument.class,
        "API Gateway rejected @RestApi(name = \"orders\", openApi ="
            + " \"classpath:apis/broken.yaml\"): BadRequestException: Invalid OpenAPI input.");
  }

  @Test
  void aStageVariableWithoutAValueIsAConfigurationError() {
    assertClassFailsToConfigure(
        RestApiFixtures.MalformedStageVariable.class,
        "@RestApi(name = \"orders\", openApi = \"classpath:apis/orders.yaml\"): a stage"
            + " variable is name=value, not \"table\"");
  }

  @Test
  void aHandleForAnApiThatIsNotDeclaredFailsClearly() {
    assertTestFails(
        RestApiFixtures.HandleForUndeclaredApi.class,
        ParameterResolutionException.class,
        "There is no REST API \"orders\" deployed on the stack; declare it with"
            + " @RestApi(name = \"orders\", openApi = ...)");
  }
}
