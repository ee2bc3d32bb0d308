package io.serverlessstack.fake.internal.apigateway.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    resources = Collections.unmodifiableMap(byPath);
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

  /**
   * PutRestApi's {@code mode=merge}: this API (what the engine holds) with {@code incoming} merged
   * in, as the developer guide's "Import an OpenAPI file to update an existing API definition"
   * describes it. A method the document declares replaces the method of the same path and HTTP
   * method (with its responses and integration); every other resource, method, model, validator,
   * authorizer and gateway response stays. Validators and authorizers of the same name keep their
   * existing ids, and the incoming methods are pointed at them. Binary media types add up. The
   * endpoint configuration never changes through an import-to-update; settings the document leaves
   * out stay as they were.
   *
   * <p>{@code mode=overwrite} needs no merging: the incoming API replaces everything but the
   * endpoint configuration (and the stages, which are no part of a document).
   */
  public ImportedApi mergedWith(ImportedApi incoming) {
    Map<String, String> idChanges = new LinkedHashMap<>();
    Map<String, RequestValidator> validators = new LinkedHashMap<>();
    requestValidators.forEach(validator -> validators.put(validator.name(), validator));
    for (RequestValidator validator : incoming.requestValidators()) {
      RequestValidator existing = validators.get(validator.name());
      String id = existing == null ? validator.id() : existing.id();
      idChanges.put(validator.id(), id);
      validators.put(validator.name(), validator.toBuilder().id(id).build());
    }
    Map<String, Authorizer> authorizersByName = new LinkedHashMap<>();
    authorizers.forEach(authorizer -> authorizersByName.put(authorizer.name(), authorizer));
    for (Authorizer authorizer : incoming.authorizers()) {
      Authorizer existing = authorizersByName.get(authorizer.name());
      String id = existing == null ? authorizer.id() : existing.id();
      idChanges.put(authorizer.id(), id);
      authorizersByName.put(authorizer.name(), authorizer.toBuilder().id(id).build());
    }
    Map<String, Map<String, Method>> mergedResources = new LinkedHashMap<>();
    resources.forEach((path, methods) -> mergedResources.put(path, new LinkedHashMap<>(methods)));
    incoming
        .resources()
        .forEach(
            (path, methods) -> {
              Map<String, Method> merged =
                  mergedResources.computeIfAbsent(path, p -> new LinkedHashMap<>());
              methods.forEach(
                  (httpMethod, method) -> {
                    Method.Builder pointed = method.toBuilder();
                    if (method.requestValidatorId() != null) {
                      pointed.requestValidatorId(
                          idChanges.getOrDefault(
                              method.requestValidatorId(), method.requestValidatorId()));
                    }
                    if (method.authorizerId() != null) {
                      pointed.authorizerId(
                          idChanges.getOrDefault(method.authorizerId(), method.authorizerId()));
                    }
                    merged.put(httpMethod, pointed.build());
                  });
            });
    Map<String, Model> mergedModels = new LinkedHashMap<>(models);
    mergedModels.putAll(incoming.models());
    Map<String, GatewayResponse> responses = new LinkedHashMap<>();
    gatewayResponses.forEach(response -> responses.put(response.responseTypeAsString(), response));
    incoming
        .gatewayResponses()
        .forEach(response -> responses.put(response.responseTypeAsString(), response));
    Set<String> mediaTypes = new LinkedHashSet<>(binaryMediaTypes);
    mediaTypes.addAll(incoming.binaryMediaTypes());
    return new ImportedApi(
        incoming.name() != null ? incoming.name() : name,
        incoming.description() != null ? incoming.description() : description,
        incoming.version() != null ? incoming.version() : version,
        List.copyOf(mediaTypes),
        incoming.apiKeySource() != null ? incoming.apiKeySource() : apiKeySource,
        endpointConfiguration,
        incoming.minimumCompressionSize() != null
            ? incoming.minimumCompressionSize()
            : minimumCompressionSize,
        incoming.policy() != null ? incoming.policy() : policy,
        mergedResources,
        mergedModels,
        List.copyOf(validators.values()),
        List.copyOf(authorizersByName.values()),
        List.copyOf(responses.values()),
        incoming.warnings());
  }

  // Keeps the document's order, which Map.copyOf would not.
  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
