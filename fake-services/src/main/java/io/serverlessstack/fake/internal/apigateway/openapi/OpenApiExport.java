package io.serverlessstack.fake.internal.apigateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * GetExport: writes a deployed API as the OpenAPI 3.0.1 ({@code oas30}) or Swagger 2.0 ({@code
 * swagger}) document AWS produces, through swagger's model classes and serializers (see {@link
 * Swagger2Writer} and {@link OpenApi3Writer}). The shape follows AWS's answers for its PetStore
 * example as LocalStack's validated tests recorded them.
 */
public final class OpenApiExport {

  static final String ANY_METHOD = "x-amazon-apigateway-any-method";
  static final String INTEGRATION = "x-amazon-apigateway-integration";
  static final String DEFAULT_TIMEOUT = "29000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiExport() {}

  /**
   * Writes the export.
   *
   * @param exportType {@code oas30} or {@code swagger}
   * @param accepts the request's {@code Accept}: {@code application/yaml} for YAML, JSON otherwise
   * @param parameters the request's {@code parameters}: {@code extensions} is a comma-separated
   *     list of {@code integrations}, {@code authorizers}, {@code apigateway} (all of API Gateway's
   *     extensions) and {@code postman} (accepted, adds nothing)
   * @throws InvalidApiDefinitionException for an export type AWS does not know
   */
  public static ExportedDocument export(
      ExportSource source, String exportType, String accepts, Map<String, String> parameters) {
    Extensions extensions = Extensions.of(parameters.get("extensions"));
    JsonNode document;
    String type = exportType == null ? "" : exportType.toLowerCase(Locale.ROOT);
    switch (type) {
      case "oas30":
        document = new OpenApi3Writer(source, extensions).write();
        break;
      case "swagger":
        document = new Swagger2Writer(source, extensions).write();
        break;
      default:
        // The wording is a guess; AWS's text for this case is not recorded anywhere we could find.
        throw new InvalidApiDefinitionException("Invalid export type specified: " + exportType);
    }
    boolean yaml = accepts != null && accepts.toLowerCase(Locale.ROOT).contains("yaml");
    String date = date(source);
    byte[] body;
    try {
      body =
          yaml
              ? io.swagger.v3.core.util.Yaml.mapper()
                  .writeValueAsString(document)
                  .getBytes(StandardCharsets.UTF_8)
              : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Export not serialisable", e);
    }
    // AWS answers application/octet-stream whatever the format, as an attachment named after
    // the type and the date (recorded: attachment; filename="swagger_<date>.json").
    return new ExportedDocument(
        body,
        "application/octet-stream",
        "attachment; filename=\"" + type + "_" + date + (yaml ? ".yaml" : ".json") + "\"");
  }

  /** The deployment's date, which AWS uses as the version of an API that has none. */
  static String date(ExportSource source) {
    return DateTimeFormatter.ISO_INSTANT.format(
        source.deployedAt().truncatedTo(ChronoUnit.SECONDS));
  }

  static String version(ExportSource source) {
    String version = source.restApi().version();
    return version == null || version.isEmpty() ? date(source) : version;
  }

  /** Which of API Gateway's extensions an export carries. */
  record Extensions(boolean integrations, boolean authorizers, boolean apigateway) {
    static Extensions of(String parameter) {
      Set<String> asked = new LinkedHashSet<>();
      if (parameter != null) {
        Arrays.stream(parameter.split(","))
            .map(part -> part.trim().toLowerCase(Locale.ROOT))
            .forEach(asked::add);
      }
      boolean all = asked.contains("apigateway");
      return new Extensions(
          all || asked.contains("integrations"), all || asked.contains("authorizers"), all);
    }
  }

  // ---- what both formats derive alike from API Gateway's model --------------------------------

  /** Media types the method accepts: its request models' and its request templates'. */
  static List<String> consumes(Method method) {
    Set<String> types = new LinkedHashSet<>(method.requestModels().keySet());
    if (method.methodIntegration() != null) {
      types.addAll(method.methodIntegration().requestTemplates().keySet());
    }
    return new ArrayList<>(types);
  }

  /** Media types the method answers: its response models' and its response templates'. */
  static List<String> produces(Method method) {
    Set<String> types = new LinkedHashSet<>();
    method.methodResponses().values().forEach(r -> types.addAll(r.responseModels().keySet()));
    if (method.methodIntegration() != null) {
      method
          .methodIntegration()
          .integrationResponses()
          .values()
          .forEach(r -> types.addAll(r.responseTemplates().keySet()));
    }
    return new ArrayList<>(types);
  }

