package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheRequest;
import software.amazon.awssdk.services.apigateway.model.FlushStageAuthorizersCacheResponse;

/** Control-plane operations on what authorizers do at invocation: flushing their cache. */
final class AuthorizerOperations {

  private final ApiGatewayEngine engine;

  private AuthorizerOperations(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  static AwsService.Builder register(AwsService.Builder service, ApiGatewayEngine engine) {
    AuthorizerOperations ops = new AuthorizerOperations(engine);
    return service.operation(
        "FlushStageAuthorizersCache",
        FlushStageAuthorizersCacheRequest::builder,
        ops::flushStageAuthorizersCache);
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
}
