package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONata as Step Functions speaks it, on the {@code com.dashjoin:jsonata} engine.
 *
 * <p>In a state whose query language is JSONata, a string value of the exact form {@code "{% expr
 * %}"} is an expression; any other string is literal. The fields that take expressions ({@code
 * Arguments}, {@code Output}, {@code Assign}, {@code Items}, {@code ItemSelector}, {@code
 * Condition}, {@code TimeoutSeconds}, {@code HeartbeatSeconds}, {@code Seconds}, {@code Timestamp},
 * {@code Error}, {@code Cause}, {@code MaxConcurrency}, {@code ToleratedFailure*}) hold either one
 * expression or a JSON template with expressions at any depth: {@link #evaluate} evaluates every
 * expression string of a template and keeps everything else as it is.
 *
 * <p>Expressions see no context value ({@code $} is undefined) and read {@code $states} and the
 * workflow variables from {@link JsonataBindings}. Step Functions' own functions ({@code
 * $partition}, {@code $range}, {@code $hash}, {@code $random([seed])}, {@code $uuid}, {@code
 * $parse}) are bound; {@code $eval} is not.
 *
 * <p>Failures are {@link StatesError}s named {@code States.QueryEvaluationError}, raised with
 * {@link StatesError#prefixedWithState()} so the interpreter adds the state, with AWS's causes:
 *
 * <ul>
 *   <li>{@code The JSONata expression '$x' specified for the field 'Output/a' returned nothing
 *       (undefined).} when an expression gives undefined (a field needs a value);
 *   <li>{@code ... threw an error during evaluation. T1006: Attempted to invoke a non-function}
 *       when the engine raises;
 *   <li>{@code ... returned an unsupported result type.} for a function;
 *   <li>{@code ... returned an unexpected result type. Expected 'array', but was 'object' for
 *       value: {"foo":"bar"}} from the typed forms ({@link #evaluateArray}, {@link #condition}).
 * </ul>
 *
 * <p>Field names are paths: the caller's field ({@code Output}), then {@code /key} per object
 * member and {@code [i]} per array element ({@code Arguments/Payload/ids[0]}).
 *
 * <p>Each expression is parsed once: compiled expressions are cached by their text (a bounded
 * cache, emptied when full) and are safe to evaluate from many threads at once. A template without
 * expressions evaluates to the very node it is.
 */
public final class JsonataExpressions {

  /** The most compiled expressions kept; the cache is emptied when it would grow beyond. */
  static final int CACHE_LIMIT = 10_000;

  private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

  /**
   * The engine turns JSON null into undefined in what {@code evaluate} returns (and rewrites the
   * maps it returns); the expression hands its value to this function instead, unconverted.
   */
  private static final String RESULT_FUNCTION = "__stepFunctionsResult";

  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static final String STACK_OVERFLOW =
      "U1001: Stack overflow error: Check for non-terminating recursive function.  Consider"
          + " rewriting as tail-recursive.";

  private JsonataExpressions() {}

  // ---------------------------------------------------------------- recognising and compiling

  /**
   * Whether a string is a JSONata expression: it starts with {@code {%} and ends with {@code %}}.
   */
  public static boolean isExpression(String value) {
    return value != null && value.length() >= 4 && value.startsWith("{%") && value.endsWith("%}");
  }

  /** Whether a node is a string holding a JSONata expression. */
  public static boolean isExpression(JsonNode node) {
    return node != null && node.isTextual() && isExpression(node.textValue());
  }

  /**
   * The expression inside {@code {% %}}, trimmed, as AWS quotes it in its causes.
   *
   * @throws IllegalArgumentException when the string is not an expression
   */
  public static String expressionText(String value) {
    if (!isExpression(value)) {
      throw new IllegalArgumentException("Not a JSONata expression: " + value);
    }
    return value.substring(2, value.length() - 2).trim();
  }

  /** Whether a template holds an expression anywhere. */
  public static boolean containsExpression(JsonNode template) {
    if (template == null) {
      return false;
    }
    if (template.isTextual()) {
      return isExpression(template.textValue());
    }
    if (template.isContainerNode()) {
      for (JsonNode child : template) {
        if (containsExpression(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Parses an expression (the text inside {@code {% %}}), keeping it for later evaluation.
   *
   * @throws JsonataSyntaxException when it does not parse
   */
  public static void validate(String expression) {
    Compiled compiled = compiled(expression);
    if (compiled.syntaxError != null) {
      throw compiled.syntaxError;
    }
  }

  /**
   * Every expression of a template that does not parse, by its location: {@code path} extended with
   * {@code /key} per object member and {@code /i} per array element, as a definition validator
   * reports it ({@code /States/Main/Output/v}). Empty when all parse.
   */
  public static Map<String, JsonataSyntaxException> syntaxErrors(JsonNode template, String path) {
    Map<String, JsonataSyntaxException> errors = new LinkedHashMap<>();
    collectSyntaxErrors(template, path, errors);
    return errors;
  }

  private static void collectSyntaxErrors(
      JsonNode node, String path, Map<String, JsonataSyntaxException> errors) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      if (isExpression(node.textValue())) {
        Compiled compiled = compiled(expressionText(node.textValue()));
        if (compiled.syntaxError != null) {
          errors.put(path, compiled.syntaxError);
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collectSyntaxErrors(field.getValue(), path + "/" + field.getKey(), errors);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectSyntaxErrors(node.get(i), path + "/" + i, errors);
      }
    }
  }

  // ---------------------------------------------------------------- evaluating

  /**
   * A field's value: the template with every expression in it evaluated, or the template itself
   * when it holds none.
   *
   * @param template the field's value in the definition (an expression string, or any JSON)
   * @param bindings what the expressions can read
   * @param fieldName the field, as AWS names it in causes ({@code Output}, {@code Arguments})
   * @throws StatesError {@code States.QueryEvaluationError} when an expression fails or gives
   *     nothing
   */
  public static JsonNode evaluate(JsonNode template, JsonataBindings bindings, String fieldName) {
    return walk(template, bindings, new Field(null, fieldName, -1));
  }

  /**
   * The value of one expression (the text inside {@code {% %}}).
   *
   * @throws StatesError {@code States.QueryEvaluationError} when it fails or gives nothing
   */
  public static JsonNode evaluateExpression(
      String expression, JsonataBindings bindings, String fieldName) {
    return evaluateField(expression, bindings, new Field(null, fieldName, -1));
  }

  /**
   * A field that must be an array ({@code Items}).
   *
   * @throws StatesError {@code States.QueryEvaluationError} when the value is not an array
   */
  public static ArrayNode evaluateArray(
      JsonNode template, JsonataBindings bindings, String fieldName) {
    JsonNode value = evaluate(template, bindings, fieldName);
    if (!value.isArray()) {
      throw unexpectedType(sourceOf(template), fieldName, "array", value);
    }
    return (ArrayNode) value;
  }

  /**
   * A Choice rule's {@code Condition}: a boolean, or an expression that gives one.
   *
   * @throws StatesError {@code States.QueryEvaluationError} when the value is not a boolean
   */
  public static boolean condition(JsonNode condition, JsonataBindings bindings, String fieldName) {
    if (condition != null && condition.isBoolean()) {
      return condition.booleanValue();
    }
    JsonNode value = evaluate(condition, bindings, fieldName);
    if (!value.isBoolean()) {
      throw unexpectedType(sourceOf(condition), fieldName, "boolean", value);
    }
    return value.booleanValue();
  }

  /** A Choice rule's {@code Condition} given as its string. */
  public static boolean condition(String condition, JsonataBindings bindings, String fieldName) {
    return condition(JsonNodeFactory.instance.textNode(condition), bindings, fieldName);
  }

  /**
   * The values of an {@code Assign} block, by variable name, all evaluated against the same
   * bindings: the variables as they were before the block (a variable assigned in the block is not
   * visible to the block's other expressions). Bind them with {@link Variables#assignAll}.
   *
   * @param assign the {@code Assign} object of the definition
   * @throws StatesError {@code States.QueryEvaluationError} as {@link #evaluate}, with fields named
   *     {@code Assign/<name>}
   */
  public static Map<String, JsonNode> assign(JsonNode assign, JsonataBindings bindings) {
    return assign(assign, bindings, "Assign");
  }

  /**
   * As {@link #assign(JsonNode, JsonataBindings)}, for an Assign at another place ({@code
   * Catch[0]/Assign}).
   */
  public static Map<String, JsonNode> assign(
      JsonNode assign, JsonataBindings bindings, String fieldName) {
    if (assign == null || assign.isNull()) {
      return Map.of();
    }
    if (!assign.isObject()) {
      throw new IllegalArgumentException("Assign must be an object: " + assign);
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Field parent = new Field(null, fieldName, -1);
    for (Iterator<Map.Entry<String, JsonNode>> it = assign.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      values.put(
          field.getKey(), walk(field.getValue(), bindings, new Field(parent, field.getKey(), -1)));
    }
    return values;
  }

  /**
   * The error for a value of the wrong type, as AWS words it for {@code Items}: {@code The JSONata
   * expression '1' specified for the field 'Items' returned an unexpected result type. Expected
   * 'array', but was 'number' for value: 1}.
   */
  public static StatesError unexpectedType(
      String expression, String fieldName, String expectedType, JsonNode value) {
    return StatesError.inState(
        StatesError.QUERY_EVALUATION_ERROR,
        sentence(expression, fieldName)
            + " returned an unexpected result type. Expected '"
            + expectedType
            + "', but was '"
            + typeName(value)
            + "' for value: "
            + JsonataValues.write(value));
  }

  /** JSONata's name of a JSON value's type: null, number, string, boolean, array or object. */
  public static String typeName(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    return "object";
  }

  // ---------------------------------------------------------------- internals

  /** A field's name, built only when a cause needs it. */
  private static final class Field {
    final Field parent;
    final String key;
    final int index;

    Field(Field parent, String key, int index) {
      this.parent = parent;
      this.key = key;
      this.index = index;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      append(out);
      return out.toString();
    }

    private void append(StringBuilder out) {
      if (parent != null) {
        parent.append(out);
      }
      if (key != null) {
        if (parent != null) {
          out.append('/');
        }
        out.append(key);
      } else {
        out.append('[').append(index).append(']');
      }
    }
  }

  private static String sourceOf(JsonNode template) {
    if (isExpression(template)) {
      return expressionText(template.textValue());
    }
    return template == null ? "null" : JsonataValues.write(template);
  }

  private static JsonNode walk(JsonNode node, JsonataBindings bindings, Field field) {
    if (node == null) {
      return null;
    }
    switch (node.getNodeType()) {
      case STRING:
        String text = node.textValue();
        return isExpression(text) ? evaluateField(expressionText(text), bindings, field) : node;
      case OBJECT:
        return walkObject((ObjectNode) node, bindings, field);
      case ARRAY:
        return walkArray((ArrayNode) node, bindings, field);
      default:
        return node;
    }
  }

  private static JsonNode walkObject(ObjectNode node, JsonataBindings bindings, Field field) {
    ObjectNode out = null;
    int i = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        it.hasNext();
        i++) {
      Map.Entry<String, JsonNode> member = it.next();
      JsonNode value = member.getValue();
      JsonNode evaluated =
          value.isContainerNode() || value.isTextual()
              ? walk(value, bindings, new Field(field, member.getKey(), -1))
              : value;
      if (out == null && evaluated != value) {
        out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> before = node.properties().iterator();
        for (int j = 0; j < i; j++) {
          Map.Entry<String, JsonNode> earlier = before.next();
          out.set(earlier.getKey(), earlier.getValue());
        }
      }
      if (out != null) {
        out.set(member.getKey(), evaluated);
      }
    }
    return out == null ? node : out;
  }

  private static JsonNode walkArray(ArrayNode node, JsonataBindings bindings, Field field) {
    ArrayNode out = null;
    for (int i = 0; i < node.size(); i++) {
      JsonNode value = node.get(i);
      JsonNode evaluated =
          value.isContainerNode() || value.isTextual()
              ? walk(value, bindings, new Field(field, null, i))
              : value;
      if (out == null && evaluated != value) {
        out = JsonNodeFactory.instance.arrayNode(node.size());
        for (int j = 0; j < i; j++) {
          out.add(node.get(j));
        }
      }
      if (out != null) {
        out.add(evaluated);
      }
    }
    return out == null ? node : out;
  }

  private static JsonNode evaluateField(String expression, JsonataBindings bindings, Object field) {
    Object result = run(compiled(expression), bindings, field);
    if (result == null) {
      throw StatesError.inState(
          StatesError.QUERY_EVALUATION_ERROR,
          sentence(expression, field) + " returned nothing (undefined).");
    }
    try {
      return JsonataValues.toJson(result);
    } catch (JsonataValues.UnsupportedValue e) {
      throw StatesError.inState(
          StatesError.QUERY_EVALUATION_ERROR,
          sentence(expression, field) + " returned an unsupported result type.");
    }
  }

  private static String sentence(String expression, Object field) {
    return "The JSONata expression '" + expression + "' specified for the field '" + field + "'";
  }

  private static Object run(Compiled compiled, JsonataBindings bindings, Object field) {
    if (compiled.syntaxError != null) {
      JsonataSyntaxException e = compiled.syntaxError;
      throw evaluationError(compiled.text, field, coded(e.code(), e.jsonataMessage()));
    }
    Jsonata.Frame frame = new Jsonata.Frame(null);
    frame.bind("states", bindings.statesValue());
    Variables variables = bindings.variables();
    for (String name : compiled.variables) {
      JsonNode value = variables.lookup(name);
      if (value != null) {
        frame.bind(name, JsonataValues.toJsonata(value));
      }
    }
    Object[] result = new Object[1];
    frame.bind(
        RESULT_FUNCTION,
        new Jsonata.JFunction(
            (input, args) -> {
              result[0] = args == null || args.isEmpty() ? null : args.get(0);
              return null;
            },
            null));
    try {
      compiled.jsonata.evaluate(null, frame);
      return result[0];
    } catch (JException e) {
      throw evaluationError(compiled.text, field, coded(e.getError(), readable(e.getMessage())));
    } catch (AwsJsonataFunctions.FunctionError e) {
      throw evaluationError(compiled.text, field, ": " + e.getMessage());
    } catch (StackOverflowError e) {
      throw evaluationError(compiled.text, field, ". " + STACK_OVERFLOW);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw evaluationError(compiled.text, field, ": " + message);
    }
  }

  /** AWS ends a coded engine error as a sentence of its own: {@code . T1006: message}. */
  private static String coded(String code, String message) {
    return code == null ? ": " + message : ". " + code + ": " + message;
  }

  private static StatesError evaluationError(String expression, Object field, String tail) {
    return StatesError.inState(
        StatesError.QUERY_EVALUATION_ERROR,
        sentence(expression, field) + " threw an error during evaluation" + tail);
  }

  /**
   * The engine's catalogue says {@code Object} where JSONata's says {@code function} ({@code
   * Argument 1 of function "abs" ...}); put the word back.
   */
  private static String readable(String message) {
    return message == null ? "" : message.replace(" Object ", " function ");
  }

  private static Compiled compiled(String expression) {
    Compiled compiled = CACHE.get(expression);
    if (compiled == null) {
      compiled = new Compiled(expression);
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      Compiled raced = CACHE.putIfAbsent(expression, compiled);
      if (raced != null) {
        compiled = raced;
      }
    }
    return compiled;
  }

  /** One parsed expression and the variable names it may read. */
  private static final class Compiled {
    final String text;
    final Jsonata jsonata;
    final JsonataSyntaxException syntaxError;
    final String[] variables;

    Compiled(String text) {
      this.text = text;
      Jsonata parsed = null;
      JsonataSyntaxException error = null;
      try {
        // Parsed as written first, for the parser's own message on a syntax error.
        Jsonata.jsonata(text);
        parsed = Jsonata.jsonata("$" + RESULT_FUNCTION + "((" + text + "\n))");
        parsed.setValidateInput(false);
        AwsJsonataFunctions.register(parsed);
      } catch (JException e) {
        parsed = null;
        error =
            new JsonataSyntaxException(
                text, e.getError(), readable(e.getMessage()), e.getLocation());
      } catch (RuntimeException e) {
        parsed = null;
        error = new JsonataSyntaxException(text, null, String.valueOf(e.getMessage()), -1);
      }
      this.jsonata = parsed;
      this.syntaxError = error;
      Set<String> names = new LinkedHashSet<>();
      Matcher matcher = VARIABLE.matcher(text);
      while (matcher.find()) {
        String name = matcher.group(1);
        if (!name.equals("states")) {
          names.add(name);
        }
      }
      this.variables = names.toArray(String[]::new);
    }
  }
}
