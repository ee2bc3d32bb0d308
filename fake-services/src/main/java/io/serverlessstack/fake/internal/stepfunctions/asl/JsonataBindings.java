package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a JSONata expression of a state can read: the reserved variable {@code $states} ({@code
 * input}, {@code result}, {@code errorOutput}, {@code context}) and the workflow variables, as
 * {@code $name}.
 *
 * <p>{@code $states.input} is the state's original input. {@code $states.result} exists only where
 * a Task, Parallel or Map has a result (its {@code Output} and {@code Assign}); {@code
 * $states.errorOutput} only in a {@code Catch}'s {@code Output} and {@code Assign}; reading one
 * where it does not exist gives undefined. {@code $states.context} is the context object the
 * interpreter builds ({@code Execution}, {@code State}, {@code StateMachine}, {@code Task}, {@code
 * Map}).
 *
 * <p>Immutable; the {@code with} methods return a copy. Cheap to build: nothing is converted until
 * an expression reads it.
 */
public final class JsonataBindings {

  private final JsonNode input;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private final JsonNode context;
  private final Variables variables;
  private final Map<String, Object> states;

  private JsonataBindings(
      JsonNode input,
      JsonNode result,
      JsonNode errorOutput,
      JsonNode context,
      Variables variables) {
    this.input = input == null ? NullNode.instance : input;
    this.result = result;
    this.errorOutput = errorOutput;
    this.context = context;
    this.variables = Objects.requireNonNull(variables, "variables");
    Map<String, Object> map = new LinkedHashMap<>(8);
    map.put("input", JsonataValues.toJsonata(this.input));
    if (result != null) {
      map.put("result", JsonataValues.toJsonata(result));
    }
    if (errorOutput != null) {
      map.put("errorOutput", JsonataValues.toJsonata(errorOutput));
    }
    if (context != null) {
      map.put("context", JsonataValues.toJsonata(context));
    }
    this.states = Collections.unmodifiableMap(map);
  }

  /**
   * The bindings of a state on entry.
   *
   * @param input the state's input ({@code null} is read as JSON null)
   * @param context the context object, or {@code null} for none
   * @param variables the variables the state sees
   */
  public static JsonataBindings of(JsonNode input, JsonNode context, Variables variables) {
    return new JsonataBindings(input, null, null, context, variables);
  }

  /** Bindings with only an input and no variables (tests, {@code TestState}). */
  public static JsonataBindings ofInput(JsonNode input) {
    return of(input, null, Variables.root());
  }

  /** These bindings with {@code $states.result} (a Task's, Parallel's or Map's result). */
  public JsonataBindings withResult(JsonNode result) {
    return new JsonataBindings(input, result, errorOutput, context, variables);
  }

  /** These bindings with {@code $states.errorOutput} (in a Catch), and without a result. */
  public JsonataBindings withErrorOutput(JsonNode errorOutput) {
    return new JsonataBindings(input, null, errorOutput, context, variables);
  }

  /** These bindings with other variables. */
  public JsonataBindings withVariables(Variables variables) {
    return new JsonataBindings(input, result, errorOutput, context, variables);
  }

  /** These bindings with another context object. */
  public JsonataBindings withContext(JsonNode context) {
    return new JsonataBindings(input, result, errorOutput, context, variables);
  }

  public JsonNode input() {
    return input;
  }

  /** {@code $states.result}, or {@code null} where there is none. */
  public JsonNode result() {
    return result;
  }

  /** {@code $states.errorOutput}, or {@code null} outside a Catch. */
  public JsonNode errorOutput() {
    return errorOutput;
  }

  /** {@code $states.context}, or {@code null} when none was given. */
  public JsonNode context() {
    return context;
  }

  public Variables variables() {
    return variables;
  }

  /** The value of {@code $states} as the JSONata engine reads it. */
  Map<String, Object> statesValue() {
    return states;
  }
}
