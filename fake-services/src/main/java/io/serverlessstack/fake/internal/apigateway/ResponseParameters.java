package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of an integration response's header mappings ({@code responseParameters}): a literal
 * in single quotes, a header of the integration's answer ({@code integration.response.header.X}, or
 * every value of it with {@code multivalueheader}), its body or a field of it ({@code
 * integration.response.body.a.b}), a stage variable, or a context variable.
 */
final class ResponseParameters {

  private static final String HEADER = "integration.response.header.";
  private static final String MULTI_VALUE_HEADER = "integration.response.multivalueheader.";
  private static final String BODY = "integration.response.body";
  private static final String STAGE_VARIABLE = "stageVariables.";
  private static final String CONTEXT = "context.";

  private ResponseParameters() {}

  /** The value {@code expression} maps to, or {@code null} when it names nothing there. */
  static String value(
      String expression, Map<String, List<String>> headers, byte[] body, ApiCall call) {
    if (expression == null) {
      return null;
    }
    if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
      return expression.substring(1, expression.length() - 1);
    }
    if (expression.startsWith(HEADER)) {
      List<String> values = values(headers, expression.substring(HEADER.length()));
      return values.isEmpty() ? null : values.get(0);
    }
    if (expression.startsWith(MULTI_VALUE_HEADER)) {
      List<String> values = values(headers, expression.substring(MULTI_VALUE_HEADER.length()));
      return values.isEmpty() ? null : String.join(",", values);
    }
    if (expression.equals(BODY)) {
      return new String(body, StandardCharsets.UTF_8);
    }
    if (expression.startsWith(BODY + ".")) {
      return bodyField(body, expression.substring(BODY.length() + 1));
    }
    if (expression.startsWith(STAGE_VARIABLE)) {
      return call.stageVariables().get(expression.substring(STAGE_VARIABLE.length()));
    }
    if (expression.startsWith(CONTEXT)) {
      return context(call, expression.substring(CONTEXT.length()));
    }
    return null;
  }

  private static List<String> values(Map<String, List<String>> headers, String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }

  /** A field of a JSON body by its dotted path: text as it is, anything else as JSON. */
  private static String bodyField(byte[] body, String path) {
    JsonNode node;
    try {
      node = Json.read(body, JsonNode.class);
    } catch (RuntimeException notJson) {
      return null;
    }
    for (String field : path.split("\\.")) {
      node = node == null ? null : node.get(field);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  static String context(ApiCall call, String variable) {
    switch (variable) {
      case "requestId":
        return call.requestId();
      case "apiId":
        return call.apiId();
      case "stage":
        return call.stage();
      case "resourceId":
        return call.resourceId();
      case "resourcePath":
        return call.resourcePath();
      case "httpMethod":
        return call.httpMethod();
      case "domainName":
        return call.domainName();
      case "identity.sourceIp":
        return call.sourceIp();
      default:
        return null;
    }
  }
}
