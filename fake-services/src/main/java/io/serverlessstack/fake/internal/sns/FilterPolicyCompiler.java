package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.sns.FilterPolicyPattern.Kind;
import io.serverlessstack.fake.internal.sns.FilterPolicyPattern.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a filter policy into fields and rules, rejecting what SNS rejects with SNS's words.
 *
 * <p>SNS's messages for a malformed rule are those of the AWS event-ruler library's rule compiler,
 * which walks the policy token by token and reports where it stopped: {@code "FilterPolicy: Only
 * one key allowed in match expression\n at [Source: (String)"{…}"; line: 1, column: 37]"}. The
 * column counts in SNS's own compact re-serialisation of the policy, so this class walks the same
 * compact text with a Jackson parser, checks in event-ruler's order, and lets Jackson format the
 * location. Malformed CIDR blocks and single out-of-range {@code anything-but} numbers have no
 * location, as in SNS.
 */
final class FilterPolicyCompiler {

  /** Jackson leaves the source out of locations by default; event-ruler (and so SNS) shows it. */
  private static final JsonFactory RULES =
      JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private static final String OR = "$or";

  /**
   * Field names that make an object inside {@code "$or"} a plain object rather than an alternative;
   * then {@code "$or"} is an ordinary property name (SNS "AND/OR logic", "OR operator").
   */
  private static final Set<String> RESERVED =
      Set.of(
          "exactly",
          "equals-ignore-case",
          "prefix",
          "suffix",
          "anything-but",
          "exists",
          "wildcard",
          "numeric",
          "cidr",
          "=",
          "<",
          "<=",
          ">",
          ">=",
          "regex",
          "not-wildcard",
          "not-equals-ignore-case",
          "date-after",
          "date-on-or-after",
          "date-before",
          "date-on-or-before",
          "in-date-range",
          "ip-address-in-range",
          "ip-address-not-in-range");

  /** An AND of fields and of {@code $or} groups. */
  sealed interface Member permits Field, Alternatives {}

  /**
   * One property of the policy and its rules, any of which may match.
   *
   * @param path the property's dotted path ({@code detail.scope})
   * @param depth how deeply it is nested: 1 at the top level
   * @param rules the rules, in the policy's order
   * @param json the rules as written, for reasons
   */
  record Field(String path, int depth, List<FilterPolicyPattern> rules, String json)
      implements Member {

    /** Whether {@code {"exists": false}} is among the rules. */
    boolean acceptsAbsence() {
      return rules.contains(FilterPolicyPattern.Exists.ABSENT);
    }
  }

  /** {@code "$or": [{…}, {…}]}: at least one alternative matches. */
  record Alternatives(List<List<Member>> alternatives) implements Member {}

  private final JsonParser parser;

  private FilterPolicyCompiler(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Compiles a policy that is a JSON object with at least one property.
   *
   * @param root the policy as parsed
   * @param compact its compact serialisation, the text SNS's rule compiler reads
   * @throws FilterPolicyException if SNS's rule compiler would refuse it
   */
  static List<Member> compile(JsonNode root, String compact) {
    try (JsonParser parser = RULES.createParser(compact)) {
      FilterPolicyCompiler compiler = new FilterPolicyCompiler(parser);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw compiler.barf("Filter is not an object");
      }
      return compiler.object(root, "", 1);
    } catch (JsonParseException e) {
      throw new FilterPolicyException("FilterPolicy: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new FilterPolicyException("FilterPolicy: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Member> object(JsonNode node, String prefix, int depth) throws IOException {
    List<Member> members = new ArrayList<>();
    boolean fieldsPresent = false;
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      fieldsPresent = true;
      String name = parser.currentName();
      JsonNode child = node.get(name);
      if (name.equals(OR) && isAlternatives(child)) {
        members.add(alternatives(child, prefix, depth));
        continue;
      }
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      switch (parser.nextToken()) {
        case START_OBJECT -> members.addAll(object(child, path, depth + 1));
        case START_ARRAY -> members.add(rules(path, depth, child));
        default -> throw barf(String.format("\"%s\" must be an object or an array", name));
      }
    }
    if (!fieldsPresent) {
      throw barf("Empty objects are not allowed");
    }
    return members;
  }

  /**
   * Whether {@code "$or"} introduces alternatives: an array of at least two objects, none of which
   * uses a reserved field name (SNS "AND/OR logic", "OR operator").
   */
  private static boolean isAlternatives(JsonNode node) {
    if (node == null || !node.isArray() || node.size() < 2) {
      return false;
    }
    for (JsonNode alternative : node) {
      if (!alternative.isObject() || usesReservedName(alternative)) {
        return false;
      }
    }
    return true;
  }

  private static boolean usesReservedName(JsonNode object) {
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (RESERVED.contains(entry.getKey())
          || (entry.getValue().isObject() && usesReservedName(entry.getValue()))) {
        return true;
      }
    }
    return false;
  }

  private Alternatives alternatives(JsonNode node, String prefix, int depth) throws IOException {
    parser.nextToken(); // the array
    List<List<Member>> alternatives = new ArrayList<>();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      alternatives.add(object(node.get(index++), prefix, depth));
    }
    return new Alternatives(List.copyOf(alternatives));
  }

  private Field rules(String path, int depth, JsonNode array) throws IOException {
    List<FilterPolicyPattern> rules = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      switch (token) {
        case START_OBJECT -> rules.add(matchExpression());
        case VALUE_STRING ->
            rules.add(FilterPolicyPattern.Exact.of(Value.string(parser.getText())));
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            rules.add(FilterPolicyPattern.Exact.of(Value.number(parser.getText())));
        case VALUE_TRUE -> rules.add(FilterPolicyPattern.Exact.of(Value.literal(Kind.TRUE)));
        case VALUE_FALSE -> rules.add(FilterPolicyPattern.Exact.of(Value.literal(Kind.FALSE)));
        case VALUE_NULL -> rules.add(FilterPolicyPattern.Exact.of(Value.literal(Kind.NULL)));
        default -> throw barf("Match value must be String, number, true, false, or null");
      }
    }
    if (rules.isEmpty()) {
      throw barf("Empty arrays are not allowed");
    }
    return new Field(path, depth, List.copyOf(rules), array.toString());
  }

  /** One {@code {"operator": …}} rule, read in event-ruler's order. */
  private FilterPolicyPattern matchExpression() throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME) {
      throw barf("Match expression name not found");
    }
    String operator = parser.currentName();
    switch (operator) {
      case "prefix" -> {
        return endOfExpression(new FilterPolicyPattern.Prefix(string("prefix")));
      }
      case "suffix" -> {
        return endOfExpression(new FilterPolicyPattern.Suffix(string("suffix")));
      }
      case "equals-ignore-case" -> {
        return endOfExpression(
            new FilterPolicyPattern.EqualsIgnoreCase(string("equals-ignore-case")));
      }
      case "wildcard" -> {
        return endOfExpression(wildcard(string("wildcard")));
      }
      case "cidr" -> {
        // SNS names the wrong type of a CIDR "prefix", as event-ruler does.
        return endOfExpression(FilterPolicyPattern.Cidr.parse(string("prefix")));
      }
      case "exists" -> {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
          throw barf("exists match pattern must be either true or false.");
        }
        return endOfExpression(
            token == JsonToken.VALUE_TRUE
                ? FilterPolicyPattern.Exists.PRESENT
                : FilterPolicyPattern.Exists.ABSENT);
      }
      case "numeric" -> {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw barf("Value of numeric must be an array.");
        }
        FilterPolicyPattern range = numeric();
        if (parser.nextToken() != JsonToken.END_OBJECT) {
          throw barf("Too many elements in numeric expression");
        }
        return range;
      }
      case "anything-but" -> {
        return anythingBut();
      }
      default -> throw barf("Unrecognized match type " + operator);
    }
  }

  private String string(String operator) throws IOException {
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      throw barf(operator + " match pattern must be a string");
    }
    return parser.getText();
  }

  private FilterPolicyPattern wildcard(String pattern) throws IOException {
    try {
      return FilterPolicyPattern.Wildcard.parse(pattern);
    } catch (IllegalArgumentException e) {
      throw barf(e.getMessage());
    }
  }

  private FilterPolicyPattern endOfExpression(FilterPolicyPattern rule) throws IOException {
    if (parser.nextToken() != JsonToken.END_OBJECT) {
      throw barf("Only one key allowed in match expression");
    }
    return rule;
  }

  private FilterPolicyPattern anythingBut() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.START_OBJECT) {
      if (parser.nextToken() != JsonToken.FIELD_NAME) {
        throw barf("Anything-But expression name not found");
      }
      String operator = parser.currentName();
      if (!operator.equals("prefix")
          && !operator.equals("suffix")
          && !operator.equals("wildcard")) {
        throw barf("Unsupported anything-but pattern: " + operator);
      }
      String text = string(operator);
      FilterPolicyPattern inner;
      if (operator.equals("wildcard")) {
        inner = wildcard(text);
      } else if (text.isEmpty()) {
        throw barf("Null " + operator + " not allowed");
      } else {
        inner =
            operator.equals("prefix")
                ? new FilterPolicyPattern.Prefix(text)
                : new FilterPolicyPattern.Suffix(text);
      }
      endOfExpression(null);
      return endOfExpression(new FilterPolicyPattern.AnythingButPattern(inner));
    }
    Set<String> strings = new HashSet<>();
    Set<Long> numbers = new HashSet<>();
    switch (token) {
      case START_ARRAY -> {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
          switch (element) {
            case VALUE_STRING -> strings.add(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
              Long c = FilterPolicyPattern.comparable(parser.getDoubleValue());
              if (c == null) {
                throw barf(FilterPolicyPattern.Numeric.outOfRange().getMessage());
              }
              numbers.add(c);
            }
            default -> throw barf("Inside anything but list, start|null|boolean is not supported.");
          }
        }
        if (strings.isEmpty() == numbers.isEmpty()) {
          throw barf(
              "Inside anything but list, either all values are number or string, mixed type is not"
                  + " supported");
        }
      }
      case VALUE_STRING -> strings.add(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        // event-ruler lets this one escape without a location.
        Long c = FilterPolicyPattern.comparable(parser.getDoubleValue());
        if (c == null) {
          throw FilterPolicyPattern.Numeric.outOfRange();
        }
        numbers.add(c);
      }
      default ->
          throw barf("Value of anything-but must be an array or single string/number value.");
    }
    if (parser.nextToken() != JsonToken.END_OBJECT) {
      throw barf("Too many elements in numeric expression");
    }
    return new FilterPolicyPattern.AnythingBut(Set.copyOf(strings), Set.copyOf(numbers));
  }

  private FilterPolicyPattern numeric() throws IOException {
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      throw barf("Invalid member in numeric match: " + parser.getText());
    }
    String operator = parser.getText();
    JsonToken token = parser.nextToken();
    try {
      switch (operator) {
        case "=" -> {
          double value = numericValue(token, "equals");
          if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw barf("Too many elements in numeric expression");
          }
          return FilterPolicyPattern.Numeric.equalTo(value);
        }
        case ">=", ">" -> {
          double bottom = numericValue(token, operator);
          boolean open = operator.equals(">");
          token = parser.nextToken();
          if (token == JsonToken.END_ARRAY) {
            return FilterPolicyPattern.Numeric.between(
                bottom, open, FilterPolicyPattern.NUMBER_LIMIT, false);
          }
          return range(token, bottom, open);
        }
        case "<=", "<" -> {
          double top = numericValue(token, operator);
          if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw barf("Too many elements in numeric expression");
          }
          return FilterPolicyPattern.Numeric.between(
              -FilterPolicyPattern.NUMBER_LIMIT, false, top, operator.equals("<"));
        }
        default -> throw barf("Unrecognized numeric range operator: " + operator);
      }
    } catch (IllegalArgumentException e) {
      throw barf(e.getMessage());
    }
  }

  private double numericValue(JsonToken token, String name) throws IOException {
    if (token == null || !token.isNumeric()) {
      throw barf("Value of " + name + " must be numeric");
    }
    return parser.getDoubleValue();
  }

  private FilterPolicyPattern range(JsonToken token, double bottom, boolean openBottom)
      throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw barf("Bad value in numeric range: " + parser.getText());
    }
    String operator = parser.getText();
    if (!operator.equals("<") && !operator.equals("<=")) {
      throw barf("Bad numeric range operator: " + operator);
    }
    double top = numericValue(parser.nextToken(), operator);
    if (parser.nextToken() != JsonToken.END_ARRAY) {
      throw barf("Too many terms in numeric range expression");
    }
    return FilterPolicyPattern.Numeric.between(bottom, openBottom, top, operator.equals("<"));
  }

  /** An error where the parser stands, worded and located as SNS words and locates it. */
  private JsonParseException barf(String message) {
    return new JsonParseException(parser, message, parser.currentLocation());
  }
}
