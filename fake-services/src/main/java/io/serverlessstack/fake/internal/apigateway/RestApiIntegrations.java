package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/** Hands a matched call of a REST API to its method's integration and maps the answer back. */
final class RestApiIntegrations {

  private RestApiIntegrations() {}

  static CompletionStage<StackResponse> integrate(
      ApiGatewayEngine engine,
      RestApi api,
      Stage stage,
      ResourceMatcher.Match match,
      ApiCall call) {
    Integration integration = match.method().methodIntegration();
    return CompletableFuture.completedFuture(
        StackResponse.of(
            GatewayError.API_CONFIGURATION_ERROR.status,
            "application/json",
            RestApiInvoker.messageBody("Internal server error " + integration.typeAsString())));
  }
}
