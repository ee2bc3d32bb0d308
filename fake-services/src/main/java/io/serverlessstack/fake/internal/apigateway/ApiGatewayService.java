package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.RestJsonBinding;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RawRoute;
import java.util.Map;

/** API Gateway as the front door serves it: both control planes and the invocations. */
final class ApiGatewayService {

  private ApiGatewayService() {}

  static AwsService create(ApiGatewayEngine engine) {
    RestJsonBinding binding = RestJsonBinding.restJson1();
    for (Map.Entry<String, Integer> status : RestApiOperations.successStatuses().entrySet()) {
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
    return RestApiOperations.register(service, engine).build();
  }
}
