package io.serverlessstack.fake.internal.apigateway.proxy;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration of HTTP APIs: the events of payload formats 2.0 ({@code
 * APIGatewayV2HTTPEvent}) and 1.0, and how API Gateway reads the answers (AWS's "Create AWS Lambda
 * proxy integrations for HTTP APIs"). HTTP APIs pass header names on in lower case.
 */
public final class HttpEvents {

  /** The stage that serves an HTTP API at its root, without a stage in the path. */
  private static final String DEFAULT_STAGE = "$default";

  private HttpEvents() {}

  /**
   * The payload format 2.0 event's JSON.
   *
   * @param routeKey the matched route's key, e.g. {@code GET /orders/{id}} or {@code $default}
   */
  public static String v2Event(ApiCall call, String routeKey) {
    Map<String, List<String>> headers = CallFacts.lowerCaseHeaders(call);
    List<String> cookies = cookies(headers.remove("cookie"));
    String rawPath = stagePrefix(call) + call.path();
    boolean binary = call.body().length > 0 && !isText(call.header("Content-Type"));

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", rawPath);
    event.put("rawQueryString", call.rawQuery());
    if (!cookies.isEmpty()) {
      event.put("cookies", cookies);
    }
    event.put("headers", joined(headers));
    Map<String, List<String>> query = call.multiValueQuery();
    if (!query.isEmpty()) {
      event.put("queryStringParameters", joined(query));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("accountId", call.accountId());
    context.put("apiId", call.apiId());
    if (!call.authorizer().isEmpty()) {
      context.put("authorizer", call.authorizer());
    }
    context.put("domainName", call.domainName());
    context.put("domainPrefix", CallFacts.domainPrefix(call));
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("method", call.httpMethod());
    http.put("path", rawPath);
    http.put("protocol", call.protocol());
    http.put("sourceIp", call.sourceIp());
    http.put("userAgent", call.header("User-Agent"));
    context.put("http", http);
    context.put("requestId", call.requestId());
    context.put("routeKey", routeKey);
    context.put("stage", call.stage());
    context.put("time", CallFacts.requestTime(call));
    context.put("timeEpoch", call.requestTime().toEpochMilli());
    event.put("requestContext", context);
    if (call.body().length > 0) {
      event.put("body", ProxyEvents.body(call.body(), binary));
    }
    if (!call.pathParameters().isEmpty()) {
      event.put("pathParameters", call.pathParameters());
    }
    event.put("isBase64Encoded", binary);
    if (!call.stageVariables().isEmpty()) {
      event.put("stageVariables", call.stageVariables());
    }
    return ProxyJson.write(event);
  }

  /**
   * The payload format 1.0 event's JSON: REST's event plus {@code version}, with lower-case header
   * names, the stage in {@code path} unless it is {@code $default} (guessed from AWS's note that
   * format 1.0's {@code path} carries what {@code rawPath} leaves out), decoded path parameters,
   * and {@code requestContext.authorizer} as AWS's example shows it without an authorizer.
   *
   * @param routeKey the matched route's key
   */
  public static String v1Event(ApiCall call, String routeKey) {
    Map<String, List<String>> headers = CallFacts.lowerCaseHeaders(call);
    Map<String, List<String>> query = call.multiValueQuery();
    String path = stagePrefix(call) + call.path();
    boolean binary = call.body().length > 0 && !isText(call.header("Content-Type"));

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1.0");
    event.put("resource", call.resourcePath());
    event.put("path", path);
    event.put("httpMethod", call.httpMethod());
    event.put("headers", ProxyEvents.nullIfEmpty(CallFacts.lastValues(headers)));
    event.put("multiValueHeaders", ProxyEvents.nullIfEmpty(headers));
    event.put("queryStringParameters", ProxyEvents.nullIfEmpty(CallFacts.lastValues(query)));
    event.put("multiValueQueryStringParameters", ProxyEvents.nullIfEmpty(query));
    Map<String, Object> context = ProxyEvents.requestContext(call, path);
    context.remove("deploymentId");
    if (!context.containsKey("authorizer")) {
      Map<String, Object> none = new LinkedHashMap<>();
      none.put("claims", null);
      none.put("scopes", null);
      Map<String, Object> ordered = new LinkedHashMap<>();
      context.forEach(
          (key, value) -> {
            ordered.put(key, value);
            if (key.equals("apiId")) {
              ordered.put("authorizer", none);
            }
          });
      context = ordered;
    }
    // Guessed: AWS's example leaves it out, but format 1.0 events of HTTP APIs name their route.
    context.put("routeKey", routeKey);
    event.put("requestContext", context);
    event.put("pathParameters", ProxyEvents.nullIfEmpty(call.pathParameters()));
    event.put("stageVariables", ProxyEvents.nullIfEmpty(call.stageVariables()));
    event.put("body", ProxyEvents.body(call.body(), binary));
    event.put("isBase64Encoded", binary);
    return ProxyJson.write(event);
  }

  /**
   * Reads a format 2.0 answer: an object with {@code statusCode} is the response; any other JSON
   * value is the body of a 200 with {@code content-type: application/json} (AWS's documented
   * inference). A failed function or a malformed response is a 500 {@code Internal Server Error}.
   *
   * @param functionError the invocation's function error, or {@code null}
   */
  public static IntegrationOutcome readV2Response(byte[] payload, String functionError) {
    if (functionError != null) {
      return functionFailed(payload);
    }
    return ProxyAnswers.readVersion2(payload, IntegrationFailure::httpApiLambda);
  }

  /**
   * Reads a format 1.0 answer as REST APIs do, except that HTTP APIs have no binary media types: a
   * base64 body is always decoded, and failures are HTTP APIs' 500 {@code Internal Server Error}.
   *
   * @param functionError the invocation's function error, or {@code null}
   */
  public static IntegrationOutcome readV1Response(byte[] payload, String functionError) {
    if (functionError != null) {
      return functionFailed(payload);
    }
    return ProxyAnswers.readVersion1(payload, true, null, IntegrationFailure::httpApiLambda);
  }

  private static IntegrationFailure functionFailed(byte[] payload) {
    return IntegrationFailure.httpApiLambda(
        "Lambda function error: " + new String(payload, StandardCharsets.UTF_8));
  }

  /** Named stages are part of an HTTP API's path; {@code $default} serves at the root. */
  private static String stagePrefix(ApiCall call) {
    return DEFAULT_STAGE.equals(call.stage()) ? "" : "/" + call.stage();
  }

  /** The cookies of the {@code Cookie} headers, one entry each. */
  private static List<String> cookies(List<String> cookieHeaders) {
    List<String> cookies = new ArrayList<>();
    if (cookieHeaders == null) {
      return cookies;
    }
    for (String header : cookieHeaders) {
      for (String cookie : header.split(";")) {
        if (!cookie.isBlank()) {
          cookies.add(cookie.trim());
        }
      }
    }
    return cookies;
  }

  /** Repeated values joined with commas, as format 2.0 carries them. */
  private static Map<String, String> joined(Map<String, List<String>> multi) {
    Map<String, String> joined = new LinkedHashMap<>();
    multi.forEach((name, values) -> joined.put(name, String.join(",", values)));
    return joined;
  }

  /**
   * Whether HTTP APIs pass a body of this type on as text; any other body goes base64-encoded. HTTP
   * APIs have no binary media types; which types count as text is guessed from how they behave
   * (text, JSON, XML, JavaScript, forms), and a body without a type counts as binary.
   */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/javascript")
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/graphql");
  }
}
