package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of JSONPath states ({@code "x.$": "States.Format('{}', $.a)"}): parsed
 * once into an {@link Expression}, evaluated against the state's input and the context object.
 *
 * <p>Syntax errors (an unknown function, an unclosed string, a bad escape, an invalid path) belong
 * to the definition: {@link #parse(String)} throws {@link IllegalArgumentException} saying what is
 * wrong, for the validator. Errors in the arguments' values (wrong type, wrong count, out of range)
 * happen at run time: AWS fails the state with {@code States.Runtime} and the cause {@code Invalid
 * arguments in States.X}, which {@link StatesError#inState} carries (AWS documents {@code
 * States.IntrinsicFailure}, but its executions report {@code States.Runtime}).
 */
public final class IntrinsicFunctions {

  /** An intrinsic call, or one of its arguments, ready to evaluate. Immutable, thread-safe. */
  public interface Expression {
    /**
     * The value, reading paths from {@code input} ({@code $}), the context object ({@code $$}) and
     * the variables ({@code $name}); {@code field} is the template field being evaluated ({@code
     * x.$}), for error causes.
     */
    JsonNode evaluate(JsonNode input, PathRoots roots, String field);
  }

  private static final Set<String> FUNCTIONS =
      Set.of(
          "States.Format",
          "States.StringToJson",
          "States.JsonToString",
          "States.Array",
          "States.ArrayPartition",
          "States.ArrayContains",
          "States.ArrayRange",
          "States.ArrayGetItem",
          "States.ArrayLength",
          "States.ArrayUnique",
          "States.Base64Encode",
          "States.Base64Decode",
          "States.Hash",
          "States.JsonMerge",
          "States.MathRandom",
          "States.MathAdd",
          "States.StringSplit",
          "States.UUID");

  private static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** AWS's bounds: encoded, decoded and hashed strings, and generated ranges. */
  private static final int MAX_STRING_LENGTH = 10_000;

  private static final int MAX_RANGE_ITEMS = 1000;

  private static final int CACHE_LIMIT = 10_000;
  private static final ConcurrentHashMap<String, Expression> CACHE = new ConcurrentHashMap<>();

  private IntrinsicFunctions() {}

  /** Whether a {@code .$} value is meant as an intrinsic call rather than a path. */
  public static boolean isIntrinsic(String text) {
    return text != null && text.startsWith("States.");
  }

  /**
   * The call parsed (and cached).
   *
   * @throws IllegalArgumentException when it is not a valid intrinsic call, saying why
   */
  public static Expression parse(String text) {
    Expression expression = CACHE.get(text);
    if (expression == null) {
      Parser parser = new Parser(text);
      parser.skipSpaces();
      expression = parser.call();
      parser.skipSpaces();
      if (!parser.atEnd()) {
        throw parser.error("unexpected text after the call");
      }
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(text, expression);
    }
    return expression;
  }

  /** Checks the syntax only; for the validator. */
  public static void validate(String text) {
    parse(text);
  }

