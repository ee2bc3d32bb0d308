package io.serverlessstack.fake.internal.apigateway.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;

/**
 * What an OpenAPI 3 or Swagger 2 document declares, in API Gateway's own terms: the engine applies
 * it to a REST API (ImportRestApi, PutRestApi overwrite or merge).
 *
 * <p>Request validators and authorizers carry ids from the importer's id source, and the methods
 * refer to them by those ids. Models carry no id; methods name them, as API Gateway does. Model
 * schemas refer to each other as API Gateway stores them: {@code
 * https://apigateway.amazonaws.com/restapis/{restApiId}/models/{name}}.
 *
 * @param name {@code info.title}, or {@code null}
 * @param description {@code info.description}, or {@code null}
 * @param version {@code info.version}, or {@code null}
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 * @param apiKeySource {@code HEADER} or {@code AUTHORIZER}, or {@code null} when not declared
 * @param endpointConfiguration {@code x-amazon-apigateway-endpoint-configuration} or the {@code
 *     endpointConfigurationTypes} parameter, or {@code null}
 * @param minimumCompressionSize {@code x-amazon-apigateway-minimum-compression-size}, or {@code
 *     null}
 * @param policy {@code x-amazon-apigateway-policy} as JSON text, or {@code null}
 * @param resources every resource path, parents before children (the root {@code /} first), each
 *     with its methods by HTTP method ({@code ANY} included); a parent that only exists because of
 *     its children has no methods
 * @param models the models by name
 * @param requestValidators {@code x-amazon-apigateway-request-validators}
 * @param authorizers one per security scheme with {@code x-amazon-apigateway-authorizer}
 * @param gatewayResponses {@code x-amazon-apigateway-gateway-responses}
 * @param warnings what API Gateway would report as warnings (the import still succeeds unless
 *     {@code failOnWarnings})
 */
public record ImportedApi(
    String name,
    String description,
    String version,
    List<String> binaryMediaTypes,
    String apiKeySource,
    EndpointConfiguration endpointConfiguration,
    Integer minimumCompressionSize,
    String policy,
    Map<String, Map<String, Method>> resources,
    Map<String, Model> models,
    List<RequestValidator> requestValidators,
    List<Authorizer> authorizers,
    List<GatewayResponse> gatewayResponses,
    List<String> warnings) {

  public ImportedApi {
    binaryMediaTypes = List.copyOf(binaryMediaTypes);
    Map<String, Map<String, Method>> byPath = new LinkedHashMap<>();
    resources.forEach((path, methods) -> byPath.put(path, unmodifiable(methods)));
    resources = java.util.Collections.unmodifiableMap(byPath);
    models = unmodifiable(models);
    requestValidators = List.copyOf(requestValidators);
    authorizers = List.copyOf(authorizers);
    gatewayResponses = List.copyOf(gatewayResponses);
    warnings = List.copyOf(warnings);
  }

  /** The request validator of this name, or {@code null}. */
  public RequestValidator requestValidator(String validatorName) {
    return requestValidators.stream()
        .filter(validator -> validator.name().equals(validatorName))
        .findFirst()
        .orElse(null);
  }

  /** The authorizer of this name, or {@code null}. */
  public Authorizer authorizer(String authorizerName) {
    return authorizers.stream()
        .filter(authorizer -> authorizer.name().equals(authorizerName))
        .findFirst()
        .orElse(null);
  }

  // Keeps the document's order, which Map.copyOf would not.
  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
