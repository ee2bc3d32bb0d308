package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.apigateway.proxy.IntegrationFailure;
import io.serverlessstack.fake.internal.apigateway.vtl.Rendered;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AWS} integrations of REST APIs: the rendered integration request sent to the service the
 * URI names, as API Gateway sends it, and the service's answer handed back for the integration
 * responses to map. The request reaches the stack's own service in-process, through the same
 * routing a client's request takes, so the service decodes it with its own codec and answers (or
 * fails) in its own protocol.
 *
 * <ul>
 *   <li>{@code arn:aws:apigateway:{region}:{service}:path/{path}}: the rendered body is sent as it
 *       is to {@code /{path}} ({@code {name}} filled from the mapped path parameters);
 *   <li>{@code arn:aws:apigateway:{region}:{service}:action/{Action}}: sent to {@code /} with
 *       {@code Action={Action}} in the query string; services that speak JSON get the {@code
 *       X-Amz-Target} of the action (e.g. {@code AWSStepFunctions.StartExecution}).
 * </ul>
 *
 * A query protocol service (SQS, SNS) answers XML; API Gateway asks for JSON ({@code Accept:
 * application/json}) unless the integration maps another {@code Accept}, and those services then
 * answer their legacy JSON form, {@code {"SendMessageResponse": {"SendMessageResult": {…},
 * "ResponseMetadata": {…}}}}, which response templates read with {@code $input.path}.
 *
 * <p>A Lambda function invoked through {@code lambda:path/2015-03-31/functions/{arn}/invocations}
 * answers 200; when it fails, its {@code errorMessage} is what the integration responses' selection
 * patterns are matched against, as AWS documents for Lambda custom integrations.
 */
final class AwsServiceIntegrations {

  private static final Pattern AWS_URI =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:apigateway:([a-z0-9-]+):([a-zA-Z0-9.-]+):(path|action)/(.*)");

  private static final Pattern URI_LABEL = Pattern.compile("\\{([^}]+)}");

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The target prefixes of the JSON services whose actions API Gateway names by itself. */
  private static final Map<String, String> TARGET_PREFIXES =
      Map.of(
          "states", "AWSStepFunctions",
          "kinesis", "Kinesis_20131202",
          "firehose", "Firehose_20150804",
          "dynamodb", "DynamoDB_20120810");

  private static final String LAMBDA_INVOCATIONS = "2015-03-31/functions/";

  private final ApiGatewayEngine engine;

  AwsServiceIntegrations(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  /** The integration URI is not one API Gateway can send to. */
  static final class UnusableUri extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnusableUri(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Sends the integration request and hands back the service's answer.
   *
   * @param method the integration's HTTP method ({@code ANY} means the call's)
   * @param rendered the rendered request template and what it overrode
   * @param mapped the integration request parameters mapped from the call
   * @param timeout the integration's timeout, counted on the stack's clock
   * @param inFlight the call as the stack's clock sees it, which the service parks while it waits
   *     on the clock (a {@code StartSyncExecution} whose machine waits)
   * @return the answer; failed with {@link RestApiIntegrations.IntegrationFailed} ({@code 504
   *     Endpoint request timed out}) when the service does not answer within {@code timeout}
   */
  CompletionStage<RestApiIntegrations.Answer> call(
      String uri,
      String method,
      ApiCall call,
      Rendered rendered,
      IntegrationRequestParameters mapped,
      Duration timeout,
      StackClock.InFlight inFlight) {
    Matcher aws = uri == null ? null : AWS_URI.matcher(uri);
    if (aws == null || !aws.matches()) {
      return CompletableFuture.failedFuture(new UnusableUri("not an AWS integration URI: " + uri));
    }
    String region = aws.group(1);
    String service = aws.group(2);
    boolean action = aws.group(3).equals("action");
    String resource = aws.group(4);

    Map<String, List<String>> query = new LinkedHashMap<>(mapped.query());
    query.putAll(rendered.overrides().requestQuerystring());
    Map<String, String> pathParameters = new LinkedHashMap<>(mapped.path());
    pathParameters.putAll(rendered.overrides().requestPath());

    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("application/json"));
    headers.put("Content-Type", List.of("application/json"));
    String path;
    if (action) {
      // action/{Action}&Name=value… carries the action's own parameters after the action's name.
      String[] parts = resource.split("&");
      String actionName = parts[0];
      for (int i = 1; i < parts.length; i++) {
        int equals = parts[i].indexOf('=');
        if (equals > 0) {
          query.put(
              parts[i].substring(0, equals),
              List.of(withLabels(parts[i].substring(equals + 1), pathParameters, false)));
        }
      }
      Map<String, List<String>> withAction = new LinkedHashMap<>();
      withAction.put("Action", List.of(actionName));
      withAction.putAll(query);
      query = withAction;
      path = "/";
      String prefix = TARGET_PREFIXES.get(service);
      if (prefix != null) {
        headers.put("X-Amz-Target", List.of(prefix + "." + actionName));
      }
    } else {
      path = "/" + withLabels(resource, pathParameters, true);
    }
    putAll(headers, mapped.headers());
    putAll(headers, rendered.overrides().requestHeaders());

    String httpMethod = method == null || method.equals("ANY") ? call.httpMethod() : method;
    boolean bodiless =
        httpMethod.equals("GET") || httpMethod.equals("HEAD") || httpMethod.equals("OPTIONS");
    byte[] body = bodiless ? new byte[0] : rendered.body().getBytes(StandardCharsets.UTF_8);
    StackRequest request =
        request(httpMethod, service, region, call.accountId(), path, query, headers, body);
    boolean wantsJson = headerValue(headers, "Accept").toLowerCase(Locale.ROOT).contains("json");
    boolean lambda = service.equals("lambda") && resource.startsWith(LAMBDA_INVOCATIONS);
    CompletableFuture<RestApiIntegrations.Answer> answered = new CompletableFuture<>();
    StackClock clock = engine.clock();
    StackClock.Scheduled deadline =
        clock.schedule(
            clock.now().plus(timeout),
            () ->
                answered.completeExceptionally(
                    new RestApiIntegrations.IntegrationFailed(
                        timedOut(
                            "Execution failed due to a timeout: "
                                + service
                                + " "
                                + resource
                                + " after "
                                + timeout))));
    engine
        .services()
        .route(request, inFlight)
        .whenComplete(
            (response, failure) -> {
              deadline.cancel();
              if (failure != null) {
                answered.completeExceptionally(failure);
              } else {
                answered.complete(answer(response, wantsJson, lambda));
              }
            });
    return answered;
  }

