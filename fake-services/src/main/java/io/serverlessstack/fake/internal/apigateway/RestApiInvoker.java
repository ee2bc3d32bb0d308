package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.api.ApiGatewayEvents;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.apigateway.validation.RequestValidation;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

/**
 * Calls of deployed REST APIs: finds the API and stage the URL names, the resource and method of
 * the stage's deployment that the call reaches, and hands the call to the method's integration.
 * What API Gateway answers itself (no such route, no such stage) it answers as AWS does.
 */
final class RestApiInvoker {

  private final ApiGatewayEngine engine;
  private final RestApiIntegrations integrations;
  private final Authorizers authorizers;

  RestApiInvoker(ApiGatewayEngine engine) {
    this.engine = engine;
    this.integrations = new RestApiIntegrations(engine);
    this.authorizers = new Authorizers(engine);
  }

  /**
   * Where an invocation goes: the API, the stage, and the path under the stage as sent.
   *
   * @param path starts with {@code /}; {@code /} for the API's root
   */
  record Target(String apiId, String stage, String path) {

    /** The target of an invocation URL, or {@code null} when the URL names no stage. */
    static Target of(StackRequest request) {
      String path = request.path();
      if (path.startsWith("/restapis/")) {
        int user = path.indexOf(ApiGatewayPlugin.USER_REQUEST);
        String[] apiAndStage = path.substring("/restapis/".length(), user).split("/", -1);
        if (apiAndStage.length != 2) {
          return null;
        }
        String rest = path.substring(user + ApiGatewayPlugin.USER_REQUEST.length());
        return new Target(apiAndStage[0], apiAndStage[1], rest.isEmpty() ? "/" : rest);
      }
      String host = request.header("host");
      String apiId = host.substring(0, host.indexOf('.')).toLowerCase(Locale.ROOT);
      int slash = path.indexOf('/', 1);
      String stage = slash < 0 ? path.substring(1) : path.substring(1, slash);
      return new Target(apiId, stage, slash < 0 ? "/" : path.substring(slash));
    }
  }

  CompletionStage<StackResponse> invoke(StackRequest request, RequestContext context) {
    Target target = Target.of(request);
    RestApiState api = target == null ? null : engine.deployedRestApi(target.apiId());
    if (api == null) {
      return CompletableFuture.completedFuture(
          error(
              context.requestId(),
              GatewayError.RESOURCE_NOT_FOUND,
              "The API id '"
                  + (target == null ? "" : target.apiId())
                  + "' does not correspond to a deployed API Gateway API"));
    }
    RestApi restApi;
    Stage stage;
    Map<String, Resource> deployed;
    synchronized (api) {
      restApi = api.api;
      stage = api.stages.get(target.stage());
      deployed = stage == null ? null : api.deployed.get(stage.deploymentId());
    }
    if (stage == null || deployed == null) {
      return refused(
          request, api, target, null, null, context, GatewayError.ACCESS_DENIED, "Forbidden");
    }
    ResourceMatcher.Match match =
        ResourceMatcher.match(deployed.values(), request.method(), target.path());
    if (match == null) {
      return refused(
          request,
          api,
          target,
          null,
          null,
          context,
          GatewayError.MISSING_AUTHENTICATION_TOKEN,
          GatewayError.MISSING_AUTHENTICATION_TOKEN.message);
    }
    if (!Authorizers.applies(match.method())) {
      return admitted(
          request, context, api, restApi, stage, target, match, Authorizers.Outcome.NONE);
    }
    // As AWS: the authorizer runs before API keys, throttles and request validation (an
    // AUTHORIZER key source needs its answer).
    ApiCall unauthorized =
        call(request, context, api, restApi, stage, target, match, null, Map.of());
    return authorizers
        .authorize(api, match.method(), unauthorized)
        .thenCompose(
            outcome -> {
              if (outcome.refusal() != null) {
                record(
                    request,
                    api,
                    target,
                    match.resource().path(),
                    null,
                    outcome.refusal(),
                    outcome.refusalType());
                return CompletableFuture.completedFuture(outcome.refusal());
              }
              return admitted(request, context, api, restApi, stage, target, match, outcome);
            });
  }

