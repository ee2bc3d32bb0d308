package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.PathNotFoundException;

/**
 * What a JSONPath state does with its data, step by step: InputPath, then Parameters (a {@link
 * PayloadTemplate}) for the effective input; ResultSelector (another template), ResultPath and
 * OutputPath for the effective output. Each step is a pure function of its nodes; none modifies
 * what it is given, and results may share subtrees with their inputs.
 *
 * <p>The context object ({@code $$}) is built by the interpreter; it is only read here.
 */
public final class JsonPathDataFlow {

  private JsonPathDataFlow() {}

  /**
   * InputPath or OutputPath: what {@code path} selects in {@code node}. A {@code null} path (JSON
   * null in the definition) discards everything and yields {@code {}}; the default, {@code $},
   * passes the node on. A path may be a full JSONPath (wildcards and filters select an array), may
   * start with {@code $$} to read the context object and with {@code $name} to read a variable.
   *
   * @throws StatesError {@code States.Runtime} when the path selects nothing, with AWS's cause
   *     {@code Invalid path '$.x' : No results for path: $['x']}, to be prefixed with the state
   */
  public static JsonNode select(JsonNode node, String path, PathRoots roots) {
    if (path == null) {
      return JsonPaths.NODES.objectNode();
    }
    try {
      return roots.read(path, node);
    } catch (PathNotFoundException e) {
      throw StatesError.inState(
          StatesError.RUNTIME, "Invalid path '" + path + "' : " + e.getMessage());
    }
  }

  /** {@link #select(JsonNode, String, PathRoots)} with a context object and no variables. */
  public static JsonNode select(JsonNode node, String path, JsonNode context) {
    return select(node, path, PathRoots.of(context, Variables.root()));
  }

  /** {@link #select(JsonNode, String, PathRoots)} without a context object or variables. */
  public static JsonNode select(JsonNode node, String path) {
    return select(node, path, PathRoots.NONE);
  }

  /**
   * ResultPath: where the state's (effective) result goes in its raw input. {@code null} discards
   * the result (the output is the raw input), {@code $} replaces the input with the result, any
   * other reference path places the result there, creating the objects missing on the way.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} when the path cannot be applied to
   *     the input (a step meets something that is not an object), with the cause {@code Unable to
   *     apply ReferencePath $.a to input "str"}
   * @throws IllegalArgumentException when {@code resultPath} is not a reference path (a definition
   *     error the validator should have caught)
   */
  public static JsonNode applyResultPath(JsonNode rawInput, JsonNode result, String resultPath) {
    if (resultPath == null) {
      return rawInput;
    }
    ReferencePath path = ReferencePath.of(resultPath);
    if (path.isRoot()) {
      return result;
    }
    return path.write(rawInput, result)
        .orElseThrow(
            () ->
                StatesError.of(
                    StatesError.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ReferencePath "
                        + resultPath
                        + " to input "
                        + JsonPaths.compact(rawInput)));
  }
}
