package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheRequest;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerRequest;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerResponse;

/**
 * Control-plane operations on what authorizers do at invocation: flushing their cache, and running
 * one on a made-up request ({@code TestInvokeAuthorizer}).
 */
final class AuthorizerOperations {

  /** The stage name AWS's test invocations of authorizers put into the method ARN. */
  static final String TEST_STAGE = "ESTestInvoke-stage";

  private final ApiGatewayEngine engine;
  private final Authorizers authorizers;

  private AuthorizerOperations(ApiGatewayEngine engine) {
    this.engine = engine;
    this.authorizers = new Authorizers(engine);
  }

  static AwsService.Builder register(AwsService.Builder service, ApiGatewayEngine engine) {
    AuthorizerOperations ops = new AuthorizerOperations(engine);
    return service
        .operation(
            "FlushStageAuthorizersCache",
            FlushStageAuthorizersCacheRequest::builder,
            ops::flushStageAuthorizersCache)
        .asyncOperation(
            "TestInvokeAuthorizer",
            TestInvokeAuthorizerRequest::builder,
            ops::testInvokeAuthorizer);
  }

  static Map<String, Integer> successStatuses() {
    return Map.of("FlushStageAuthorizersCache", 202);
  }

  private FlushStageAuthorizersCacheResponse flushStageAuthorizersCache(
      FlushStageAuthorizersCacheRequest request, RequestContext call) {
    RestApiState api = engine.restApi(call.scope(), request.restApiId());
    synchronized (api) {
      api.stage(request.stageName());
    }
    engine.authorizerCache().flush(api.id(), request.stageName());
    return FlushStageAuthorizersCacheResponse.builder().build();
  }

  /**
   * Runs an authorizer on the request described, as a call of {@code GET} on the path given would
   * run it, without caching: the function's principal and policy (not evaluated: there is no method
   * to evaluate it for), a Cognito token's claims, or the status a client would have got. The
   * status of a success is 0, as the API reference documents it.
   */
  private CompletionStage<TestInvokeAuthorizerResponse> testInvokeAuthorizer(
      TestInvokeAuthorizerRequest request, RequestContext context) {
    RestApiState api = engine.restApi(context.scope(), request.restApiId());
    Authorizer authorizer;
    synchronized (api) {
      authorizer = api.authorizers.get(request.authorizerId());
    }
    if (authorizer == null) {
      throw ApiGatewayErrors.notFound("Invalid Authorizer identifier specified");
    }
    ApiCall call = testCall(api, request, context);
    Instant started = engine.now();
    if ("COGNITO_USER_POOLS".equals(authorizer.typeAsString())) {
      Method anyMethod = Method.builder().authorizerId(authorizer.id()).build();
      return authorizers
          .cognito()
          .authorize(api, authorizer, anyMethod, call)
          .thenApply(
              outcome -> {
                TestInvokeAuthorizerResponse.Builder answer =
                    TestInvokeAuthorizerResponse.builder().latency(latency(started));
                if (outcome.refusal() != null) {
                  return answer.clientStatus(outcome.refusal().status()).build();
                }
                Map<String, String> claims = new LinkedHashMap<>();
                Object all = outcome.authorizer().get("claims");
                if (all instanceof Map) {
                  ((Map<?, ?>) all)
                      .forEach((name, value) -> claims.put(name.toString(), value.toString()));
                }
                return answer.clientStatus(0).claims(claims).build();
              });
    }
    boolean token = !"REQUEST".equals(authorizer.typeAsString());
    List<String> identity = Authorizers.identity(authorizer, call, token);
    if (identity == null) {
      return CompletableFuture.completedFuture(
          TestInvokeAuthorizerResponse.builder()
              .clientStatus(GatewayError.UNAUTHORIZED.status)
              .latency(latency(started))
              .build());
    }
    return authorizers
        .invoke(authorizer, call, identity, Authorizers.methodArn(call))
        .thenApply(
            invocation -> {
              TestInvokeAuthorizerResponse.Builder answer =
                  TestInvokeAuthorizerResponse.builder().latency(latency(started));
              if (invocation.verdict() == null) {
                return answer
                    .clientStatus(invocation.failure().status)
                    .log(invocation.reason())
                    .build();
              }
              return answer
                  .clientStatus(0)
                  .principalId(invocation.verdict().principalId())
                  .policy(
                      new String(Json.write(invocation.verdict().policy()), StandardCharsets.UTF_8))
                  .build();
            });
  }

  private long latency(Instant started) {
    return Duration.between(started, engine.now()).toMillis();
  }

  /** The call a test invocation describes, with the values AWS gives such calls. */
  private ApiCall testCall(
      RestApiState api, TestInvokeAuthorizerRequest request, RequestContext context) {
    String pathWithQuery =
        request.pathWithQueryString() == null || request.pathWithQueryString().isEmpty()
            ? "/"
            : request.pathWithQueryString();
    int question = pathWithQuery.indexOf('?');
    String path = question < 0 ? pathWithQuery : pathWithQuery.substring(0, question);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (request.hasHeaders()) {
      request.headers().forEach((name, value) -> headers.add(Map.entry(name, value)));
    }
    if (request.hasMultiValueHeaders()) {
      request
          .multiValueHeaders()
          .forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
    }
    return new ApiCall(
        "GET",
        path.startsWith("/") ? path : "/" + path,
        question < 0 ? "" : pathWithQuery.substring(question + 1),
        headers,
        request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8),
        api.id(),
        TEST_STAGE,
        null,
        null,
        path,
        Map.of(),
        request.hasStageVariables() ? request.stageVariables() : Map.of(),
        api.scope.accountId(),
        api.scope.region(),
        context.requestId(),
        engine.now(),
        "test-invoke-source-ip",
        "HTTP/1.1",
        "testPrefix.testDomainName",
        null,
        Map.of());
  }
}
