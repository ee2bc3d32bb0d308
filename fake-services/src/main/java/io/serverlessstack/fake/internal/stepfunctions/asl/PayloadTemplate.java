package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A payload template (Parameters, ItemSelector, ResultSelector, ...), compiled once per state: a
 * field whose name ends in {@code .$} takes its value (under the name without {@code .$}) from a
 * path into the input ({@code $.x}), into the context object ({@code $$.x}) or from an intrinsic
 * call; every other value is copied, objects and arrays searched for such fields at any depth.
 * Immutable and thread-safe; parts holding no {@code .$} field are shared, not copied.
 */
public final class PayloadTemplate {

  private interface Part {
    JsonNode apply(JsonNode input, PathRoots roots);
  }

  /** Templates compiled from definition fields at run time (a JSONPath state's Assign). */
  private static final Map<JsonNode, PayloadTemplate> COMPILED = new ConcurrentHashMap<>();

  private final Part root;

  private PayloadTemplate(Part root) {
    this.root = root;
  }

  /**
   * The template compiled.
   *
   * @throws IllegalArgumentException when a {@code .$} field holds something other than a valid
   *     path or intrinsic call, with AWS's validation message ({@code The value for the field 'x.$'
   *     must be a valid JSONPath or a valid intrinsic function call})
   */
  public static PayloadTemplate of(JsonNode template) {
    return new PayloadTemplate(compile(template));
  }

  /** {@link #of}, compiled once per distinct template and kept. */
  public static PayloadTemplate cached(JsonNode template) {
    return COMPILED.computeIfAbsent(template, PayloadTemplate::of);
  }

  /**
   * The payload for this input.
   *
   * @throws StatesError {@code States.Runtime} when a path selects nothing ({@code The JSONPath
   *     '$.x' specified for the field 'y.$' could not be found in the input '{...}'}) or an
   *     intrinsic's arguments are invalid; to be prefixed with the state
   */
  public JsonNode apply(JsonNode input, PathRoots roots) {
    return root.apply(input, roots);
  }

  /** {@link #apply(JsonNode, PathRoots)} with a context object and no variables. */
  public JsonNode apply(JsonNode input, JsonNode context) {
    return apply(input, PathRoots.of(context, Variables.root()));
  }

  private static Part compile(JsonNode template) {
    if (template.isObject()) {
      List<String> names = new ArrayList<>();
      List<Part> parts = new ArrayList<>();
      boolean dynamic = false;
      for (Map.Entry<String, JsonNode> field : template.properties()) {
        String name = field.getKey();
        Part part;
        if (name.endsWith(".$")) {
          part = dynamicField(name, field.getValue());
          name = name.substring(0, name.length() - 2);
          dynamic = true;
        } else {
          part = compile(field.getValue());
          dynamic |= !(part instanceof Constant);
        }
        names.add(name);
        parts.add(part);
      }
      if (!dynamic) {
        return new Constant(template);
      }
      return (input, roots) -> {
        ObjectNode out = JsonPaths.NODES.objectNode();
        for (int i = 0; i < names.size(); i++) {
          out.set(names.get(i), parts.get(i).apply(input, roots));
        }
        return out;
      };
    }
    if (template.isArray()) {
      List<Part> parts = new ArrayList<>(template.size());
      boolean dynamic = false;
      for (JsonNode item : template) {
        Part part = compile(item);
        dynamic |= !(part instanceof Constant);
        parts.add(part);
      }
      if (!dynamic) {
        return new Constant(template);
      }
      return (input, roots) -> {
        ArrayNode out = JsonPaths.NODES.arrayNode(parts.size());
        for (Part part : parts) {
          out.add(part.apply(input, roots));
        }
        return out;
      };
    }
    return new Constant(template);
  }

  private static Part dynamicField(String name, JsonNode value) {
    String text = value.isTextual() ? value.textValue() : null;
    if (text != null && IntrinsicFunctions.isIntrinsic(text)) {
      IntrinsicFunctions.Expression expression;
      try {
        expression = IntrinsicFunctions.parse(text);
      } catch (IllegalArgumentException e) {
        throw invalidField(name, e);
      }
      return (input, roots) -> expression.evaluate(input, roots, name);
    }
    if (text == null || !isValidPath(text)) {
      throw invalidField(name, null);
    }
    return (input, roots) -> resolvePath(text, input, roots, name);
  }

  private static IllegalArgumentException invalidField(String name, Exception cause) {
    return new IllegalArgumentException(
        "The value for the field '"
            + name
            + "' must be a valid JSONPath or a valid intrinsic function call",
        cause);
  }

  /** Whether a {@code .$} path is one Jayway compiles, after its {@code $$} or {@code $name}. */
  static boolean isValidPath(String text) {
    if (text.startsWith("$$")) {
      return JsonPaths.isValid(text.substring(1));
    }
    if (PathRoots.isVariable(text)) {
      return JsonPaths.isValid("$" + text.substring(PathRoots.nameEnd(text)));
    }
    return JsonPaths.isValid(text);
  }

  /**
   * What a {@code .$} path selects, from the input, the context object ({@code $$}) or a variable
   * ({@code $name}).
   *
   * @throws StatesError {@code States.Runtime} naming the path, the field and the document searched
   */
  static JsonNode resolvePath(String path, JsonNode input, PathRoots roots, String field) {
    try {
      return roots.read(path, input);
    } catch (PathNotFoundException e) {
      throw StatesError.inState(
          StatesError.RUNTIME,
          "The JSONPath '"
              + path
              + "' specified for the field '"
              + field
              + "' could not be found in the input '"
              + JsonPaths.compact(roots.searched(path, input))
              + "'");
    }
  }

  private static final class Constant implements Part {
    private final JsonNode value;

    Constant(JsonNode value) {
      this.value = value;
    }

    @Override
    public JsonNode apply(JsonNode input, PathRoots roots) {
      return value;
    }
  }
}
