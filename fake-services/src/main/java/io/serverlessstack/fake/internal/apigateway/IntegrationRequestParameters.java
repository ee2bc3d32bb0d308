package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An integration's request parameter mappings ({@code requestParameters}) applied to one call, as
 * API Gateway applies them for non-proxy integrations: each {@code integration.request.header.X},
 * {@code integration.request.querystring.X} or {@code integration.request.path.X} takes the value
 * of a method request parameter ({@code method.request.path|querystring|header.Y}, their {@code
 * multivalue} forms, {@code method.request.body} or a field of it), a literal in single quotes, a
 * stage variable or a context variable. A mapping whose source has no value is left out, as AWS
 * leaves it out.
 *
 * @param headers the integration request's mapped headers, each with its values
 * @param query the integration request's mapped query string parameters, each with its values
 * @param path the integration request's mapped path parameters, for the URI's {@code {name}}
 */
record IntegrationRequestParameters(
    Map<String, List<String>> headers, Map<String, List<String>> query, Map<String, String> path) {

  static final IntegrationRequestParameters NONE =
      new IntegrationRequestParameters(Map.of(), Map.of(), Map.of());

  private static final String TARGET = "integration.request.";
  private static final String METHOD_REQUEST = "method.request.";
  private static final String STAGE_VARIABLE = "stageVariables.";
  private static final String CONTEXT = "context.";

  /** The mappings applied to {@code call}; {@code mappings} may be {@code null} or empty. */
  static IntegrationRequestParameters of(Map<String, String> mappings, ApiCall call) {
    if (mappings == null || mappings.isEmpty()) {
      return NONE;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, List<String>> query = new LinkedHashMap<>();
    Map<String, String> path = new LinkedHashMap<>();
    for (Map.Entry<String, String> mapping : mappings.entrySet()) {
      String target = mapping.getKey();
      if (!target.startsWith(TARGET)) {
        continue;
      }
      List<String> values = values(mapping.getValue(), call);
      if (values.isEmpty()) {
        continue;
      }
      String location = target.substring(TARGET.length());
      int dot = location.indexOf('.');
      if (dot < 0) {
        continue;
      }
      String name = location.substring(dot + 1);
      switch (location.substring(0, dot)) {
        case "header":
          headers.put(name, List.of(String.join(",", values)));
          break;
        case "multivalueheader":
          headers.put(name, values);
          break;
        case "querystring":
        case "multivaluequerystring":
          // A single-valued source gave one value already; a multi-valued one sends each.
          query.put(name, values);
          break;
        case "path":
          path.put(name, values.get(0));
          break;
        default:
          break;
      }
    }
    return new IntegrationRequestParameters(headers, query, path);
  }

  /** The values {@code source} names for {@code call}; empty when it names nothing there. */
  static List<String> values(String source, ApiCall call) {
    if (source == null) {
      return List.of();
    }
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return List.of(source.substring(1, source.length() - 1));
    }
    if (source.startsWith(STAGE_VARIABLE)) {
      return listOf(call.stageVariables().get(source.substring(STAGE_VARIABLE.length())));
    }
    if (source.startsWith(CONTEXT)) {
      return listOf(ResponseParameters.context(call, source.substring(CONTEXT.length())));
    }
    if (!source.startsWith(METHOD_REQUEST)) {
      return List.of();
    }
    String parameter = source.substring(METHOD_REQUEST.length());
    if (parameter.equals("body")) {
      return List.of(call.bodyText());
    }
    if (parameter.startsWith("body.")) {
      return listOf(bodyField(call, parameter.substring("body.".length())));
    }
    int dot = parameter.indexOf('.');
    if (dot < 0) {
      return List.of();
    }
    String name = parameter.substring(dot + 1);
    switch (parameter.substring(0, dot)) {
      case "path":
        return listOf(call.pathParameters().get(name));
      case "querystring":
        List<String> values = valuesIgnoringNothing(call.multiValueQuery().get(name));
        return values.isEmpty() ? values : List.of(values.get(values.size() - 1));
      case "multivaluequerystring":
        return valuesIgnoringNothing(call.multiValueQuery().get(name));
      case "header":
        return listOf(call.header(name));
      case "multivalueheader":
        List<String> headerValues = new ArrayList<>();
        for (Map.Entry<String, String> header : call.headers()) {
          if (header.getKey().equalsIgnoreCase(name)) {
            headerValues.add(header.getValue());
          }
        }
        return headerValues;
      default:
        return List.of();
    }
  }

  private static List<String> listOf(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private static List<String> valuesIgnoringNothing(List<String> values) {
    return values == null ? List.of() : values;
  }

  /**
   * A field of the call's JSON body by a JSONPath ({@code $.a.b}) or a dotted path ({@code a.b}).
   */
  private static String bodyField(ApiCall call, String path) {
    JsonNode node;
    try {
      node = Json.read(call.body(), JsonNode.class);
    } catch (RuntimeException notJson) {
      return null;
    }
    String dotted = path.startsWith("$.") ? path.substring(2) : path;
    for (String field : dotted.split("\\.")) {
      node = node == null ? null : node.get(field);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }
}
