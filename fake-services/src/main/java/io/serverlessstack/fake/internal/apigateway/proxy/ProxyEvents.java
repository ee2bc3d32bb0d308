package io.serverlessstack.fake.internal.apigateway.proxy;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lambda proxy integration of REST APIs ({@code AWS_PROXY}): the event a function receives
 * ({@code APIGatewayProxyRequestEvent}, AWS's "input format of a Lambda function for proxy
 * integration") and how API Gateway reads its answer.
 */
public final class ProxyEvents {

  /** Headers AWS's front (CloudFront) passes on capitalised, whatever case the client sent. */
  private static final Map<String, String> CAPITALISED =
      Map.of("authorization", "Authorization", "user-agent", "User-Agent");

  private ProxyEvents() {}

  /**
   * The event's JSON.
   *
   * @param binaryMediaTypes the API's binary media types: a body whose {@code Content-Type} is one
   *     of them goes base64-encoded with {@code isBase64Encoded: true}
   */
  public static String restEvent(ApiCall call, Set<String> binaryMediaTypes) {
    Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
    CallFacts.forwardedHeaders(call)
        .forEach(
            (name, values) ->
                multiValueHeaders.put(
                    CAPITALISED.getOrDefault(CallFacts.lower(name), name), values));
    Map<String, List<String>> query = call.multiValueQuery();
    Map<String, String> pathParameters = CallFacts.rawPathParameters(call);

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("resource", call.resourcePath());
    event.put("path", CallFacts.collapsedPath(call));
    event.put("httpMethod", call.httpMethod());
    event.put("headers", nullIfEmpty(CallFacts.lastValues(multiValueHeaders)));
    event.put("multiValueHeaders", nullIfEmpty(multiValueHeaders));
    event.put("queryStringParameters", nullIfEmpty(CallFacts.lastValues(query)));
    event.put("multiValueQueryStringParameters", nullIfEmpty(query));
    event.put("pathParameters", nullIfEmpty(pathParameters));
    event.put("stageVariables", nullIfEmpty(call.stageVariables()));
    event.put("requestContext", requestContext(call, "/" + call.stage() + call.path()));
    boolean binary = BinaryMediaTypes.matches(contentTypeOrDefault(call), binaryMediaTypes);
    event.put("body", body(call.body(), binary));
    event.put("isBase64Encoded", binary && call.body().length > 0);
    return ProxyJson.write(event);
  }

  /**
   * Reads a function's answer as a REST API does.
   *
   * @param call the call the function answered; its first {@code Accept} type decides, with {@code
   *     binaryMediaTypes}, whether a base64 body ({@code isBase64Encoded: true}) is decoded (it is
   *     sent as the base64 text otherwise, as AWS does)
   * @param binaryMediaTypes the API's binary media types
   * @param payload the function's answer
   * @param functionError the invocation's function error ({@code Unhandled}), or {@code null} when
   *     the function returned normally
   * @return the response, or a 502 {@code Internal server error} for a failed function or an answer
   *     AWS rejects
   */
  public static IntegrationOutcome readRestResponse(
      ApiCall call, Set<String> binaryMediaTypes, byte[] payload, String functionError) {
    if (functionError != null) {
      return IntegrationFailure.restLambda(
          "Lambda execution failed with status 200 due to customer function error: "
              + new String(payload, StandardCharsets.UTF_8));
    }
    boolean decodeBase64 = BinaryMediaTypes.matches(call.header("Accept"), binaryMediaTypes);
    return ProxyAnswers.readVersion1(
        payload, decodeBase64, "application/json", IntegrationFailure::restLambda);
  }

  /**
   * The {@code requestContext} of payload 1.0 (REST APIs, and HTTP APIs' format 1.0).
   *
   * @param contextPath the path with the stage, e.g. {@code /prod/orders}
   */
  static Map<String, Object> requestContext(ApiCall call, String contextPath) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("accountId", call.accountId());
    context.put("apiId", call.apiId());
    if (!call.authorizer().isEmpty()) {
      context.put("authorizer", call.authorizer());
    }
    context.put("deploymentId", call.deploymentId());
    context.put("domainName", call.domainName());
    context.put("domainPrefix", CallFacts.domainPrefix(call));
    context.put("extendedRequestId", call.extendedRequestId());
    context.put("httpMethod", call.httpMethod());
    context.put("identity", identity(call));
    context.put("path", contextPath);
    context.put("protocol", call.protocol());
    context.put("requestId", call.requestId());
    context.put("requestTime", CallFacts.requestTime(call));
    context.put("requestTimeEpoch", call.requestTime().toEpochMilli());
    context.put("resourceId", call.resourceId());
    context.put("resourcePath", call.resourcePath());
    context.put("stage", call.stage());
    return context;
  }

  /** Who called: IAM and Cognito fields stay {@code null} as AWS sends them without those. */
  private static Map<String, Object> identity(ApiCall call) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("accessKey", null);
    identity.put("accountId", null);
    if (call.apiKeyId() != null) {
      identity.put("apiKey", call.header("x-api-key"));
      identity.put("apiKeyId", call.apiKeyId());
    }
    identity.put("caller", null);
    identity.put("cognitoAuthenticationProvider", null);
    identity.put("cognitoAuthenticationType", null);
    identity.put("cognitoIdentityId", null);
    identity.put("cognitoIdentityPoolId", null);
    identity.put("principalOrgId", null);
    identity.put("sourceIp", call.sourceIp());
    identity.put("user", null);
    identity.put("userAgent", call.header("User-Agent"));
    identity.put("userArn", null);
    return identity;
  }

  /**
   * The body as the event carries it: {@code null} when empty, base64 when binary, else UTF-8 text
   * (bytes that are not UTF-8 become U+FFFD, as a text body of AWS's would; guessed).
   */
  static String body(byte[] body, boolean binary) {
    if (body.length == 0) {
      return null;
    }
    return binary
        ? Base64.getEncoder().encodeToString(body)
        : new String(body, StandardCharsets.UTF_8);
  }

  /** REST APIs take a call without {@code Content-Type} as JSON. */
  private static String contentTypeOrDefault(ApiCall call) {
    String contentType = call.header("Content-Type");
    return contentType == null ? "application/json" : contentType;
  }

  static <K, V> Map<K, V> nullIfEmpty(Map<K, V> map) {
    return map.isEmpty() ? null : map;
  }
}