  /** The rest of a call once any authorizer let it through: keys, throttles, validation. */
  private CompletionStage<StackResponse> admitted(
      StackRequest request,
      RequestContext context,
      RestApiState api,
      RestApi restApi,
      Stage stage,
      Target target,
      ResourceMatcher.Match match,
      Authorizers.Outcome authorized) {
    Admission admission =
        admit(api, restApi, stage, match, request, authorized.usageIdentifierKey());
    if (admission.refused() != null) {
      return refused(
          request,
          api,
          target,
          match.resource().path(),
          admission.keyId(),
          context,
          admission.refused(),
          admission.refused().message);
    }
    ApiCall call =
        call(
            request,
            context,
            api,
            restApi,
            stage,
            target,
            match,
            admission.keyId(),
            authorized.authorizer());
    Optional<RequestValidation.Failure> invalid = validate(api, match, call);
    if (invalid.isPresent()) {
      GatewayError type = GatewayError.valueOf(invalid.get().gatewayResponseType());
      return refused(
          request,
          api,
          target,
          match.resource().path(),
          admission.keyId(),
          context,
          type,
          invalid.get().message());
    }
    return integrations
        .integrate(restApi, stage, match, call, context.inFlight())
        .thenApply(
            response -> {
              record(
                  request, api, target, match.resource().path(), admission.keyId(), response, null);
              return decorate(response, call.requestId());
            });
  }

  private ApiCall call(
      StackRequest request,
      RequestContext context,
      RestApiState api,
      RestApi restApi,
      Stage stage,
      Target target,
      ResourceMatcher.Match match,
      String apiKeyId,
      Map<String, Object> authorizer) {
    String host = request.header("host");
    String domain = host == null ? "" : host;
    int colon = domain.lastIndexOf(':');
    if (colon > domain.lastIndexOf(']')) {
      domain = domain.substring(0, colon);
    }
    return new ApiCall(
        request.method(),
        target.path(),
        request.query(),
        request.headerLines(),
        request.body(),
        restApi.id(),
        stage.stageName(),
        stage.deploymentId(),
        match.resource().id(),
        match.resource().path(),
        match.pathParameters(),
        stage.hasVariables() ? stage.variables() : Map.of(),
        api.scope.accountId(),
        api.scope.region(),
        context.requestId(),
        engine.now(),
        sourceIp(request),
        request.protocol(),
        domain,
        apiKeyId,
        authorizer);
  }

  /**
   * Whether the gateway lets a call through to its integration: the stage's throttle, then for a
   * method that requires an API key, the key (sent in {@code x-api-key}, or the authorizer's {@code
   * usageIdentifierKey} for the key source {@code AUTHORIZER}; enabled; in a usage plan of this
   * stage), its plan's throttle and its quota.
   *
   * @param keyId the key the call was metered under, or {@code null}
   * @param refused why the gateway answers the call itself, or {@code null}
   */
  private record Admission(String keyId, GatewayError refused) {}

  private Admission admit(
      RestApiState api,
      RestApi restApi,
      Stage stage,
      ResourceMatcher.Match match,
      StackRequest request,
      String authorizerKey) {
    Instant now = engine.now();
    String method = match.resource().path().substring(1) + "/" + request.method();
    Metering metering = engine.metering();
    if (!metering.admitStage(
        restApi.id(),
        stage.stageName(),
        stage.hasMethodSettings() ? stage.methodSettings() : Map.of(),
        method,
        now)) {
      return new Admission(null, GatewayError.THROTTLED);
    }
    if (!Boolean.TRUE.equals(match.method().apiKeyRequired())) {
      return new Admission(null, null);
    }
    String source = restApi.apiKeySourceAsString();
    String value =
        "AUTHORIZER".equals(source)
            ? authorizerKey
            : "HEADER".equals(source) ? request.header("x-api-key") : null;
    UsagePlans plans = engine.usagePlans(api.scope);
    ApiKey key;
    UsagePlan plan;
    synchronized (plans) {
      key = value == null ? null : plans.keyByValue(value);
      List<UsagePlan> covering =
          key == null || !Boolean.TRUE.equals(key.enabled())
              ? List.of()
              : plans.plansOf(key.id(), restApi.id(), stage.stageName());
      if (covering.isEmpty()) {
        return new Admission(null, GatewayError.INVALID_API_KEY);
      }
      plan = covering.get(0);
    }
    if (!metering.admitKey(
        plan.id(), key.id(), method, throttle(plan, restApi, stage, request, match), now)) {
      return new Admission(key.id(), GatewayError.THROTTLED);
    }
    if (!metering.countWithinQuota(plan.id(), key.id(), plan.quota(), now)) {
      return new Admission(key.id(), GatewayError.QUOTA_EXCEEDED);
    }
    return new Admission(key.id(), null);
  }