  /** Parses (from the cache) and evaluates; see {@link Expression#evaluate}. */
  public static JsonNode evaluate(String text, JsonNode input, JsonNode context, String field) {
    return parse(text).evaluate(input, PathRoots.of(context, Variables.root()), field);
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    IllegalArgumentException error(String why) {
      return new IllegalArgumentException(
          "Invalid intrinsic function call '" + text + "' at position " + pos + ": " + why);
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    Expression call() {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (!FUNCTIONS.contains(name)) {
        pos = start;
        throw error("unknown function '" + name + "'");
      }
      skipSpaces();
      if (atEnd() || text.charAt(pos) != '(') {
        throw error("expected '(' after " + name);
      }
      pos++;
      List<Expression> args = new ArrayList<>();
      skipSpaces();
      if (!atEnd() && text.charAt(pos) == ')') {
        pos++;
        return new Call(name, args);
      }
      while (true) {
        skipSpaces();
        args.add(argument());
        skipSpaces();
        if (atEnd()) {
          throw error("missing ')'");
        }
        char c = text.charAt(pos++);
        if (c == ')') {
          return new Call(name, args);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ')'");
        }
      }
    }

    Expression argument() {
      if (atEnd()) {
        throw error("missing argument");
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        return string();
      }
      if (c == '$') {
        return path();
      }
      if (c == '-' || Character.isDigit(c)) {
        return number();
      }
      if (text.startsWith("States.", pos)) {
        return call();
      }
      for (Map.Entry<String, JsonNode> keyword :
          Map.<String, JsonNode>of(
                  "null", NullNode.getInstance(),
                  "true", BooleanNode.TRUE,
                  "false", BooleanNode.FALSE)
              .entrySet()) {
        String word = keyword.getKey();
        if (text.startsWith(word, pos)
            && (pos + word.length() == text.length()
                || !Character.isLetterOrDigit(text.charAt(pos + word.length())))) {
          pos += word.length();
          return new Literal(keyword.getValue());
        }
      }
      throw error("invalid argument");
    }

    Expression string() {
      int start = ++pos;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '\'') {
          return new StringLiteral(value.toString(), text.substring(start, pos - 1));
        }
        if (c == '\\') {
          if (atEnd()) {
            throw error("unterminated string");
          }
          char escaped = text.charAt(pos++);
          if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
            pos -= 2;
            throw error("invalid escape '\\" + escaped + "'");
          }
          value.append(escaped);
        } else {
          value.append(c);
        }
      }
    }

    Expression number() {
      int start = pos;
      if (text.charAt(pos) == '-') {
        pos++;
      }
      while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      try {
        JsonNode node = JsonPaths.MAPPER.readTree(token);
        if (node == null || !node.isNumber()) {
          throw new IOException(token);
        }
        return new Literal(node);
      } catch (IOException e) {
        pos = start;
        throw error("invalid number '" + token + "'");
      }
    }

    Expression path() {
      int start = pos;
      int depth = 0;
      char quote = 0;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[' || c == '(') {
          depth++;
        } else if (c == ']' || c == ')') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
          break;
        }
        pos++;
      }
      String path = text.substring(start, pos);
      if (!PayloadTemplate.isValidPath(path)) {
        pos = start;
        throw error("invalid path '" + path + "'");
      }
      return new PathArgument(path);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private static final class Literal implements Expression {
    private final JsonNode value;

    Literal(JsonNode value) {
      this.value = value;
    }

    @Override
    public JsonNode evaluate(JsonNode input, PathRoots roots, String field) {
      return value;
    }
  }

  /** A string literal; Format also needs its escapes, to tell {@code \{} from a placeholder. */
  private static final class StringLiteral implements Expression {
    private final TextNode value;
    private final String raw;

    StringLiteral(String value, String raw) {
      this.value = TextNode.valueOf(value);
      this.raw = raw;
    }

    @Override
    public JsonNode evaluate(JsonNode input, PathRoots roots, String field) {
      return value;
    }
  }

  private static final class PathArgument implements Expression {
    private final String path;

    PathArgument(String path) {
      this.path = path;
    }

    @Override
    public JsonNode evaluate(JsonNode input, PathRoots roots, String field) {
      return PayloadTemplate.resolvePath(path, input, roots, field);
    }
  }

  private static final class Call implements Expression {
    private final String name;
    private final List<Expression> args;

    Call(String name, List<Expression> args) {
      this.name = name;
      this.args = List.copyOf(args);
    }

    @Override
    public JsonNode evaluate(JsonNode input, PathRoots roots, String field) {
      List<JsonNode> values = new ArrayList<>(args.size());
      for (Expression arg : args) {
        values.add(arg.evaluate(input, roots, field));
      }
      if ("States.Format".equals(name)) {
        return format(values, args.isEmpty() ? null : args.get(0));
      }
      return apply(name, values);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The functions

  private static StatesError invalid(String name) {
    return StatesError.inState(StatesError.RUNTIME, "Invalid arguments in " + name);
  }

  private static void arity(String name, List<JsonNode> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw invalid(name);
    }
  }

  private static JsonNode apply(String name, List<JsonNode> a) {
    switch (name) {
      case "States.StringToJson":
        return stringToJson(name, a);
      case "States.JsonToString":
        arity(name, a, 1, 1);
        return TextNode.valueOf(JsonPaths.compact(a.get(0)));
      case "States.Array":
        return JsonPaths.NODES.arrayNode(a.size()).addAll(a);
      case "States.ArrayPartition":
        return arrayPartition(name, a);
      case "States.ArrayContains":
        arity(name, a, 2, 2);
        return BooleanNode.valueOf(indexOf(array(name, a.get(0)), a.get(1)) >= 0);
      case "States.ArrayRange":
        return arrayRange(name, a);
      case "States.ArrayGetItem":
        {
          arity(name, a, 2, 2);
          ArrayNode array = array(name, a.get(0));
          long index = integer(name, a.get(1));
          if (index < 0 || index >= array.size()) {
            throw invalid(name);
          }
          return array.get((int) index);
        }
      case "States.ArrayLength":
        arity(name, a, 1, 1);
        return IntNode.valueOf(array(name, a.get(0)).size());
      case "States.ArrayUnique":
        {
          arity(name, a, 1, 1);
          ArrayNode unique = JsonPaths.NODES.arrayNode();
          for (JsonNode item : array(name, a.get(0))) {
            if (indexOf(unique, item) < 0) {
              unique.add(item);
            }
          }
          return unique;
        }
      case "States.Base64Encode":
        arity(name, a, 1, 1);
        return TextNode.valueOf(
            Base64.getEncoder()
                .encodeToString(boundedString(name, a.get(0)).getBytes(StandardCharsets.UTF_8)));
      case "States.Base64Decode":
        arity(name, a, 1, 1);
        try {
          return TextNode.valueOf(
              new String(
                  Base64.getDecoder().decode(boundedString(name, a.get(0))),
                  StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw invalid(name);
        }
      case "States.Hash":
        return hash(name, a);
      case "States.JsonMerge":
        return jsonMerge(name, a);
      case "States.MathRandom":
        return mathRandom(name, a);
      case "States.MathAdd":
        {
          arity(name, a, 2, 2);
          long sum = rounded(name, a.get(0)) + rounded(name, a.get(1));
          return number(sum);
        }
      case "States.StringSplit":
        return stringSplit(name, a);
      case "States.UUID":
        arity(name, a, 0, 0);
        return TextNode.valueOf(UUID.randomUUID().toString());
      default:
        throw new IllegalStateException(name);
    }
  }

  private static JsonNode format(List<JsonNode> a, Expression template) {
    String name = "States.Format";
    if (a.isEmpty() || !a.get(0).isTextual()) {
      throw invalid(name);
    }
    // A literal template keeps its escapes: \{ and \} are braces, not placeholders.
    boolean literal = template instanceof StringLiteral;
    String text = literal ? ((StringLiteral) template).raw : a.get(0).textValue();
    StringBuilder out = new StringBuilder(text.length() + 16);
    int next = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (literal && c == '\\' && i + 1 < text.length()) {
        out.append(text.charAt(++i));
      } else if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        if (next >= a.size()) {
          throw invalid(name);
        }
        render(a.get(next++), out);
        i++;
      } else if (c == '{' || c == '}') {
        throw invalid(name);
      } else {
        out.append(c);
      }
    }
    if (next != a.size()) {
      throw invalid(name);
    }
    return TextNode.valueOf(out.toString());
  }

  /**
   * An argument as Format writes it: strings bare, numbers, booleans and null as in JSON, objects
   * and arrays as AWS's Java renders maps and lists ({@code {a=1, b=[x, y]}}).
   */
  private static void render(JsonNode value, StringBuilder out) {
    if (value.isTextual()) {
      out.append(value.textValue());
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(field.getKey()).append('=');
        render(field.getValue(), out);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(value.get(i), out);
      }
      out.append(']');
    } else {
      out.append(JsonPaths.compact(value));
    }
  }

  private static JsonNode stringToJson(String name, List<JsonNode> a) {
    arity(name, a, 1, 1);
    if (!a.get(0).isTextual()) {
      throw invalid(name);
    }
    String text = a.get(0).textValue();
    if (text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode parsed = JsonPaths.MAPPER.readTree(text);
      return parsed == null || parsed.isMissingNode() ? NullNode.getInstance() : parsed;
    } catch (IOException e) {
      throw invalid(name);
    }
  }

  private static JsonNode arrayPartition(String name, List<JsonNode> a) {
    arity(name, a, 2, 2);
    ArrayNode array = array(name, a.get(0));
    long size = integer(name, a.get(1));
    if (size <= 0) {
      throw invalid(name);
    }
    ArrayNode chunks = JsonPaths.NODES.arrayNode();
    for (int start = 0; start < array.size(); start += (int) Math.min(size, array.size())) {
      int end = (int) Math.min(array.size(), start + size);
      ArrayNode chunk = JsonPaths.NODES.arrayNode(end - start);
      for (int i = start; i < end; i++) {
        chunk.add(array.get(i));
      }
      chunks.add(chunk);
    }
    return chunks;
  }

  private static JsonNode arrayRange(String name, List<JsonNode> a) {
    arity(name, a, 3, 3);
    long start = integer(name, a.get(0));
    long end = integer(name, a.get(1));
    long step = integer(name, a.get(2));
    if (step == 0) {
      throw invalid(name);
    }
    long count = (step > 0 ? end >= start : end <= start) ? (end - start) / step + 1 : 0;
    if (count > MAX_RANGE_ITEMS) {
      throw invalid(name);
    }
    ArrayNode range = JsonPaths.NODES.arrayNode((int) count);
    for (long i = 0, value = start; i < count; i++, value += step) {
      range.add(number(value));
    }
    return range;
  }

  private static JsonNode hash(String name, List<JsonNode> a) {
    arity(name, a, 2, 2);
    JsonNode data = a.get(0);
    // AWS hashes a non-string argument too, as its text.
    String text = data.isTextual() ? data.textValue() : JsonPaths.compact(data);
    if (text.length() > MAX_STRING_LENGTH
        || !a.get(1).isTextual()
        || !HASH_ALGORITHMS.contains(a.get(1).textValue())) {
      throw invalid(name);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(a.get(1).textValue())
              .digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return TextNode.valueOf(hex.toString());
    } catch (NoSuchAlgorithmException e) {
      throw invalid(name);
    }
  }

  private static JsonNode jsonMerge(String name, List<JsonNode> a) {
    arity(name, a, 3, 3);
    // Only the shallow merge exists: AWS refuses deep = true.
    if (!a.get(0).isObject() || !a.get(1).isObject() || !a.get(2).isBoolean()) {
      throw invalid(name);
    }
    if (a.get(2).booleanValue()) {
      throw invalid(name);
    }
    ObjectNode merged = JsonPaths.NODES.objectNode();
    merged.setAll((ObjectNode) a.get(0));
    merged.setAll((ObjectNode) a.get(1));
    return merged;
  }

  private static JsonNode mathRandom(String name, List<JsonNode> a) {
    arity(name, a, 2, 3);
    long start = integer(name, a.get(0));
    long end = integer(name, a.get(1));
    if (start >= end || start < Integer.MIN_VALUE || end > Integer.MAX_VALUE) {
      throw invalid(name);
    }
    long bound = end - start;
    long value;
    if (a.size() == 3) {
      value = start + (long) (new Random(integer(name, a.get(2))).nextDouble() * bound);
    } else {
      value = start + ThreadLocalRandom.current().nextLong(bound);
    }
    return number(value);
  }

  private static JsonNode stringSplit(String name, List<JsonNode> a) {
    arity(name, a, 2, 2);
    if (!a.get(0).isTextual() || !a.get(1).isTextual()) {
      throw invalid(name);
    }
    String text = a.get(0).textValue();
    String delimiters = a.get(1).textValue();
    ArrayNode parts = JsonPaths.NODES.arrayNode();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
        if (i > start) {
          parts.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return parts;
  }

  // ---------------------------------------------------------------------------------------------
  // Argument helpers

  private static ArrayNode array(String name, JsonNode value) {
    if (!value.isArray()) {
      throw invalid(name);
    }
    return (ArrayNode) value;
  }

  private static String boundedString(String name, JsonNode value) {
    if (!value.isTextual() || value.textValue().length() > MAX_STRING_LENGTH) {
      throw invalid(name);
    }
    return value.textValue();
  }

  /** An integer argument; a fractional number is truncated, as AWS's ArrayRange does. */
  private static long integer(String name, JsonNode value) {
    if (!value.isNumber()) {
      throw invalid(name);
    }
    return value.canConvertToLong() ? value.asLong() : outOfRange(name);
  }

  /** A MathAdd operand: rounded half up, as AWS does (1.5 is 2, -1.5 is -1). */
  private static long rounded(String name, JsonNode value) {
    if (!value.isNumber()) {
      throw invalid(name);
    }
    long rounded = Math.round(value.doubleValue());
    if (rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE) {
      throw invalid(name);
    }
    return rounded;
  }

  private static long outOfRange(String name) {
    throw invalid(name);
  }

  private static JsonNode number(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
        ? IntNode.valueOf((int) value)
        : LongNode.valueOf(value);
  }

  /** The index of a value in an array, numbers compared by value (1 equals 1.0). */
  private static int indexOf(ArrayNode array, JsonNode value) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).equals(ChoiceRules.NUMERIC_EQUALITY, value)) {
        return i;
      }
    }
    return -1;
  }
}
