package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.apigateway.proxy.ProxyEvents;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.lambda.ServiceInvocations;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Method;

/**
 * Authorizers of REST API methods, as API Gateway runs them after routing and before API keys,
 * throttles and request validation: Cognito user pools ({@code COGNITO_USER_POOLS}, see {@link
 * CognitoAuthorizers}) and Lambda authorizers ({@code CUSTOM}):
 *
 * <ul>
 *   <li>the identity sources are read first; a missing one (or a {@code TOKEN} that fails the
 *       {@code identityValidationExpression}) is 401 {@code {"message":"Unauthorized"}} without
 *       invoking the function;
 *   <li>the function gets the {@code TOKEN} event ({@code type, authorizationToken, methodArn}) or
 *       the {@code REQUEST} event (the proxy event's request shape, without the body, plus {@code
 *       type} and {@code methodArn});
 *   <li>its answer's IAM policy decides: an explicit {@code Deny} on the call's method ARN wins,
 *       else an {@code Allow} lets the call through, else 403; its {@code context} reaches the
 *       integration as {@code $context.authorizer.*} and {@code requestContext.authorizer}, its
 *       {@code usageIdentifierKey} is the API key when the API's key source is {@code AUTHORIZER};
 *   <li>a function that fails with the message {@code Unauthorized} is 401; one that fails
 *       otherwise or answers something else than a policy is 500 {@code
 *       AUTHORIZER_CONFIGURATION_ERROR};
 *   <li>answers are cached for {@code authorizerResultTtlInSeconds} (300 unless set, 0 for never)
 *       by identity source values, on the stack's clock; the cached policy is evaluated again for
 *       every call, as AWS does (a policy naming one path denies the others).
 * </ul>
 */
final class Authorizers {

  private static final Logger LOG = LoggerFactory.getLogger(Authorizers.class);

  static final String EXPLICIT_DENY =
      "User is not authorized to access this resource with an explicit deny";
  static final String IMPLICIT_DENY = "User is not authorized to access this resource";

  private static final int DEFAULT_TTL_SECONDS = 300;
  private static final String HEADER = "method.request.header.";
  private static final String MULTI_HEADER = "method.request.multivalueheader.";
  private static final String QUERY = "method.request.querystring.";
  private static final String MULTI_QUERY = "method.request.multivaluequerystring.";
  private static final String STAGE_VARIABLE = "stageVariables.";
  private static final String CONTEXT = "context.";

  private final ApiGatewayEngine engine;

