package io.serverlessstack.fake.internal.apigateway.vtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPathException;
import io.serverlessstack.fake.internal.apigateway.ApiCall;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $input}: the payload a template transforms (the method request's body in a request
 * template, the integration response's body in a response template) and the method request's
 * parameters (in both). Public only because Velocity calls methods of public classes alone.
 */
public final class InputVariable {

  /** What AWS shows a template for an empty payload: an empty JSON object. */
  static final String EMPTY_BODY = "{}";

  private final String body;
  private final ApiCall call;
  private JsonNode tree;

  InputVariable(String body, ApiCall call) {
    this.body = body == null || body.isEmpty() ? EMPTY_BODY : body;
    this.call = call;
  }

  /** The raw payload; {@code {}} when it is empty, as AWS's recorded answers show. */
  public String getBody() {
    return body;
  }

  /**
   * The compact JSON text of what the JSONPath expression selects; {@code ""} (a JSON empty string)
   * when it selects nothing.
   */
  public String json(String path) {
    JsonNode selected = select(path);
    if (selected == null) {
      // As LocalStack answers; AWS's own answer for a missing path is not recorded (a guess).
      return "\"\"";
    }
    return JsonPaths.compact(selected);
  }

  /**
   * What the JSONPath expression selects as a template object: a map (fields by {@code .name}), a
   * list (usable in {@code #foreach}, with {@code .size()}), a string, number or boolean; {@code
   * null} when it selects nothing.
   */
  public Object path(String path) {
    return JsonValues.toJava(select(path));
  }

  /**
   * Every method request parameter: a map with {@code path}, {@code querystring} and {@code header}
   * maps, each from a name to its value (the last one, for a repeated header or query parameter).
   */
  public Map<String, Map<String, String>> params() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    all.put("path", new LinkedHashMap<>(call.pathParameters()));
    all.put("querystring", lastValues(call.multiValueQuery()));
    all.put("header", lastValues(call.multiValueHeaders()));
    return all;
  }

  /**
   * The parameter's value, searched in the path, then the query string, then the headers (AWS's
   * order); {@code ""} when there is none.
   */
  public String params(String name) {
    if (name == null) {
      return "";
    }
    String value = call.pathParameters().get(name);
    if (value != null) {
      return value;
    }
    List<String> query = call.multiValueQuery().get(name);
    if (query != null && !query.isEmpty()) {
      return query.get(query.size() - 1);
    }
    // Header names match regardless of case, as HTTP has them (a guess for AWS).
    String header = null;
    for (Map.Entry<String, String> entry : call.headers()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        header = entry.getValue();
      }
    }
    return header == null ? "" : header;
  }

  @Override
  public String toString() {
    return body;
  }

  private JsonNode select(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    if (tree == null) {
      tree = JsonValues.parseLeniently(body);
    }
    try {
      JsonNode selected = JsonPaths.read(path, tree);
      return selected == null || selected.isMissingNode() ? null : selected;
    } catch (JsonPathException | IllegalArgumentException nothingThere) {
      return null;
    }
  }

  private static Map<String, String> lastValues(Map<String, List<String>> multi) {
    Map<String, String> single = new LinkedHashMap<>();
    multi.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
    return single;
  }
}