  /** The parameter's location in OpenAPI ({@code query}, {@code path}, {@code header}), or null. */
  static String location(String requestParameter) {
    String[] parts = requestParameter.split("\\.", 4);
    if (parts.length < 4) {
      return null;
    }
    switch (parts[2]) {
      case "querystring":
        return "query";
      case "path":
      case "header":
        return parts[2];
      default:
        return null;
    }
  }

  static String parameterName(String requestParameter) {
    return requestParameter.split("\\.", 4)[3];
  }

  static List<String> responseHeaders(MethodResponse response) {
    List<String> headers = new ArrayList<>();
    response
        .responseParameters()
        .keySet()
        .forEach(
            key -> {
              if (key.startsWith("method.response.header.")) {
                headers.add(key.substring("method.response.header.".length()));
              }
            });
    return headers;
  }

  /** The security requirement of a method: its authorizer's, sigv4's or the API key's. */
  static Map<String, List<String>> security(Method method, ExportSource source) {
    Map<String, List<String>> requirement = new LinkedHashMap<>();
    if (method.authorizerId() != null) {
      Authorizer authorizer = authorizer(source, method.authorizerId());
      if (authorizer != null) {
        requirement.put(authorizer.name(), new ArrayList<>(method.authorizationScopes()));
      }
    } else if ("AWS_IAM".equals(method.authorizationType())) {
      requirement.put("sigv4", List.of());
    }
    if (Boolean.TRUE.equals(method.apiKeyRequired())) {
      requirement.put("api_key", List.of());
    }
    return requirement;
  }

  static Authorizer authorizer(ExportSource source, String id) {
    return source.authorizers().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
  }

  static String validatorName(ExportSource source, String id) {
    return source.requestValidators().stream()
        .filter(v -> v.id().equals(id))
        .map(RequestValidator::name)
        .findFirst()
        .orElse(null);
  }

  /**
   * {@code x-amazon-apigateway-integration} as AWS writes it: lower-case enums, defaults left out.
   */
  static Map<String, Object> integration(Integration integration) {
    Map<String, Object> written = new LinkedHashMap<>();
    putIfPresent(written, "type", lower(integration.typeAsString()));
    putIfPresent(written, "httpMethod", integration.httpMethod());
    putIfPresent(written, "uri", integration.uri());
    putIfPresent(written, "credentials", integration.credentials());
    if (!integration.integrationResponses().isEmpty()) {
      Map<String, Object> responses = new LinkedHashMap<>();
      for (IntegrationResponse response : integration.integrationResponses().values()) {
        Map<String, Object> writtenResponse = new LinkedHashMap<>();
        writtenResponse.put("statusCode", response.statusCode());
        putIfNotEmpty(writtenResponse, "responseParameters", response.responseParameters());
        putIfNotEmpty(writtenResponse, "responseTemplates", response.responseTemplates());
        putIfPresent(writtenResponse, "contentHandling", response.contentHandlingAsString());
        String pattern = response.selectionPattern();
        responses.put(pattern == null || pattern.isEmpty() ? "default" : pattern, writtenResponse);
      }
      written.put("responses", responses);
    }
    putIfNotEmpty(written, "requestParameters", integration.requestParameters());
    putIfNotEmpty(written, "requestTemplates", integration.requestTemplates());
    putIfPresent(written, "passthroughBehavior", lower(integration.passthroughBehavior()));
    if (integration.timeoutInMillis() != null
        && !DEFAULT_TIMEOUT.equals(String.valueOf(integration.timeoutInMillis()))) {
      written.put("timeoutInMillis", integration.timeoutInMillis());
    }
    putIfPresent(written, "contentHandling", integration.contentHandlingAsString());
    if (!integration.cacheKeyParameters().isEmpty()) {
      written.put("cacheKeyParameters", integration.cacheKeyParameters());
    }
    if ("VPC_LINK".equals(integration.connectionTypeAsString())) {
      written.put("connectionType", "VPC_LINK");
      putIfPresent(written, "connectionId", integration.connectionId());
    }
    if (integration.tlsConfig() != null) {
      written.put(
          "tlsConfig",
          Map.of("insecureSkipVerification", integration.tlsConfig().insecureSkipVerification()));
    }
    return written;
  }

  /** {@code x-amazon-apigateway-authorizer}. */
  static Map<String, Object> authorizerExtension(Authorizer authorizer) {
    Map<String, Object> written = new LinkedHashMap<>();
    putIfPresent(written, "type", lower(authorizer.typeAsString()));
    putIfPresent(written, "authorizerUri", authorizer.authorizerUri());
    putIfPresent(written, "authorizerCredentials", authorizer.authorizerCredentials());
    if (!authorizer.providerARNs().isEmpty()) {
      written.put("providerARNs", authorizer.providerARNs());
    }
    if (!"TOKEN".equals(authorizer.typeAsString())
        && !"COGNITO_USER_POOLS".equals(authorizer.typeAsString())) {
      putIfPresent(written, "identitySource", authorizer.identitySource());
    }
    putIfPresent(
        written, "identityValidationExpression", authorizer.identityValidationExpression());
    if (authorizer.authorizerResultTtlInSeconds() != null) {
      written.put("authorizerResultTtlInSeconds", authorizer.authorizerResultTtlInSeconds());
    }
    return written;
  }

