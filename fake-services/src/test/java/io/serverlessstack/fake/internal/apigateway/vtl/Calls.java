package io.serverlessstack.fake.internal.apigateway.vtl;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Method requests for template tests: one plain call, changed a part at a time. */
final class Calls {

  static final Instant REQUEST_TIME = Instant.parse("2026-12-03T20:15:20.123Z");

  private String httpMethod = "POST";
  private String path = "/things/abc";
  private String rawQuery = "";
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private String body = "";
  private String resourcePath = "/things/{id}";
  private final Map<String, String> pathParameters = new LinkedHashMap<>();
  private final Map<String, String> stageVariables = new LinkedHashMap<>();
  private String apiKeyId;
  private Map<String, Object> authorizer = Map.of();

  static Calls call() {
    return new Calls();
  }

  Calls method(String method) {
    this.httpMethod = method;
    return this;
  }

  Calls path(String path, String resourcePath) {
    this.path = path;
    this.resourcePath = resourcePath;
    return this;
  }

  Calls query(String rawQuery) {
    this.rawQuery = rawQuery;
    return this;
  }

  Calls header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }

  Calls body(String body) {
    this.body = body;
    return this;
  }

  Calls pathParameter(String name, String value) {
    pathParameters.put(name, value);
    return this;
  }

  Calls stageVariable(String name, String value) {
    stageVariables.put(name, value);
    return this;
  }

  Calls apiKey(String key, String keyId) {
    headers.add(Map.entry("x-api-key", key));
    this.apiKeyId = keyId;
    return this;
  }

  Calls authorizer(Map<String, Object> authorizer) {
    this.authorizer = authorizer;
    return this;
  }

  ApiCall build() {
    return new ApiCall(
        httpMethod,
        path,
        rawQuery,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        "abcd1234",
        "prod",
        "dep123",
        "efg567",
        resourcePath,
        pathParameters,
        stageVariables,
        "111122223333",
        "us-east-1",
        "abcdefg-000-000-0000-abcdefg",
        REQUEST_TIME,
        "192.0.2.1",
        "HTTP/1.1",
        "abcd1234.execute-api.localhost",
        apiKeyId,
        authorizer);
  }

  /** The request template rendered for this call. */
  String render(String template) {
    return MappingTemplates.render(template, TemplateInput.forRequest(build())).body();
  }
}
