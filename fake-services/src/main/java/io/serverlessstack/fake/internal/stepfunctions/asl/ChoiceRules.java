package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.PathNotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A JSONPath Choice rule evaluated against a state's input: a {@code Variable} with one comparison
 * operator, or {@code And} / {@code Or} / {@code Not} of rules. As on AWS, a comparison whose
 * operands are of the wrong type is false (StringEquals on a number), and a Variable that selects
 * nothing is a {@code States.Runtime} error, except for {@code IsPresent}.
 */
public final class ChoiceRules {

  /** JSON equality with numbers equal by value ({@code 1} is {@code 1.0}). */
  static final Comparator<JsonNode> NUMERIC_EQUALITY =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  /** RFC 3339 as the language restricts it: an uppercase T and Z. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private ChoiceRules() {}

  /**
   * Whether the rule matches.
   *
   * @throws StatesError {@code States.Runtime} when the Variable (or a {@code ...Path} operand)
   *     selects nothing; to be prefixed with the state
   * @throws IllegalArgumentException when the rule has no comparison (a definition error)
   */
  public static boolean evaluate(JsonNode rule, JsonNode input, PathRoots roots) {
    JsonNode and = rule.get("And");
    if (and != null) {
      for (JsonNode each : and) {
        if (!evaluate(each, input, roots)) {
          return false;
        }
      }
      return true;
    }
    JsonNode or = rule.get("Or");
    if (or != null) {
      for (JsonNode each : or) {
        if (evaluate(each, input, roots)) {
          return true;
        }
      }
      return false;
    }
    JsonNode not = rule.get("Not");
    if (not != null) {
      return !evaluate(not, input, roots);
    }
    JsonNode variable = rule.get("Variable");
    if (variable == null || !variable.isTextual()) {
      throw new IllegalArgumentException("A Choice rule needs a Variable or And, Or, Not");
    }
    for (Map.Entry<String, JsonNode> field : rule.properties()) {
      String operator = field.getKey();
      if (isOperator(operator)) {
        return compare(variable.textValue(), operator, field.getValue(), input, roots);
      }
    }
    throw new IllegalArgumentException("A Choice rule needs a comparison operator");
  }

  /** {@link #evaluate(JsonNode, JsonNode, PathRoots)} with a context object, no variables. */
  public static boolean evaluate(JsonNode rule, JsonNode input, JsonNode context) {
    return evaluate(rule, input, PathRoots.of(context, Variables.root()));
  }

  /** {@link #evaluate(JsonNode, JsonNode, PathRoots)} without a context object or variables. */
  public static boolean evaluate(JsonNode rule, JsonNode input) {
    return evaluate(rule, input, PathRoots.NONE);
  }

  /** Whether a field name is one of the comparison operators. */
  public static boolean isOperator(String name) {
    switch (name) {
      case "IsNull":
      case "IsPresent":
      case "IsNumeric":
      case "IsString":
      case "IsBoolean":
      case "IsTimestamp":
      case "BooleanEquals":
      case "BooleanEqualsPath":
        return true;
      default:
        String base = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
        return (base.startsWith("String")
                || base.startsWith("Numeric")
                || base.startsWith("Timestamp"))
            && (base.endsWith("Equals")
                || base.endsWith("LessThan")
                || base.endsWith("GreaterThan")
                || base.endsWith("LessThanEquals")
                || base.endsWith("GreaterThanEquals")
                || base.equals("StringMatches"));
    }
  }

  private static boolean compare(
      String variablePath, String operator, JsonNode operand, JsonNode input, PathRoots roots) {
    Optional<JsonNode> found = read(variablePath, input, roots);
    if (operator.equals("IsPresent")) {
      return found.isPresent() == operand.asBoolean();
    }
    JsonNode value = found.orElseThrow(() -> invalidPath(variablePath));
    switch (operator) {
      case "IsNull":
        return value.isNull() == operand.asBoolean();
      case "IsNumeric":
        return value.isNumber() == operand.asBoolean();
      case "IsString":
        return value.isTextual() == operand.asBoolean();
      case "IsBoolean":
        return value.isBoolean() == operand.asBoolean();
      case "IsTimestamp":
        return timestamp(value).isPresent() == operand.asBoolean();
      default:
        break;
    }
    String op = operator;
    JsonNode expected = operand;
    if (op.endsWith("Path")) {
      op = op.substring(0, op.length() - 4);
      String path = operand.asText();
      expected = read(path, input, roots).orElseThrow(() -> invalidPath(path));
    }
    if (op.equals("StringMatches")) {
      return value.isTextual()
          && expected.isTextual()
          && matches(value.textValue(), expected.textValue());
    }
    if (op.equals("BooleanEquals")) {
      return value.isBoolean()
          && expected.isBoolean()
          && value.booleanValue() == expected.booleanValue();
    }
    Integer order;
    String relation;
    if (op.startsWith("String")) {
      relation = op.substring("String".length());
      order =
          value.isTextual() && expected.isTextual()
              ? value.textValue().compareTo(expected.textValue())
              : null;
    } else if (op.startsWith("Numeric")) {
      relation = op.substring("Numeric".length());
      order =
          value.isNumber() && expected.isNumber()
              ? value.decimalValue().compareTo(expected.decimalValue())
              : null;
    } else {
      relation = op.substring("Timestamp".length());
      Optional<Instant> left = timestamp(value);
      Optional<Instant> right = timestamp(expected);
      order = left.isPresent() && right.isPresent() ? left.get().compareTo(right.get()) : null;
    }
    if (order == null) {
      return false;
    }
    switch (relation) {
      case "Equals":
        return order == 0;
      case "LessThan":
        return order < 0;
      case "GreaterThan":
        return order > 0;
      case "LessThanEquals":
        return order <= 0;
      case "GreaterThanEquals":
        return order >= 0;
      default:
        throw new IllegalArgumentException("Unknown Choice operator " + operator);
    }
  }

  private static Optional<JsonNode> read(String path, JsonNode input, PathRoots roots) {
    try {
      return Optional.of(roots.read(path, input));
    } catch (PathNotFoundException e) {
      return Optional.empty();
    }
  }

  private static StatesError invalidPath(String path) {
    return StatesError.inState(
        StatesError.RUNTIME,
        "Invalid path '"
            + path
            + "': The choice state's condition path references an invalid value.");
  }

  private static Optional<Instant> timestamp(JsonNode value) {
    if (!value.isTextual() || !TIMESTAMP.matcher(value.textValue()).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.textValue()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * StringMatches: {@code *} matches any run of characters, {@code \*} a star and {@code \\} a
   * backslash; everything else matches itself.
   */
  static boolean matches(String text, String pattern) {
    // Tokens: each pattern position is a literal char or a wildcard; matched greedily with
    // backtracking to the last wildcard, linear in practice.
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          starP = ++p;
          starT = t;
          continue;
        }
        int width = 1;
        if (c == '\\' && p + 1 < pattern.length()) {
          c = pattern.charAt(p + 1);
          width = 2;
        }
        if (c == text.charAt(t)) {
          p += width;
          t++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP;
      t = ++starT;
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