  /** AWS's answer to an integration that timed out: 504 {@code Endpoint request timed out}. */
  private static IntegrationFailure timedOut(String reason) {
    String message = "Endpoint request timed out";
    return new IntegrationFailure(
        "INTEGRATION_TIMEOUT", 504, message, "{\"message\": \"" + message + "\"}", reason);
  }

  private static void putAll(
      Map<String, List<String>> headers, Map<String, List<String>> replacing) {
    for (Map.Entry<String, List<String>> header : replacing.entrySet()) {
      headers.keySet().removeIf(name -> name.equalsIgnoreCase(header.getKey()));
      headers.put(header.getKey(), header.getValue());
    }
  }

  private static String headerValue(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return "";
  }

  /** {@code text} with each {@code {name}} replaced by the mapped path parameter of that name. */
  private static String withLabels(String text, Map<String, String> parameters, boolean inPath) {
    Matcher label = URI_LABEL.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (label.find()) {
      String value = parameters.get(label.group(1));
      String replacement =
          value == null ? label.group() : inPath ? encodePathSegment(value) : value;
      label.appendReplacement(filled, Matcher.quoteReplacement(replacement));
    }
    label.appendTail(filled);
    return filled.toString();
  }

  private static String encodePathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }

  /**
   * The request as API Gateway sends it: to the service's regional host, signed (SigV4) in the
   * API's account for the service the URI names.
   */
  private StackRequest request(
      String method,
      String service,
      String region,
      String accountId,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body) {
    String amzDate = AMZ_DATE.format(engine.now());
    Map<String, String> lowerCased = new LinkedHashMap<>();
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    Map<String, List<String>> all = new LinkedHashMap<>();
    all.put("Host", List.of(service + "." + region + ".amazonaws.com"));
    all.put("X-Amz-Date", List.of(amzDate));
    // Our services take the account from a 12-digit access key id; signatures are not verified.
    all.put(
        "Authorization",
        List.of(
            "AWS4-HMAC-SHA256 Credential="
                + accountId
                + "/"
                + amzDate.substring(0, 8)
                + "/"
                + region
                + "/"
                + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                + "0".repeat(64)));
    all.putAll(headers);
    all.put("Content-Length", List.of(String.valueOf(body.length)));
    for (Map.Entry<String, List<String>> header : all.entrySet()) {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      for (String value : header.getValue()) {
        lines.add(Map.entry(header.getKey(), value));
        lowerCased.merge(lower, value, (first, next) -> first + "," + next);
      }
    }
    return new StackRequest(
        method, path, queryString(query), lowerCased, body, lines, StackRequest.HTTP_1_1);
  }

  private static String queryString(Map<String, List<String>> query) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      for (String value : parameter.getValue()) {
        if (text.length() > 0) {
          text.append('&');
        }
        text.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return text.toString();
  }

  /** The service's answer as the integration responses see it. */
  private static RestApiIntegrations.Answer answer(
      StackResponse response, boolean wantsJson, boolean lambda) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of(response.contentType()));
    response.headers().forEach((name, value) -> headers.put(name, List.of(value.split("\n", -1))));
    byte[] body = response.body();
    String contentType = response.contentType() == null ? "" : response.contentType();
    if (wantsJson && contentType.toLowerCase(Locale.ROOT).contains("xml")) {
      body = QueryXmlAsJson.convert(body);
      headers.put("Content-Type", List.of("application/json"));
    }
    String selector = String.valueOf(response.status());
    if (lambda && response.status() == 200) {
      selector = functionErrorMessage(response, body);
    }
    return new RestApiIntegrations.Answer(response.status(), headers, body, selector);
  }

  /**
   * What a Lambda answer selects by: a failed function's {@code errorMessage} (empty if it has
   * none), else {@code null}, which selects the default integration response.
   */
  private static String functionErrorMessage(StackResponse response, byte[] body) {
    boolean failed = false;
    for (String name : response.headers().keySet()) {
      failed |= name.equalsIgnoreCase("X-Amz-Function-Error");
    }
    if (!failed) {
      return null;
    }
    try {
      JsonNode error = Json.read(body, JsonNode.class);
      JsonNode message = error == null ? null : error.get("errorMessage");
      return message == null || message.isNull() ? "" : message.asText();
    } catch (RuntimeException notJson) {
      return "";
    }
  }
}
