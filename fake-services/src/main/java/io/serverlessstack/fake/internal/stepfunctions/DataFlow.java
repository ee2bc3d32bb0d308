package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.util.Iterator;
import java.util.Map;

/** What a JSONPath state does with its data: the interpreter's one door to the language. */
final class DataFlow {

  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Payloads.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Payloads.MAPPER))
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();

  private DataFlow() {}

  /** InputPath and OutputPath: {@code null} gives {@code {}}. */
  static JsonNode select(JsonNode input, String path) {
    if (path == null) {
      return Payloads.NODES.objectNode();
    }
    if ("$".equals(path)) {
      return input;
    }
    JsonNode found = JsonPath.using(JSON_PATH).parse(input).read(path);
    if (found == null) {
      throw StatesError.inState(
          StatesError.RUNTIME, "Invalid path '" + path + "' : No results for path: " + path);
    }
    return found;
  }

  /** Parameters, ResultSelector and ItemSelector. */
  static JsonNode template(JsonNode template, JsonNode input, JsonNode context, String field) {
    if (!template.isObject()) {
      return template;
    }
    ObjectNode result = Payloads.NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String key = entry.getKey();
      if (key.endsWith(".$") && entry.getValue().isTextual()) {
        String path = entry.getValue().asText();
        JsonNode from = path.startsWith("$$") ? context : input;
        String relative = path.startsWith("$$") ? path.substring(1) : path;
        result.set(key.substring(0, key.length() - 2), select(from, relative));
      } else {
        result.set(key, template(entry.getValue(), input, context, field));
      }
    }
    return result;
  }

  /** ResultPath: the raw input with the result put at the path. */
  static JsonNode putResult(JsonNode rawInput, JsonNode result, String resultPath) {
    if (resultPath == null) {
      return rawInput;
    }
    if ("$".equals(resultPath)) {
      return result;
    }
    if (!rawInput.isObject()) {
      throw StatesError.of(
          StatesError.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ReferencePath " + resultPath + " to input " + Payloads.text(rawInput));
    }
    ObjectNode root = ((ObjectNode) rawInput).deepCopy();
    String[] parts = resultPath.substring(2).split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.get(parts[i]);
      if (next == null || !next.isObject()) {
        next = at.putObject(parts[i]);
      }
      at = (ObjectNode) next;
    }
    at.set(parts[parts.length - 1], result);
    return root;
  }

  /** Whether a Choice rule matches. */
  static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
    if (rule.has("And")) {
      for (JsonNode inner : rule.get("And")) {
        if (!matches(inner, input, context)) {
          return false;
        }
      }
      return true;
    }
    if (rule.has("Or")) {
      for (JsonNode inner : rule.get("Or")) {
        if (matches(inner, input, context)) {
          return true;
        }
      }
      return false;
    }
    if (rule.has("Not")) {
      return !matches(rule.get("Not"), input, context);
    }
    JsonNode value = JsonPath.using(JSON_PATH).parse(input).read(rule.get("Variable").asText());
    if (rule.has("IsPresent")) {
      return (value != null) == rule.get("IsPresent").asBoolean();
    }
    if (rule.has("StringEquals")) {
      return value != null
          && value.isTextual()
          && value.asText().equals(rule.get("StringEquals").asText());
    }
    if (rule.has("BooleanEquals")) {
      return value != null
          && value.isBoolean()
          && value.asBoolean() == rule.get("BooleanEquals").asBoolean();
    }
    if (rule.has("NumericEquals")) {
      return value != null
          && value.isNumber()
          && value.asDouble() == rule.get("NumericEquals").asDouble();
    }
    if (rule.has("NumericGreaterThan")) {
      return value != null
          && value.isNumber()
          && value.asDouble() > rule.get("NumericGreaterThan").asDouble();
    }
    return false;
  }

  /** The value a {@code ...Path} field (SecondsPath, ErrorPath, ...) names. */
  static JsonNode read(JsonNode input, String path) {
    return select(input, path);
  }
}
