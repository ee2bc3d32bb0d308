package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.function.Supplier;

/**
 * What a JSONPath state's paths read besides the state's input: the context object ({@code $$...})
 * and the workflow variables ({@code $name...}, as JSONPath states may read them too). The context
 * is built only when a path asks for it, so that paths into the input cost nothing more.
 */
public final class PathRoots {

  /** No context object worth reading, and no variables. */
  public static final PathRoots NONE = of(JsonPaths.NODES.objectNode(), Variables.root());

  private final Supplier<JsonNode> contextSource;
  private final Variables variables;
  private JsonNode context;

  private PathRoots(Supplier<JsonNode> contextSource, Variables variables) {
    this.contextSource = contextSource;
    this.variables = variables;
  }

  public static PathRoots of(JsonNode context, Variables variables) {
    return new PathRoots(() -> context, variables);
  }

  /** Roots whose context object is built on first use. */
  public static PathRoots lazy(Supplier<JsonNode> context, Variables variables) {
    return new PathRoots(context, variables);
  }

  /** The context object. */
  public synchronized JsonNode context() {
    if (context == null) {
      context = contextSource.get();
    }
    return context;
  }

  public Variables variables() {
    return variables;
  }

  /** Whether {@code path} reads a variable: {@code $} then a name, not {@code $.}, {@code $[}. */
  public static boolean isVariable(String path) {
    return path.length() > 1
        && path.charAt(0) == '$'
        && (Character.isLetter(path.charAt(1)) || path.charAt(1) == '_');
  }

  /**
   * What {@code path} selects: in the context object for {@code $$...}, in a variable's value for
   * {@code $name...}, else in {@code input}.
   *
   * @throws PathNotFoundException when it selects nothing, or names a variable no scope has
   */
  public JsonNode read(String path, JsonNode input) {
    if (path.startsWith("$$")) {
      return JsonPaths.read(path.substring(1), context());
    }
    if (isVariable(path)) {
      int end = nameEnd(path);
      String name = path.substring(1, end);
      JsonNode value = variables.lookup(name);
      if (value == null) {
        // Guess: AWS refuses undefined variables when the machine is created; at run time we
        // answer as for a path that selects nothing.
        throw new PathNotFoundException("No variable named " + name);
      }
      return JsonPaths.read("$" + path.substring(end), value);
    }
    return JsonPaths.read(path, input);
  }

  /** What a path searched, for messages: the context object, the variable's value, or input. */
  JsonNode searched(String path, JsonNode input) {
    if (path.startsWith("$$")) {
      return context();
    }
    if (isVariable(path)) {
      JsonNode value = variables.lookup(path.substring(1, nameEnd(path)));
      return value == null ? JsonPaths.NODES.nullNode() : value;
    }
    return input;
  }

  /** Where a variable path's name ends: at its first {@code .} or {@code [}. */
  static int nameEnd(String path) {
    int end = 1;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    return end;
  }
}
