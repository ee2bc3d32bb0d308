package io.serverlessstack.junit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * What {@link RestApiDeclarations} does with the SDK's {@link ApiGatewayClient}: imports and
 * deploys declared APIs and finds the one a handle stands for. Loaded only when a test declares an
 * API or asks for a handle, so the SDK's {@code apigateway} module is needed only then.
 */
final class RestApiClient {

  private RestApiClient() {}

  static void create(ManagedStack stack, List<RestApiDeclarations.Declared> apis) {
    ApiGatewayClient apiGateway = stack.client(ApiGatewayClient.class);
    for (RestApiDeclarations.Declared declared : apis) {
      io.serverlessstack.junit.RestApi api = declared.annotation();
      if (find(apiGateway, api.name()).isPresent()) {
        continue;
      }
      try {
        String id =
            apiGateway
                .importRestApi(
                    request ->
                        request
                            .failOnWarnings(false)
                            .body(SdkBytes.fromUtf8String(declared.document())))
                .id();
        apiGateway.updateRestApi(
            request ->
                request
                    .restApiId(id)
                    .patchOperations(
                        PatchOperation.builder()
                            .op(Op.REPLACE)
                            .path("/name")
                            .value(api.name())
                            .build()));
        apiGateway.createDeployment(
            request ->
                request
                    .restApiId(id)
                    .stageName(api.stage())
                    .variables(
                        declared.stageVariables().isEmpty() ? null : declared.stageVariables()));
      } catch (ApiGatewayException rejected) {
        throw new ExtensionConfigurationException(
            "API Gateway rejected "
                + RestApiDeclarations.describe(api)
                + ": "
                + (rejected.awsErrorDetails() == null
                    ? rejected.getMessage()
                    : rejected.awsErrorDetails().errorCode()
                        + ": "
                        + rejected.awsErrorDetails().errorMessage()),
            rejected);
      }
    }
  }

  /** A handle on the API {@code name}, at the stage it was first deployed to. */
  static Optional<RestApiHandle> handle(ManagedStack stack, String name) {
    ApiGatewayClient apiGateway = stack.client(ApiGatewayClient.class);
    return find(apiGateway, name)
        .flatMap(
            api ->
                apiGateway.getStages(request -> request.restApiId(api.id())).item().stream()
                    .min(Comparator.comparing(Stage::createdDate))
                    .map(
                        stage ->
                            new RestApiHandle(
                                name,
                                api.id(),
                                stage.stageName(),
                                stack.info().endpoint(),
                                stack.stack().inspector())));
  }

  private static Optional<software.amazon.awssdk.services.apigateway.model.RestApi> find(
      ApiGatewayClient apiGateway, String name) {
    return apiGateway.getRestApisPaginator(request -> request.limit(500)).items().stream()
        .filter(api -> api.name().equals(name))
        .findFirst();
  }
}
