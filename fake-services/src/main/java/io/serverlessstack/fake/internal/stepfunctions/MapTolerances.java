package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlow;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataBindings;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataExpressions;
import io.serverlessstack.fake.internal.stepfunctions.asl.PathRoots;
import io.serverlessstack.fake.internal.stepfunctions.asl.State;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;

/**
 * A distributed Map's ToleratedFailureCount and ToleratedFailurePercentage: a number, a JSONata
 * expression, or the value their {@code ...Path} names, checked with AWS's messages (LocalStack's
 * AWS snapshots of {@code test_map_state_tolerated_failure_*}).
 */
final class MapTolerances {

  private MapTolerances() {}

  /** The tolerated failure count, or {@code null} when the state sets none. */
  static Long count(
      State.MapState map, JsonNode effective, PathRoots roots, JsonataBindings bindings) {
    JsonNode value =
        value(
            map.toleratedFailureCount(),
            map.toleratedFailureCountPath(),
            effective,
            roots,
            bindings,
            "ToleratedFailureCount");
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw StatesError.inState(
          StatesError.RUNTIME,
          "The ToleratedFailureCountPath field refers to value \""
              + text(value)
              + "\" which is not a valid integer: "
              + map.toleratedFailureCountPath());
    }
    if (value.asLong() < 0) {
      throw StatesError.inState(StatesError.RUNTIME, "ToleratedFailureCount cannot be negative.");
    }
    return value.asLong();
  }

  /** The tolerated failure percentage, or {@code null} when the state sets none. */
  static Float percentage(
      State.MapState map, JsonNode effective, PathRoots roots, JsonataBindings bindings) {
    JsonNode value =
        value(
            map.toleratedFailurePercentage(),
            map.toleratedFailurePercentagePath(),
            effective,
            roots,
            bindings,
            "ToleratedFailurePercentage");
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw StatesError.inState(
          StatesError.RUNTIME,
          "The ToleratedFailurePercentagePath field refers to value \""
              + text(value)
              + "\" which is not a valid float: "
              + map.toleratedFailurePercentagePath());
    }
    if (value.asDouble() < 0 || value.asDouble() > 100) {
      throw StatesError.inState(
          StatesError.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
    }
    return (float) value.asDouble();
  }

  private static JsonNode value(
      JsonNode literal,
      String path,
      JsonNode effective,
      PathRoots roots,
      JsonataBindings bindings,
      String field) {
    if (literal != null) {
      return bindings != null && JsonataExpressions.isExpression(literal)
          ? JsonataExpressions.evaluate(literal, bindings, field)
          : literal;
    }
    return path == null ? null : JsonPathDataFlow.select(effective, path, roots);
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : Payloads.text(value);
  }
}