  /**
   * A plan's throttle for one method: the stage's per-method one ({@code /path/METHOD}), else the
   * plan's.
   */
  private static ThrottleSettings throttle(
      UsagePlan plan, RestApi api, Stage stage, StackRequest request, ResourceMatcher.Match match) {
    for (ApiStage apiStage : plan.apiStages()) {
      if (apiStage.apiId().equals(api.id())
          && apiStage.stage().equals(stage.stageName())
          && apiStage.hasThrottle()) {
        ThrottleSettings perMethod =
            apiStage.throttle().get(match.resource().path() + "/" + request.method());
        if (perMethod != null) {
          return perMethod;
        }
      }
    }
    return plan.throttle();
  }

  /** What the method's request validator finds wrong with the call, against the API's models. */
  private static Optional<RequestValidation.Failure> validate(
      RestApiState api, ResourceMatcher.Match match, ApiCall call) {
    String validatorId = match.method().requestValidatorId();
    if (validatorId == null) {
      return Optional.empty();
    }
    RequestValidator validator;
    Map<String, String> schemas = new HashMap<>();
    synchronized (api) {
      validator = api.validators.get(validatorId);
      api.models.forEach((name, model) -> schemas.put(name, model.schema()));
    }
    return RequestValidation.check(call, match.method(), validator, schemas::get);
  }

  /** The caller's address as the client reports it through proxies, else the loopback. */
  private static String sourceIp(StackRequest request) {
    String forwarded = request.header("x-forwarded-for");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.split(",")[0].trim();
    }
    return "127.0.0.1";
  }

  private CompletionStage<StackResponse> refused(
      StackRequest request,
      RestApiState api,
      Target target,
      String resourcePath,
      String apiKeyId,
      RequestContext context,
      GatewayError type,
      String message) {
    StackResponse response = GatewayResponses.answer(api, context.requestId(), type, message);
    record(request, api, target, resourcePath, apiKeyId, response, type);
    return CompletableFuture.completedFuture(response);
  }

  /** Journals an answered call of an API. */
  private void record(
      StackRequest request,
      RestApiState api,
      Target target,
      String resourcePath,
      String apiKeyId,
      StackResponse response,
      GatewayError gatewayResponse) {
    Map<String, String> details = new LinkedHashMap<>();
    String name;
    synchronized (api) {
      name = api.api.name();
    }
    details.put(ApiGatewayEvents.Details.API_NAME, name);
    details.put(ApiGatewayEvents.Details.STAGE, target.stage());
    details.put(ApiGatewayEvents.Details.METHOD, request.method());
    details.put(ApiGatewayEvents.Details.PATH, target.path());
    if (resourcePath != null) {
      details.put(ApiGatewayEvents.Details.RESOURCE_PATH, resourcePath);
    }
    details.put(ApiGatewayEvents.Details.STATUS, String.valueOf(response.status()));
    details.put(ApiGatewayEvents.Details.REQUEST_BODY, request.bodyText());
    details.put(
        ApiGatewayEvents.Details.RESPONSE_BODY,
        new String(response.body(), StandardCharsets.UTF_8));
    if (apiKeyId != null) {
      details.put(ApiGatewayEvents.Details.API_KEY_ID, apiKeyId);
    }
    if (gatewayResponse != null) {
      details.put(ApiGatewayEvents.Details.GATEWAY_RESPONSE, gatewayResponse.name());
    }
    engine
        .journal()
        .append(
            ApiGatewayEvents.SERVICE,
            ApiGatewayEvents.API_CALLED,
            api.id(),
            "arn:aws:apigateway:"
                + api.scope.region()
                + "::/restapis/"
                + api.id()
                + "/stages/"
                + target.stage(),
            details);
  }

  /** A gateway response of {@code type} with {@code message}, as AWS's default template has it. */
  static StackResponse error(String requestId, GatewayError type, String message) {
    return StackResponse.of(type.status, "application/json", messageBody(message))
        .withHeader("x-amzn-ErrorType", type.errorType)
        .withHeader("x-amzn-RequestId", requestId);
  }

  static byte[] messageBody(String message) {
    return Json.write(Map.of("message", message));
  }

  private static StackResponse decorate(StackResponse response, String requestId) {
    if (!response.headers().containsKey("x-amzn-RequestId")) {
      response.withHeader("x-amzn-RequestId", requestId);
    }
    return response;
  }
}
