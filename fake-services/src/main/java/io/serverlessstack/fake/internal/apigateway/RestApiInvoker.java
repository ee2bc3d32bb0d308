package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * Calls of deployed REST APIs: finds the API and stage the URL names, the resource and method of
 * the stage's deployment that the call reaches, and hands the call to the method's integration.
 * What API Gateway answers itself (no such route, no such stage) it answers as AWS does.
 */
final class RestApiInvoker {

  private final ApiGatewayEngine engine;

  RestApiInvoker(ApiGatewayEngine engine) {
    this.engine = engine;
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
              context,
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
      return CompletableFuture.completedFuture(
          error(context, GatewayError.ACCESS_DENIED, "Forbidden"));
    }
    ResourceMatcher.Match match =
        ResourceMatcher.match(deployed.values(), request.method(), target.path());
    if (match == null) {
      return CompletableFuture.completedFuture(
          error(
              context,
              GatewayError.MISSING_AUTHENTICATION_TOKEN,
              GatewayError.MISSING_AUTHENTICATION_TOKEN.message));
    }
    ApiCall call = call(request, context, api, restApi, stage, target, match);
    return RestApiIntegrations.integrate(engine, restApi, stage, match, call)
        .thenApply(response -> decorate(response, call.requestId()));
  }

  private ApiCall call(
      StackRequest request,
      RequestContext context,
      RestApiState api,
      RestApi restApi,
      Stage stage,
      Target target,
      ResourceMatcher.Match match) {
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
        "HTTP/1.1",
        domain,
        null,
        Map.of());
  }

  /** The caller's address as the client reports it through proxies, else the loopback. */
  private static String sourceIp(StackRequest request) {
    String forwarded = request.header("x-forwarded-for");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.split(",")[0].trim();
    }
    return "127.0.0.1";
  }

  /** A gateway response of {@code type} with {@code message}, as AWS's default template has it. */
  static StackResponse error(RequestContext context, GatewayError type, String message) {
    return StackResponse.of(type.status, "application/json", messageBody(message))
        .withHeader("x-amzn-ErrorType", type.errorType)
        .withHeader("x-amzn-RequestId", context.requestId());
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
