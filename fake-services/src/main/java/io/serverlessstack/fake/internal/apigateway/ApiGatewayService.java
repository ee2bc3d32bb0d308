package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.RestJsonBinding;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RawRoute;
import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway as the front door serves it: both control planes and the invocations. */
final class ApiGatewayService {

  private ApiGatewayService() {}

  static AwsService create(ApiGatewayEngine engine) {
    RestJsonBinding binding = RestJsonBinding.restJson1();
    Map<String, Integer> statuses = new LinkedHashMap<>(RestApiOperations.successStatuses());
    statuses.putAll(UsagePlanOperations.successStatuses());
    statuses.putAll(RestApiDefinitions.successStatuses());
    statuses.putAll(AuthorizerOperations.successStatuses());
    for (Map.Entry<String, Integer> status : statuses.entrySet()) {
      binding = binding.withSuccessStatus(status.getKey(), status.getValue());
    }
    RestApiInvoker invoker = new RestApiInvoker(engine);
    AwsService.Builder service =
        AwsService.builder(ApiGatewayPlugin.ID)
            .engine(engine)
            .resets(engine::reset)
            .speaks(binding)
            .rawRoute(
                new RawRoute(
                    "API Gateway invocations", ApiGatewayPlugin::isInvocation, invoker::invoke));
    RestApiOperations.register(service, engine);
    UsagePlanOperations.register(service, engine);
    RestApiDefinitions.register(service, engine);
    AuthorizerOperations.register(service, engine);
    return service.build();
  }
}
