package io.serverlessstack.fake.internal.apigateway.openapi;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * A deployed API as GetExport describes it, in API Gateway's own model.
 *
 * @param restApi the API (name, description, version, binary media types, API key source, endpoint
 *     configuration, minimum compression size, policy)
 * @param stageName the exported stage
 * @param deployedAt when the stage's deployment was created: the export's version when the API has
 *     none, and part of its file name
 * @param host the host of the stage's invoke URL, e.g. {@code
 *     abc123.execute-api.us-east-1.amazonaws.com}
 * @param resources the deployment's resources, each with its path and its methods (method
 *     responses, integration and integration responses included)
 * @param models the API's models
 * @param requestValidators the API's request validators
 * @param authorizers the API's authorizers
 * @param gatewayResponses the API's gateway responses that are not the defaults
 */
public record ExportSource(
    RestApi restApi,
    String stageName,
    Instant deployedAt,
    String host,
    List<Resource> resources,
    List<Model> models,
    List<RequestValidator> requestValidators,
    List<Authorizer> authorizers,
    List<GatewayResponse> gatewayResponses) {

  public ExportSource {
    resources = List.copyOf(resources);
    models = List.copyOf(models);
    requestValidators = List.copyOf(requestValidators);
    authorizers = List.copyOf(authorizers);
    gatewayResponses = List.copyOf(gatewayResponses);
  }
}
