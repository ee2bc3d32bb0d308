package io.serverlessstack.fake.internal.apigateway.vtl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPaths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON as plain Java values for templates, shaped as AWS's JSONPath engine (Jayway on json-smart)
 * hands them over: objects as insertion-ordered maps, arrays as {@link JsonArrayValue}, numbers as
 * {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double}, strings, booleans and {@code
 * null}.
 */
final class JsonValues {

  private JsonValues() {}

  /** A tree read from text; throws {@link JsonProcessingException} when it is no JSON. */
  static JsonNode parse(String text) throws JsonProcessingException {
    return JsonPaths.MAPPER.readTree(text);
  }

  /**
   * The body as a JSON tree. A body that is no JSON counts as one JSON string holding its text:
   * json-smart, which AWS's JSONPath engine parses with, reads such text permissively as a string
   * (a guess at AWS's behaviour: {@code $input.path('$')} gives the text, {@code
   * $input.path('$.x')} nothing).
   */
  static JsonNode parseLeniently(String text) {
    try {
      JsonNode tree = parse(text);
      return tree == null || tree.isMissingNode() ? JsonNodeFactory.instance.textNode(text) : tree;
    } catch (JsonProcessingException notJson) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }

  /** The node as a Java value. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        object.put(field.getKey(), toJava(field.getValue()));
      }
      return object;
    }
    if (node.isArray()) {
      JsonArrayValue array = new JsonArrayValue(node.size());
      for (JsonNode element : node) {
        array.add(toJava(element));
      }
      return array;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) {
        return node.intValue();
      }
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}
