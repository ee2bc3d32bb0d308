package io.serverlessstack.junit;

import static io.serverlessstack.junit.FixtureRuns.assertClassFailsToConfigure;
import static io.serverlessstack.junit.FixtureRuns.assertTestFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What {@link LambdaFunction} declarations mean, observed by running the fixtures. */
class LambdaFunctionDeclarationTest {

  @Test
  void aClassDeclarationWithoutAHandlerIsAConfigurationError() {
    assertClassFailsToConfigure(
        LambdaFunctionFixtures.NoHandler.class,
        "@LambdaFunction on a class or method needs a name and a handler class");
  }

  @Test
  void anEnvironmentEntryWithoutAValueIsAConfigurationError() {
    assertClassFailsToConfigure(
        LambdaFunctionFixtures.MalformedEnvironment.class,
        "@LambdaFunction(name = \"worker\"): environment entries are NAME=value, not TABLE");
  }

  @Test
  void anAnnotatedFieldMustHoldAJavaFunctionAndNothingElse() {
    assertTestFails(
        LambdaFunctionFixtures.FieldOfAnotherType.class,
        ExtensionConfigurationException.class,
        "@LambdaFunction on field FieldOfAnotherType.worker needs a field of type JavaFunction");
    assertTestFails(
        LambdaFunctionFixtures.FieldWithAttributes.class,
        ExtensionConfigurationException.class,
        "@LambdaFunction on field FieldWithAttributes.worker takes no attributes");
  }

  @Test
  void aHandleForAFunctionThatDoesNotExistFailsClearly() {
    assertTestFails(
        LambdaFunctionFixtures.HandleForUndeclaredFunction.class,
        ParameterResolutionException.class,
        "There is no function \"worker\" on the stack; declare it with @LambdaFunction(name ="
            + " \"worker\", handler = ...)");
  }

  @Test
  void aStackWithoutLambdaRefusesFunctions() {
    assertClassFailsToConfigure(
        LambdaFunctionFixtures.StackWithoutLambda.class,
        "Function worker needs Lambda, which this stack does not run");
  }
}
