package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payload template (Parameters, ItemSelector, ResultSelector, ...), compiled once per state: a
 * field whose name ends in {@code .$} takes its value (under the name without {@code .$}) from a
 * path into the input ({@code $.x}), into the context object ({@code $$.x}) or from an intrinsic
 * call; every other value is copied, objects and arrays searched for such fields at any depth.
 * Immutable and thread-safe; parts holding no {@code .$} field are shared, not copied.
 */
public final class PayloadTemplate {

  private interface Part {
    JsonNode apply(JsonNode input, JsonNode context);
  }

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

  /**
   * The payload for this input.
   *
   * @throws StatesError {@code States.Runtime} when a path selects nothing ({@code The JSONPath
   *     '$.x' specified for the field 'y.$' could not be found in the input '{...}'}) or an
   *     intrinsic's arguments are invalid; to be prefixed with the state
   */
  public JsonNode apply(JsonNode input, JsonNode context) {
    return root.apply(input, context);
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
      return (input, context) -> {
        ObjectNode out = JsonPaths.NODES.objectNode();
        for (int i = 0; i < names.size(); i++) {
          out.set(names.get(i), parts.get(i).apply(input, context));
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
      return (input, context) -> {
        ArrayNode out = JsonPaths.NODES.arrayNode(parts.size());
        for (Part part : parts) {
          out.add(part.apply(input, context));
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
      return (input, context) -> expression.evaluate(input, context, name);
    }
    boolean context = text != null && text.startsWith("$$");
    if (text == null || !JsonPaths.isValid(context ? text.substring(1) : text)) {
      throw invalidField(name, null);
    }
    return (input, ctx) -> resolvePath(text, input, ctx, name);
  }

  private static IllegalArgumentException invalidField(String name, Exception cause) {
    return new IllegalArgumentException(
        "The value for the field '"
            + name
            + "' must be a valid JSONPath or a valid intrinsic function call",
        cause);
  }

  /**
   * What a {@code .$} path selects, from the input or ({@code $$}) the context object.
   *
   * @throws StatesError {@code States.Runtime} naming the path, the field and the document searched
   */
  static JsonNode resolvePath(String path, JsonNode input, JsonNode context, String field) {
    boolean fromContext = path.startsWith("$$");
    JsonNode document = fromContext ? context : input;
    try {
      return JsonPaths.read(fromContext ? path.substring(1) : path, document);
    } catch (PathNotFoundException e) {
      throw StatesError.inState(
          StatesError.RUNTIME,
          "The JSONPath '"
              + path
              + "' specified for the field '"
              + field
              + "' could not be found in the input '"
              + JsonPaths.compact(document)
              + "'");
    }
  }

  private static final class Constant implements Part {
    private final JsonNode value;

    Constant(JsonNode value) {
      this.value = value;
    }

    @Override
    public JsonNode apply(JsonNode input, JsonNode context) {
      return value;
    }
  }
}