  /** The header a TOKEN or Cognito authorizer reads, named in its security scheme. */
  static String authorizerHeader(Authorizer authorizer) {
    String source = authorizer.identitySource();
    if (source != null && source.startsWith("method.request.header.")) {
      return source.substring("method.request.header.".length());
    }
    return "Unused";
  }

  /** The API's own extensions at the document's root (only with {@code extensions=apigateway}). */
  static Map<String, Object> rootExtensions(ExportSource source) {
    Map<String, Object> root = new LinkedHashMap<>();
    RestApi api = source.restApi();
    if (!api.binaryMediaTypes().isEmpty()) {
      root.put("x-amazon-apigateway-binary-media-types", api.binaryMediaTypes());
    }
    // HEADER is the default, absent from AWS's recorded exports.
    if ("AUTHORIZER".equals(api.apiKeySourceAsString())) {
      root.put("x-amazon-apigateway-api-key-source", "AUTHORIZER");
    }
    if (api.minimumCompressionSize() != null) {
      root.put("x-amazon-apigateway-minimum-compression-size", api.minimumCompressionSize());
    }
    if (api.policy() != null && !api.policy().isEmpty()) {
      try {
        root.put("x-amazon-apigateway-policy", JSON.readValue(api.policy(), Object.class));
      } catch (JsonProcessingException e) {
        root.put("x-amazon-apigateway-policy", api.policy());
      }
    }
    // EDGE is the default, absent from AWS's recorded exports.
    if (api.endpointConfiguration() != null
        && !api.endpointConfiguration().types().equals(List.of(EndpointType.EDGE))) {
      Map<String, Object> configuration = new LinkedHashMap<>();
      configuration.put("types", api.endpointConfiguration().typesAsStrings());
      if (!api.endpointConfiguration().vpcEndpointIds().isEmpty()) {
        configuration.put("vpcEndpointIds", api.endpointConfiguration().vpcEndpointIds());
      }
      root.put("x-amazon-apigateway-endpoint-configuration", configuration);
    }
    if (!source.requestValidators().isEmpty()) {
      Map<String, Object> validators = new LinkedHashMap<>();
      for (RequestValidator validator : source.requestValidators()) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put(
            "validateRequestParameters",
            Boolean.TRUE.equals(validator.validateRequestParameters()));
        flags.put("validateRequestBody", Boolean.TRUE.equals(validator.validateRequestBody()));
        validators.put(validator.name(), flags);
      }
      root.put("x-amazon-apigateway-request-validators", validators);
    }
    if (!source.gatewayResponses().isEmpty()) {
      Map<String, Object> responses = new LinkedHashMap<>();
      for (GatewayResponse response : source.gatewayResponses()) {
        Map<String, Object> written = new LinkedHashMap<>();
        putIfPresent(written, "statusCode", response.statusCode());
        putIfNotEmpty(written, "responseParameters", response.responseParameters());
        putIfNotEmpty(written, "responseTemplates", response.responseTemplates());
        responses.put(response.responseTypeAsString(), written);
      }
      root.put("x-amazon-apigateway-gateway-responses", responses);
    }
    return root;
  }

  /**
   * The models' schemas, written as the document's own definitions: the JSON Schema text exactly as
   * stored (swagger's schema classes would drop keywords they do not model), with references to API
   * Gateway's model URIs pointed back into the document.
   */
  static ObjectNode schemas(List<Model> models, String localPrefix) {
    ObjectNode schemas = JSON.createObjectNode();
    for (Model model : models) {
      JsonNode schema;
      try {
        schema = model.schema() == null ? JSON.createObjectNode() : JSON.readTree(model.schema());
      } catch (JsonProcessingException e) {
        schema = JSON.createObjectNode();
      }
      localReferences(schema, localPrefix);
      if (schema.isObject()) {
        ((ObjectNode) schema).remove("$schema");
      }
      schemas.set(model.name(), schema);
    }
    return schemas;
  }

  private static void localReferences(JsonNode node, String localPrefix) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().contains("/models/")) {
        object.set("$ref", TextNode.valueOf(localPrefix + OpenApiImport.refName(ref.asText())));
      }
      object.forEach(child -> localReferences(child, localPrefix));
    } else if (node.isArray()) {
      ((ArrayNode) node).forEach(child -> localReferences(child, localPrefix));
    }
  }

  static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void putIfNotEmpty(Map<String, Object> map, String key, Map<String, ?> value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }
}