  Authorizers(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  /**
   * What a Lambda authorizer answered, before it is evaluated against one call.
   *
   * @param context the answer's {@code context}: strings, numbers and booleans
   */
  record Verdict(
      String principalId,
      JsonNode policy,
      Map<String, Object> context,
      String usageIdentifierKey) {}

  /**
   * How authorization ended for one call.
   *
   * @param authorizer what the integration sees of the authorizer ({@link ApiCall#authorizer()})
   * @param usageIdentifierKey the API key the authorizer named, or {@code null}
   * @param refusal the gateway's answer when the call goes no further, else {@code null}
   * @param refusalType the gateway response type of {@code refusal}
   */
  record Outcome(
      Map<String, Object> authorizer,
      String usageIdentifierKey,
      StackResponse refusal,
      GatewayError refusalType) {

    static final Outcome NONE = new Outcome(Map.of(), null, null, null);

    static Outcome refused(StackResponse response, GatewayError type) {
      return new Outcome(Map.of(), null, response, type);
    }
  }

  /** Made on first use: only Cognito authorizers load the JOSE library. */
  private volatile CognitoAuthorizers cognito;

  /** Whether {@code method} has an authorizer: a Lambda or a Cognito one. */
  static boolean applies(Method method) {
    return method.authorizerId() != null
        && ("CUSTOM".equals(method.authorizationType())
            || "COGNITO_USER_POOLS".equals(method.authorizationType()));
  }

  CognitoAuthorizers cognito() {
    CognitoAuthorizers made = cognito;
    if (made == null) {
      synchronized (this) {
        made = cognito;
        if (made == null) {
          made = new CognitoAuthorizers(engine);
          cognito = made;
        }
      }
    }
    return made;
  }

  CompletionStage<Outcome> authorize(RestApiState api, Method method, ApiCall call) {
    if (!applies(method)) {
      return CompletableFuture.completedFuture(Outcome.NONE);
    }
    Authorizer authorizer;
    synchronized (api) {
      // The live authorizer, not one frozen with the deployment: a simplification of ours.
      authorizer = api.authorizers.get(method.authorizerId());
    }
    if (authorizer == null) {
      return done(configurationError(api, call, "authorizer " + method.authorizerId() + " gone"));
    }
    if ("COGNITO_USER_POOLS".equals(authorizer.typeAsString())) {
      return cognito().authorize(api, authorizer, method, call);
    }
    boolean token = !"REQUEST".equals(authorizer.typeAsString());
    List<String> identity = identity(authorizer, call, token);
    if (identity == null) {
      return done(unauthorized(api, call));
    }
    String methodArn = methodArn(call);
    int ttl =
        authorizer.authorizerResultTtlInSeconds() == null
            ? DEFAULT_TTL_SECONDS
            : authorizer.authorizerResultTtlInSeconds();
    AuthorizerCache.Key key =
        new AuthorizerCache.Key(call.apiId(), call.stage(), authorizer.id(), identity);
    // A REQUEST authorizer without identity sources cannot be cached: AWS requires them for it.
    boolean cached = ttl > 0 && !identity.isEmpty();
    Instant now = engine.now();
    if (cached) {
      Verdict verdict = engine.authorizerCache().get(key, now);
      if (verdict != null) {
        return done(evaluate(api, call, verdict, methodArn, 0));
      }
    }
    return invoke(authorizer, call, identity, methodArn)
        .thenApply(
            invocation -> {
              if (invocation.verdict() == null) {
                return invocation.failure() == GatewayError.UNAUTHORIZED
                    ? unauthorized(api, call)
                    : configurationError(api, call, invocation.reason());
              }
              if (cached) {
                engine
                    .authorizerCache()
                    .put(key, invocation.verdict(), now.plus(Duration.ofSeconds(ttl)));
              }
              long latency = Duration.between(now, engine.now()).toMillis();
              return evaluate(api, call, invocation.verdict(), methodArn, latency);
            });
  }

  /**
   * What a Lambda authorizer's function made of a call: its verdict, or why there is none.
   *
   * @param failure {@code UNAUTHORIZED} (the function said so) or {@code
   *     AUTHORIZER_CONFIGURATION_ERROR}; {@code null} with a verdict
   */
  record Invocation(Verdict verdict, GatewayError failure, String reason) {

    static Invocation failed(GatewayError failure, String reason) {
      return new Invocation(null, failure, reason);
    }
  }

  /**
   * Runs a Lambda authorizer's function for a call whose identity sources hold {@code identity}.
   */
  CompletionStage<Invocation> invoke(
      Authorizer authorizer, ApiCall call, List<String> identity, String methodArn) {
    String functionArn =
        IntegrationUris.lambdaFunctionArn(
            RestApiIntegrations.withStageVariables(
                authorizer.authorizerUri(), call.stageVariables()));
    if (functionArn == null || !engine.services().runs("lambda")) {
      return CompletableFuture.completedFuture(
          Invocation.failed(
              GatewayError.AUTHORIZER_CONFIGURATION_ERROR,
              "no Lambda function in " + authorizer.authorizerUri()));
    }
    boolean token = !"REQUEST".equals(authorizer.typeAsString());
    byte[] event =
        Json.write(token ? tokenEvent(identity.get(0), methodArn) : requestEvent(call, methodArn));
    LambdaEngine lambda = engine.services().engine("lambda", LambdaEngine.class);
    String trigger =
        "arn:aws:execute-api:"
            + call.region()
            + ":"
            + call.accountId()
            + ":"
            + call.apiId()
            + "/authorizers/"
            + authorizer.id();
    return ServiceInvocations.invoke(lambda, functionArn, event, trigger)
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                return Invocation.failed(
                    GatewayError.AUTHORIZER_CONFIGURATION_ERROR, "invocation failed: " + failure);
              }
              String payload = new String(answer.payload(), StandardCharsets.UTF_8);
              if (answer.failed()) {
                return "Unauthorized".equals(errorMessage(answer.payload()))
                    ? Invocation.failed(GatewayError.UNAUTHORIZED, "Unauthorized")
                    : Invocation.failed(
                        GatewayError.AUTHORIZER_CONFIGURATION_ERROR, "function failed: " + payload);
              }
              Verdict verdict = verdict(answer.payload());
              return verdict == null
                  ? Invocation.failed(
                      GatewayError.AUTHORIZER_CONFIGURATION_ERROR, "not a policy: " + payload)
                  : new Invocation(verdict, null, null);
            });
  }

  private static CompletionStage<Outcome> done(Outcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  // ---- identity sources

  /**
   * The values of the authorizer's identity sources in the call, in their order, or {@code null}
   * when one is missing or empty (or a token fails the validation expression).
   */
  static List<String> identity(Authorizer authorizer, ApiCall call, boolean token) {
    String sources = authorizer.identitySource();
    if (token) {
      String header =
          sources == null || !sources.startsWith(HEADER)
              ? "Authorization"
              : sources.substring(HEADER.length()).trim();
      String value = call.header(header);
      if (value == null || value.isEmpty() || !validates(authorizer, value)) {
        return null;
      }
      return List.of(value);
    }
    List<String> values = new ArrayList<>();
    if (sources == null || sources.isBlank()) {
      return values;
    }
    for (String source : sources.split(",")) {
      String value = identityValue(source.trim(), call);
      if (value == null || value.isEmpty()) {
        return null;
      }
      values.add(value);
    }
    return values;
  }

  private static boolean validates(Authorizer authorizer, String token) {
    String expression = authorizer.identityValidationExpression();
    if (expression == null || expression.isEmpty()) {
      return true;
    }
    try {
      return Pattern.compile(expression).matcher(token).matches();
    } catch (PatternSyntaxException invalid) {
      // AWS rejects such an expression at CreateAuthorizer; one that slipped in lets nothing by.
      return false;
    }
  }

  private static String identityValue(String source, ApiCall call) {
    if (source.startsWith(HEADER)) {
      return call.header(source.substring(HEADER.length()));
    }
    if (source.startsWith(MULTI_HEADER)) {
      String name = source.substring(MULTI_HEADER.length());
      List<String> values = new ArrayList<>();
      call.headers().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .forEach(header -> values.add(header.getValue()));
      return values.isEmpty() ? null : String.join(",", values);
    }
    if (source.startsWith(QUERY)) {
      List<String> values = call.multiValueQuery().get(source.substring(QUERY.length()));
      return values == null ? null : values.get(values.size() - 1);
    }
    if (source.startsWith(MULTI_QUERY)) {
      List<String> values = call.multiValueQuery().get(source.substring(MULTI_QUERY.length()));
      return values == null ? null : String.join(",", values);
    }
    if (source.startsWith(STAGE_VARIABLE)) {
      return call.stageVariables().get(source.substring(STAGE_VARIABLE.length()));
    }
    if (source.startsWith(CONTEXT)) {
      return contextValue(source.substring(CONTEXT.length()), call);
    }
    return null;
  }

  /** The {@code $context} variables an identity source can name, as far as a call knows them. */
  private static String contextValue(String name, ApiCall call) {
    switch (name) {
      case "accountId":
        return call.accountId();
      case "apiId":
        return call.apiId();
      case "domainName":
        return call.domainName();
      case "httpMethod":
        return call.httpMethod();
      case "path":
        return "/" + call.stage() + call.path();
      case "protocol":
        return call.protocol();
      case "requestId":
        return call.requestId();
      case "resourceId":
        return call.resourceId();
      case "resourcePath":
        return call.resourcePath();
      case "stage":
        return call.stage();
      case "identity.sourceIp":
        return call.sourceIp();
      case "identity.userAgent":
        return call.header("User-Agent");
      default:
        return null;
    }
  }

  // ---- events

  /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path as called}}. */
  static String methodArn(ApiCall call) {
    return "arn:aws:execute-api:"
        + call.region()
        + ":"
        + call.accountId()
        + ":"
        + call.apiId()
        + "/"
        + call.stage()
        + "/"
        + call.httpMethod()
        + call.path();
  }

  private static Map<String, Object> tokenEvent(String token, String methodArn) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "TOKEN");
    event.put("methodArn", methodArn);
    event.put("authorizationToken", token);
    return event;
  }

  /** AWS's REQUEST authorizer input: the proxy event's request fields without the body. */
  private static Map<String, Object> requestEvent(ApiCall call, String methodArn) {
    JsonNode proxy =
        Json.read(
            ProxyEvents.restEvent(call, Set.of()).getBytes(StandardCharsets.UTF_8), JsonNode.class);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "REQUEST");
    event.put("methodArn", methodArn);
    for (String field :
        List.of(
            "resource",
            "path",
            "httpMethod",
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
            "stageVariables",
            "requestContext")) {
      JsonNode value = proxy.get(field);
      event.put(field, value == null || value.isNull() ? Map.of() : value);
    }
    return event;
  }

  // ---- answers

  private static String errorMessage(byte[] payload) {
    try {
      JsonNode error = Json.read(payload, JsonNode.class);
      JsonNode message = error == null ? null : error.get("errorMessage");
      return message == null ? null : message.asText();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * The verdict in a function's answer, or {@code null} when the answer is not one: an object with
   * a string {@code principalId}, an object {@code policyDocument} with {@code Statement}s, and
   * optionally a {@code context} of strings, numbers and booleans and a string {@code
   * usageIdentifierKey}.
   */
  static Verdict verdict(byte[] payload) {
    JsonNode answer;
    try {
      answer = Json.read(payload, JsonNode.class);
    } catch (RuntimeException unreadable) {
      return null;
    }
    if (answer == null || !answer.isObject()) {
      return null;
    }
    JsonNode principal = answer.get("principalId");
    JsonNode policy = answer.get("policyDocument");
    if (principal == null
        || !principal.isValueNode()
        || principal.isNull()
        || policy == null
        || !policy.isObject()
        || policy.get("Statement") == null) {
      return null;
    }
    Map<String, Object> context = new LinkedHashMap<>();
    JsonNode returned = answer.get("context");
    if (returned != null && !returned.isNull()) {
      if (!returned.isObject()) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = returned.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        JsonNode value = entry.getValue();
        if (value.isTextual()) {
          context.put(entry.getKey(), value.textValue());
        } else if (value.isNumber()) {
          context.put(entry.getKey(), value.numberValue());
        } else if (value.isBoolean()) {
          context.put(entry.getKey(), value.booleanValue());
        } else if (!value.isNull()) {
          // AWS refuses objects and arrays in the context: AuthorizerConfigurationException.
          return null;
        }
      }
    }
    JsonNode key = answer.get("usageIdentifierKey");
    return new Verdict(
        principal.asText(),
        policy,
        context,
        key == null || !key.isTextual() ? null : key.textValue());
  }

  private Outcome evaluate(
      RestApiState api, ApiCall call, Verdict verdict, String methodArn, long latency) {
    PolicyDecision decision = PolicyDecision.of(verdict.policy(), methodArn);
    if (decision != PolicyDecision.ALLOWED) {
      return Outcome.refused(
          accessDenied(
              api,
              call,
              decision == PolicyDecision.EXPLICITLY_DENIED ? EXPLICIT_DENY : IMPLICIT_DENY),
          GatewayError.ACCESS_DENIED);
    }
    Map<String, Object> authorizer = new LinkedHashMap<>();
    authorizer.put("principalId", verdict.principalId());
    // REST APIs hand the context on stringified ($context.authorizer.x, requestContext.authorizer).
    verdict.context().forEach((name, value) -> authorizer.put(name, String.valueOf(value)));
    authorizer.put("integrationLatency", latency);
    return new Outcome(authorizer, verdict.usageIdentifierKey(), null, null);
  }

  // ---- gateway answers

  static Outcome unauthorized(RestApiState api, ApiCall call) {
    return unauthorized(api, call, GatewayError.UNAUTHORIZED.message);
  }

  static Outcome unauthorized(RestApiState api, ApiCall call, String message) {
    return Outcome.refused(
        GatewayResponses.answer(api, call.requestId(), GatewayError.UNAUTHORIZED, message),
        GatewayError.UNAUTHORIZED);
  }

  /**
   * 403 for a policy that does not allow the call. AWS writes this one with a capital {@code
   * Message} ({@code {"Message":"User is not authorized to access this resource"}}) unless the API
   * set a gateway response for it.
   */
  private static StackResponse accessDenied(RestApiState api, ApiCall call, String message) {
    if (customised(api, GatewayError.ACCESS_DENIED)) {
      return GatewayResponses.answer(api, call.requestId(), GatewayError.ACCESS_DENIED, message);
    }
    return StackResponse.of(
            GatewayError.ACCESS_DENIED.status,
            "application/json",
            Json.write(Map.of("Message", message)))
        .withHeader("x-amzn-ErrorType", GatewayError.ACCESS_DENIED.errorType)
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  /**
   * 500 {@code AUTHORIZER_CONFIGURATION_ERROR}. AWS's error message string is null here, so its
   * default template writes {@code {"message":null}}.
   */
  private static Outcome configurationError(RestApiState api, ApiCall call, String reason) {
    LOG.debug("Execution failed due to configuration error: Authorizer error: {}", reason);
    GatewayError type = GatewayError.AUTHORIZER_CONFIGURATION_ERROR;
    StackResponse response =
        customised(api, type)
            // Guessed: a customised template gets the type's usual message instead of null.
            ? GatewayResponses.answer(api, call.requestId(), type, type.message)
            : StackResponse.of(type.status, "application/json", "{\"message\":null}")
                .withHeader("x-amzn-ErrorType", type.errorType)
                .withHeader("x-amzn-RequestId", call.requestId());
    return Outcome.refused(response, type);
  }

  private static boolean customised(RestApiState api, GatewayError type) {
    synchronized (api) {
      return api.gatewayResponses.containsKey(type.name())
          || api.gatewayResponses.containsKey(
              type.status < 500
                  ? GatewayError.DEFAULT_4XX.name()
                  : GatewayError.DEFAULT_5XX.name());
    }
  }
}
