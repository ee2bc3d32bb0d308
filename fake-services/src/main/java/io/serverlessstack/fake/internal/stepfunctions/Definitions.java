package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;

/** A definition's text, checked as CreateStateMachine checks it, then parsed. */
final class Definitions {

  private Definitions() {}

  /**
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code InvalidDefinition}
   *     with AWS's diagnostics
   */
  static Definition parse(String text) {
    JsonNode json;
    try {
      json = Payloads.parse(text);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidDefinition(
          "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
              + e.getOriginalMessage()
              + "'");
    }
    try {
      return Definition.parse(json);
    } catch (RuntimeException e) {
      throw StepFunctionsErrors.invalidDefinition(
          "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: " + e.getMessage() + "'");
    }
  }
}
