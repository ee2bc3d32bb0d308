package io.serverlessstack.fake.internal.apigateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads the answers of Lambda proxy integrations (payload formats 1.0 and 2.0). */
final class ProxyAnswers {

  /** The only fields a format 1.0 answer may have: any other makes it malformed (AWS-validated). */
  private static final Set<String> VERSION_1_FIELDS =
      Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

  private static final String EXPECTED_FORMAT =
      "Lambda output should follow the JSON format { \"isBase64Encoded\": true|false,"
          + " \"statusCode\": httpStatusCode, \"headers\": { \"headerName\": \"headerValue\", ... },"
          + " \"body\": \"...\"} but was: ";

  private ProxyAnswers() {}

  /** Thrown inside the readers for an answer AWS rejects. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * A format 1.0 answer: an object of {@code statusCode} (default 200; a number or a numeric
   * string), {@code headers}, {@code multiValueHeaders}, {@code body} (a string) and {@code
   * isBase64Encoded}, each optional.
   *
   * @param decodeBase64 whether a base64 body is decoded when the answer says it is base64
   * @param defaultContentType the {@code Content-Type} the response gets when the answer names none
   */
  static IntegrationOutcome readVersion1(
      byte[] payload,
      boolean decodeBase64,
      String defaultContentType,
      Function<String, IntegrationFailure> failure) {
    JsonNode answer = ProxyJson.readOrNull(payload);
    String text = new String(payload, StandardCharsets.UTF_8);
    if (answer == null || !answer.isObject()) {
      return failure.apply("Malformed Lambda proxy response: " + EXPECTED_FORMAT + text);
    }
    try {
      for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!VERSION_1_FIELDS.contains(name)) {
          throw new Malformed("unexpected field " + name);
        }
      }
      int status = statusCode(answer.get("statusCode"));
      Map<String, List<String>> headers =
          merge(
              singleHeaders(answer.get("headers")), multiHeaders(answer.get("multiValueHeaders")));
      if (defaultContentType != null && !hasHeader(headers, "Content-Type")) {
        Map<String, List<String>> withType = new LinkedHashMap<>();
        withType.put("Content-Type", List.of(defaultContentType));
        withType.putAll(headers);
        headers = withType;
      }
      boolean base64 = isBase64Encoded(answer);
      byte[] body = body(answer.get("body"), decodeBase64 && base64);
      return new IntegrationResponse(status, headers, body);
    } catch (Malformed malformed) {
      return failure.apply(
          "Malformed Lambda proxy response ("
              + malformed.getMessage()
              + "): "
              + EXPECTED_FORMAT
              + text);
    }
  }

  /**
   * A format 2.0 answer. An object with {@code statusCode} is read as the response ({@code
   * statusCode}, {@code headers}, {@code cookies} as {@code set-cookie}, {@code body}, {@code
   * isBase64Encoded}); anything else that is JSON is the body of a 200 with {@code content-type:
   * application/json} (a JSON string as its text, any other value as its JSON).
   */
  static IntegrationOutcome readVersion2(
      byte[] payload, Function<String, IntegrationFailure> failure) {
    JsonNode answer = ProxyJson.readOrNull(payload);
    if (answer == null) {
      // Guessed: AWS documents only JSON answers; a function that writes other bytes (a stream
      // handler) gets them passed on as the body, as for any value that is not a response.
      return inferred(payload);
    }
    if (!answer.isObject() || !answer.has("statusCode")) {
      byte[] body =
          answer.isTextual()
              ? answer.textValue().getBytes(StandardCharsets.UTF_8)
              : ProxyJson.write(answer).getBytes(StandardCharsets.UTF_8);
      return inferred(body);
    }
    try {
      int status = statusCode(answer.get("statusCode"));
      Map<String, List<String>> headers = singleHeaders(answer.get("headers"));
      List<String> cookies = stringList(answer.get("cookies"), "cookies");
      if (!cookies.isEmpty()) {
        headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).addAll(cookies);
      }
      byte[] body = body(answer.get("body"), isBase64Encoded(answer));
      // No Content-Type is added here: what AWS sends without one is not documented.
      return new IntegrationResponse(status, headers, body);
    } catch (Malformed malformed) {
      return failure.apply(
          "Malformed Lambda proxy response ("
              + malformed.getMessage()
              + "): "
              + new String(payload, StandardCharsets.UTF_8));
    }
  }

  private static IntegrationResponse inferred(byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("content-type", List.of("application/json"));
    return new IntegrationResponse(200, headers, body);
  }

  private static int statusCode(JsonNode node) throws Malformed {
    if (node == null || node.isNull()) {
      return 200;
    }
    int status;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      status = node.intValue();
    } else if (node.isTextual()) {
      try {
        status = Integer.parseInt(node.textValue().trim());
      } catch (NumberFormatException notANumber) {
        throw new Malformed("statusCode " + node + " is not a number");
      }
    } else {
      throw new Malformed("statusCode " + node + " is not a number");
    }
    // Guessed: a status outside HTTP's range cannot be sent, so it is as malformed as a word.
    if (status < 100 || status > 599) {
      throw new Malformed("statusCode " + status + " is not an HTTP status");
    }
    return status;
  }

  private static Map<String, List<String>> singleHeaders(JsonNode node) throws Malformed {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new Malformed("headers is not an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String value = headerValue(field.getValue(), field.getKey());
      if (value != null) {
        headers.put(field.getKey(), new ArrayList<>(List.of(value)));
      }
    }
    return headers;
  }

  private static Map<String, List<String>> multiHeaders(JsonNode node) throws Malformed {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new Malformed("multiValueHeaders is not an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        continue;
      }
      if (!field.getValue().isArray()) {
        throw new Malformed("multiValueHeaders." + field.getKey() + " is not a list");
      }
      List<String> values = new ArrayList<>();
      for (JsonNode element : field.getValue()) {
        String value = headerValue(element, field.getKey());
        if (value != null) {
          values.add(value);
        }
      }
      headers.put(field.getKey(), values);
    }
    return headers;
  }

  /**
   * A header's value: strings as they are, booleans as {@code true}/{@code false} (AWS-validated);
   * numbers as their text (guessed); {@code null} leaves the header out (guessed).
   */
  private static String headerValue(JsonNode value, String name) throws Malformed {
    if (value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean() || value.isNumber()) {
      return value.asText();
    }
    throw new Malformed("header " + name + " is not a string");
  }

  /**
   * The merge AWS does: a name in both maps (regardless of case) takes the multi-value spelling and
   * its values followed by the single value (AWS-validated: {@code value-multi, value-solo}).
   */
  private static Map<String, List<String>> merge(
      Map<String, List<String>> single, Map<String, List<String>> multi) {
    Map<String, List<String>> merged = new LinkedHashMap<>(single);
    multi.forEach(
        (name, values) -> {
          List<String> combined = new ArrayList<>(values);
          String existing = null;
          for (String key : merged.keySet()) {
            if (key.equalsIgnoreCase(name)) {
              existing = key;
              break;
            }
          }
          if (existing != null) {
            combined.addAll(merged.remove(existing));
          }
          merged.put(name, combined);
        });
    return merged;
  }

  private static boolean hasHeader(Map<String, List<String>> headers, String name) {
    for (String key : headers.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBase64Encoded(JsonNode answer) throws Malformed {
    JsonNode flag = answer.get("isBase64Encoded");
    if (flag == null || flag.isNull()) {
      return false;
    }
    if (flag.isBoolean()) {
      return flag.booleanValue();
    }
    // Guessed: AWS reads the flag leniently, like its other fields, so "true" counts.
    if (flag.isTextual() && (flag.textValue().equals("true") || flag.textValue().equals("false"))) {
      return Boolean.parseBoolean(flag.textValue());
    }
    throw new Malformed("isBase64Encoded is not a boolean");
  }

  private static byte[] body(JsonNode node, boolean base64) throws Malformed {
    if (node == null || node.isNull()) {
      return new byte[0];
    }
    if (!node.isTextual()) {
      // An object as body is AWS's best-known "Malformed Lambda proxy response".
      throw new Malformed("body is not a string");
    }
    if (!base64) {
      return node.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(node.textValue().strip());
    } catch (IllegalArgumentException notBase64) {
      throw new Malformed("body is not base64");
    }
  }

  private static List<String> stringList(JsonNode node, String field) throws Malformed {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw new Malformed(field + " is not a list");
    }
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new Malformed(field + " holds a value that is not a string");
      }
      values.add(element.textValue());
    }
    return values;
  }
}
