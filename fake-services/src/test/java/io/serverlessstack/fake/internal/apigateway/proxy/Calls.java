package io.serverlessstack.fake.internal.apigateway.proxy;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls of a deployed API for the tests, built like the gateway builds them. */
final class Calls {

  /** {@code 04/Mar/2020:19:15:17 +0000}, the time of AWS's documented example event. */
  static final Instant REQUEST_TIME = Instant.ofEpochMilli(1583349317135L);

  private String method = "GET";
  private String path = "/my/path";
  private String query = "";
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private String stage = "prod";
  private String resourcePath = "/my/path";
  private final Map<String, String> pathParameters = new LinkedHashMap<>();
  private final Map<String, String> stageVariables = new LinkedHashMap<>();
  private String apiKeyId;
  private Map<String, Object> authorizer = Map.of();
  private String domainName = "abc123.execute-api.localhost";

  static Calls get(String path) {
    Calls calls = new Calls();
    calls.path = path;
    calls.resourcePath = path;
    return calls;
  }

  Calls method(String method) {
    this.method = method;
    return this;
  }

  Calls query(String rawQuery) {
    this.query = rawQuery;
    return this;
  }

  Calls header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }

  Calls body(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8));
  }

  Calls body(byte[] bytes) {
    this.body = bytes;
    return this;
  }

  Calls stage(String stage) {
    this.stage = stage;
    return this;
  }

  Calls resource(String template) {
    this.resourcePath = template;
    return this;
  }

  Calls pathParameter(String name, String decodedValue) {
    pathParameters.put(name, decodedValue);
    return this;
  }

  Calls stageVariable(String name, String value) {
    stageVariables.put(name, value);
    return this;
  }

  Calls apiKeyId(String id) {
    this.apiKeyId = id;
    return this;
  }

  Calls authorizer(Map<String, Object> authorizer) {
    this.authorizer = authorizer;
    return this;
  }

  Calls domainName(String domainName) {
    this.domainName = domainName;
    return this;
  }

  ApiCall build() {
    return new ApiCall(
        method,
        path,
        query,
        headers,
        body,
        "abc123",
        stage,
        "dep456",
        "res789",
        resourcePath,
        pathParameters,
        stageVariables,
        "123456789012",
        "us-east-1",
        "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        REQUEST_TIME,
        "192.0.2.1",
        "HTTP/1.1",
        domainName,
        apiKeyId,
        authorizer);
  }
}
