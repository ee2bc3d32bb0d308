package io.serverlessstack.fake.internal.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a deployed API, once the gateway has matched it to a route: what the client sent and
 * what API Gateway knows of it. Mapping templates ({@code $input}, {@code $context}, {@code
 * $stageVariables}), proxy events and HTTP integrations read it; nothing here is service-specific.
 *
 * @param httpMethod the method the client used (not {@code ANY})
 * @param path the path under the stage as sent, still percent-encoded, starting with {@code /}
 * @param rawQuery the query string as sent, without {@code ?}; empty for none
 * @param headers the headers as they came: in order, names in the client's case, a repeated header
 *     once per entry
 * @param body the body's bytes; empty for none
 * @param apiId the API's id
 * @param stage the stage's name
 * @param deploymentId the deployment the stage serves
 * @param resourceId the matched resource's id (REST APIs), or the route's id (HTTP APIs)
 * @param resourcePath the matched resource's path template, e.g. {@code /orders/{id}} or {@code
 *     /{proxy+}}; for HTTP APIs the route key's path
 * @param pathParameters the template's labels with their decoded values, in template order
 * @param stageVariables the stage's variables
 * @param accountId the API's account
 * @param region the API's region
 * @param requestId the id API Gateway gives the call (its {@code x-amzn-RequestId})
 * @param requestTime when the gateway received it, by the stack's clock
 * @param sourceIp the caller's address
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param domainName the host the client addressed, without port
 * @param apiKeyId the id of the API key the call presented and the gateway accepted, or {@code
 *     null}
 * @param authorizer what an authorizer returned for the call (principal id, context, claims), empty
 *     without one
 */
public record ApiCall(
    String httpMethod,
    String path,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String apiId,
    String stage,
    String deploymentId,
    String resourceId,
    String resourcePath,
    Map<String, String> pathParameters,
    Map<String, String> stageVariables,
    String accountId,
    String region,
    String requestId,
    Instant requestTime,
    String sourceIp,
    String protocol,
    String domainName,
    String apiKeyId,
    Map<String, Object> authorizer) {

  public ApiCall {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(path, "path");
    rawQuery = rawQuery == null ? "" : rawQuery;
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
    pathParameters = Map.copyOf(pathParameters);
    stageVariables = Map.copyOf(stageVariables);
    authorizer = authorizer == null ? Map.of() : Map.copyOf(authorizer);
  }

  /** The first value of a header, matched regardless of case, or {@code null}. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /**
   * The headers by name in the client's case, each with its values in order; names differing only
   * in case are kept under the first spelling.
   */
  public Map<String, List<String>> multiValueHeaders() {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    Map<String, String> spelling = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      String name =
          spelling.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> header.getKey());
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
    }
    return byName;
  }

  /** The query's parameters, decoded, each with its values in order. */
  public Map<String, List<String>> multiValueQuery() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /**
   * The gateway's extended id of the call ({@code $context.extendedRequestId}): 16 characters of
   * base64 as AWS shows them (e.g. {@code JKJaXmPLvHcESHA=}), derived from {@code requestId} so
   * that every reader of the call sees the same one.
   */
  public String extendedRequestId() {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(requestId).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
    return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 11));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The path, percent-decoded. */
  public String decodedPath() {
    return decode(path.replace("+", "%2B"));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
