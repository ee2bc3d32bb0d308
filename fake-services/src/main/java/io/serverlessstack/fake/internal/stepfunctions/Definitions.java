package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import io.serverlessstack.fake.internal.stepfunctions.asl.DefinitionValidator;
import io.serverlessstack.fake.internal.stepfunctions.asl.Diagnostic;
import java.util.List;

/** A definition's text, checked as CreateStateMachine checks it, then parsed. */
final class Definitions {

  private Definitions() {}

  /**
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code InvalidDefinition}
   *     with AWS's diagnostics
   */
  static Definition parse(String text) {
    List<Diagnostic> diagnostics = DefinitionValidator.validate(text);
    if (!DefinitionValidator.isValid(diagnostics)) {
      throw StepFunctionsErrors.invalidDefinition(
          DefinitionValidator.invalidDefinitionMessage(diagnostics));
    }
    try {
      return Definition.parse(Payloads.parse(text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw StepFunctionsErrors.invalidDefinition(
          "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: " + e.getMessage() + "'");
    }
  }
}
