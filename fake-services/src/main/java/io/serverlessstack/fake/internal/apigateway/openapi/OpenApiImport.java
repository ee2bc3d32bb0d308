package io.serverlessstack.fake.internal.apigateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.TlsConfig;

/**
 * Reads an OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML) with API Gateway's {@code
 * x-amazon-apigateway-*} extensions into an {@link ImportedApi}, as ImportRestApi and PutRestApi
 * do. swagger-parser parses the document and converts Swagger 2 to OpenAPI 3; this class only
 * translates.
 */
public final class OpenApiImport {

  /** What AWS answers for a body that is no OpenAPI document (recorded by LocalStack's tests). */
  static final String INVALID_INPUT = "Invalid OpenAPI input.";

  static final String MODEL_URI = "https://apigateway.amazonaws.com/restapis/%s/models/%s";

  private static final String EXTENSION = "x-amazon-apigateway-";
  private static final String ANY_METHOD = EXTENSION + "any-method";

  // An ANY method is no OpenAPI operation: it travels through the parser as the GET of a path
  // under this prefix, which no real API uses, and comes back as ANY of the real path.
  private static final String ANY_PATH_PREFIX = "/" + ANY_METHOD;

  // AWS takes definitions of up to 6 MB; snakeyaml's default stops at 3 MB.
  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String restApiId;
  private final Map<String, String> parameters;
  private final Supplier<String> newId;
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, RequestValidator> validatorsByName = new LinkedHashMap<>();
  private final Map<String, Authorizer> authorizersByName = new LinkedHashMap<>();
  private JsonNode document;
  private OpenAPI openApi;

  private OpenApiImport(String restApiId, Map<String, String> parameters, Supplier<String> newId) {
    this.restApiId = restApiId;
    this.parameters = parameters;
    this.newId = newId;
  }

  /**
   * Translates a document.
   *
   * @param restApiId the API the document is imported into (its models refer to each other through
   *     it)
   * @param body the document, JSON or YAML
   * @param parameters the request's {@code parameters} (for instance {@code basepath=prepend},
   *     {@code endpointConfigurationTypes=REGIONAL}, {@code ignore=documentation})
   * @param failOnWarnings the request's {@code failOnWarnings}
   * @param newId gives the ids of the request validators and authorizers
   * @throws InvalidApiDefinitionException what AWS answers with {@code BadRequestException}
   */
  public static ImportedApi read(
      String restApiId,
      String body,
      Map<String, String> parameters,
      boolean failOnWarnings,
      Supplier<String> newId) {
    OpenApiImport importer = new OpenApiImport(restApiId, parameters, newId);
    ImportedApi api = importer.translate(body);
    if (failOnWarnings && !api.warnings().isEmpty()) {
      // The text of AWS's answer as tools report it (Terraform's and Moto's tests, the AWS CLI):
      // a header line, then one tab-indented line per warning.
      throw new InvalidApiDefinitionException(
          "Warnings found during import:\n\t" + String.join("\n\t", api.warnings()));
    }
    return api;
  }

  private ImportedApi translate(String body) {
    document = parseTree(body);
    openApi = parse(document);
    readRequestValidators();
    readAuthorizers();
    Map<String, Map<String, Method>> resources = readResources();
    return new ImportedApi(
        openApi.getInfo() == null ? null : openApi.getInfo().getTitle(),
        openApi.getInfo() == null ? null : openApi.getInfo().getDescription(),
        openApi.getInfo() == null ? null : openApi.getInfo().getVersion(),
        stringList(rootExtension("binary-media-types")),
        upper(text(rootExtension("api-key-source"))),
        endpointConfiguration(),
        minimumCompressionSize(),
        policy(),
        resources,
        readModels(),
        new ArrayList<>(validatorsByName.values()),
        new ArrayList<>(authorizersByName.values()),
        gatewayResponses(),
        warnings);
  }

  // ---- parsing -------------------------------------------------------------------------------

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(7 * 1024 * 1024);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  private static JsonNode parseTree(String body) {
    JsonNode tree;
    try {
      // YAML is a superset of JSON: one reader serves both.
      tree = YAML.readTree(body == null ? "" : body);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvalidApiDefinitionException(INVALID_INPUT, e);
    }
    // A document that parses but is neither OpenAPI 3 nor Swagger 2: AWS's answer for it is a
    // guess (the same as for an unreadable body).
    if (tree == null
        || !tree.isObject()
        || !(tree.path("openapi").isTextual() || tree.path("swagger").isTextual())) {
      throw new InvalidApiDefinitionException(INVALID_INPUT);
    }
    return tree;
  }

  private OpenAPI parse(JsonNode tree) {
    ObjectNode prepared = tree.deepCopy();
    moveAnyMethods(prepared);
    ParseOptions options = new ParseOptions();
    // References stay references (a model is named by them); nothing is fetched from elsewhere.
    options.setResolve(false);
    options.setSafelyResolveURL(true);
    SwaggerParseResult result;
    try {
      result = new OpenAPIParser().readContents(JSON.writeValueAsString(prepared), null, options);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvalidApiDefinitionException(INVALID_INPUT, e);
    }
    if (result == null || result.getOpenAPI() == null) {
      throw new InvalidApiDefinitionException(INVALID_INPUT);
    }
    if (result.getMessages() != null) {
      // AWS reports what its parser finds amiss in these words, e.g. "Parse issue: attribute
      // paths.'/pets'(get).responses is missing".
      for (String message : result.getMessages()) {
        // AWS imports its own PetStore example, which has no info.version, with failOnWarnings
        // (LocalStack's recorded test_export_swagger_openapi): that is no warning for AWS.
        if (!message.contains(ANY_METHOD) && !message.contains("info.version")) {
          warnings.add("Parse issue: " + message);
        }
      }
    }
    return result.getOpenAPI();
  }

  private static void moveAnyMethods(ObjectNode tree) {
    JsonNode paths = tree.path("paths");
    if (!paths.isObject()) {
      return;
    }
    Map<String, JsonNode> anyPaths = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      if (path.getValue().isObject() && path.getValue().has(ANY_METHOD)) {
        ObjectNode item = (ObjectNode) path.getValue();
        ObjectNode anyItem = JSON.createObjectNode();
        anyItem.set("get", item.remove(ANY_METHOD));
        if (item.has("parameters")) {
          anyItem.set("parameters", item.get("parameters").deepCopy());
        }
        anyPaths.put(ANY_PATH_PREFIX + path.getKey(), anyItem);
      }
    }
    anyPaths.forEach(((ObjectNode) paths)::set);
  }

  // ---- resources and methods -----------------------------------------------------------------

  private Map<String, Map<String, Method>> readResources() {
    String basePath = basePath();
    Map<String, Map<String, Method>> resources = new LinkedHashMap<>();
    resources.put("/", new LinkedHashMap<>());
    if (openApi.getPaths() == null) {
      return resources;
    }
    openApi
        .getPaths()
        .forEach(
            (documentPath, item) -> {
              boolean any = documentPath.startsWith(ANY_PATH_PREFIX);
              String declaredPath =
                  any ? documentPath.substring(ANY_PATH_PREFIX.length()) : documentPath;
              String path = normalize(basePath + normalize(declaredPath));
              Map<String, Method> methods = addResource(resources, path);
              List<Parameter> shared =
                  item.getParameters() == null ? List.of() : item.getParameters();
              if (any) {
                methods.put("ANY", method(path, "ANY", item.getGet(), shared));
                return;
              }
              item.readOperationsMap()
                  .forEach(
                      (httpMethod, operation) ->
                          methods.put(
                              httpMethod.name(),
                              method(path, httpMethod.name(), operation, shared)));
            });
    return resources;
  }

  private static Map<String, Method> addResource(
      Map<String, Map<String, Method>> resources, String path) {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      addResource(resources, path.substring(0, slash));
    }
    return resources.computeIfAbsent(path, p -> new LinkedHashMap<>());
  }

  private static String normalize(String path) {
    String normalized = path.replaceAll("/{2,}", "/");
    if (!normalized.startsWith("/")) {
      normalized = "/" + normalized;
    }
    if (normalized.length() > 1 && normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized;
  }

  /**
   * The part of the document's base path that {@code basepath} (ignore, prepend, split) puts before
   * every path, as the developer guide's "Set the OpenAPI basePath property" describes.
   */
  private String basePath() {
    String mode = parameters.getOrDefault("basepath", "ignore").toLowerCase(Locale.ROOT);
    if (mode.equals("ignore")) {
      return "";
    }
    String declared = declaredBasePath();
    if (mode.equals("split")) {
      String trimmed = declared.replaceAll("^/+", "");
      int slash = trimmed.indexOf('/');
      declared = slash < 0 ? "" : trimmed.substring(slash);
    }
    return declared.isEmpty() || declared.equals("/") ? "" : normalize(declared);
  }

  private String declaredBasePath() {
    if (document.has("swagger")) {
      return document.path("basePath").asText("");
    }
    if (openApi.getServers() == null || openApi.getServers().isEmpty()) {
      return "";
    }
    Server server = openApi.getServers().get(0);
    if (server.getVariables() != null && server.getVariables().containsKey("basePath")) {
      ServerVariable variable = server.getVariables().get("basePath");
      return variable.getDefault() == null ? "" : variable.getDefault();
    }
    try {
      String url = server.getUrl() == null ? "" : server.getUrl().replaceAll("[{}]", "");
      String path = new URI(url).getPath();
      return path == null ? "" : path;
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private Method method(
      String path, String httpMethod, Operation operation, List<Parameter> shared) {
    Map<String, Object> extensions =
        operation.getExtensions() == null ? Map.of() : operation.getExtensions();
    Method.Builder method =
        Method.builder()
            .httpMethod(httpMethod)
            .operationName(operation.getOperationId())
            .authorizationType("NONE")
            .apiKeyRequired(false);
    Object auth = extensions.get(EXTENSION + "auth");
    if (auth instanceof Map<?, ?> authMap && authMap.get("type") != null) {
      method.authorizationType(upper(String.valueOf(authMap.get("type"))));
    }
    applySecurity(method, operation);
    Map<String, Boolean> requestParameters = requestParameters(path, operation, shared);
    if (!requestParameters.isEmpty()) {
      method.requestParameters(requestParameters);
    }
    Map<String, String> requestModels = requestModels(operation.getRequestBody());
    if (!requestModels.isEmpty()) {
      method.requestModels(requestModels);
    }
    String validatorName = text(extensions.get(EXTENSION + "request-validator"));
    if (validatorName == null) {
      validatorName = text(rootExtension("request-validator"));
    }
    if (validatorName != null) {
      RequestValidator validator = validatorsByName.get(validatorName);
      if (validator == null) {
        // The wording is a guess: AWS's text for an undeclared validator is not recorded.
        warnings.add(
            "Invalid request validator '"
                + validatorName
                + "' of resource '"
                + path
                + "' and method '"
                + httpMethod
                + "'");
      } else {
        method.requestValidatorId(validator.id());
      }
    }
    Map<String, MethodResponse> responses = methodResponses(operation);
    if (!responses.isEmpty()) {
      method.methodResponses(responses);
    }
    Object integration = extensions.get(EXTENSION + "integration");
    if (integration instanceof Map<?, ?> integrationMap) {
      method.methodIntegration(integration(path, httpMethod, integrationMap));
    }
    return method.build();
  }

  private void applySecurity(Method.Builder method, Operation operation) {
    List<SecurityRequirement> security =
        operation.getSecurity() != null ? operation.getSecurity() : openApi.getSecurity();
    if (security == null) {
      return;
    }
    Map<String, SecurityScheme> schemes = securitySchemes();
    for (SecurityRequirement requirement : security) {
      for (Map.Entry<String, List<String>> entry : requirement.entrySet()) {
        SecurityScheme scheme = schemes.get(entry.getKey());
        if (scheme == null) {
          continue;
        }
        Authorizer authorizer = authorizersByName.get(entry.getKey());
        if (authorizer != null) {
          method.authorizationType(
              authorizer.typeAsString().equals("COGNITO_USER_POOLS")
                  ? "COGNITO_USER_POOLS"
                  : "CUSTOM");
          method.authorizerId(authorizer.id());
          if (authorizer.typeAsString().equals("COGNITO_USER_POOLS")
              && entry.getValue() != null
              && !entry.getValue().isEmpty()) {
            method.authorizationScopes(entry.getValue());
          }
        } else if (scheme.getType() == SecurityScheme.Type.APIKEY
            && "awsSigv4".equalsIgnoreCase(text(extension(scheme.getExtensions(), "authtype")))) {
          method.authorizationType("AWS_IAM");
        } else if (scheme.getType() == SecurityScheme.Type.APIKEY
            && "x-api-key".equalsIgnoreCase(scheme.getName())) {
          method.apiKeyRequired(true);
        }
      }
    }
  }

  private Map<String, Boolean> requestParameters(
      String path, Operation operation, List<Parameter> shared) {
    Map<String, Boolean> byKey = new LinkedHashMap<>();
    List<Parameter> all = new ArrayList<>(shared);
    if (operation.getParameters() != null) {
      all.addAll(operation.getParameters());
    }
    for (Parameter declared : all) {
      Parameter parameter = resolve(declared);
      if (parameter == null || parameter.getIn() == null || parameter.getName() == null) {
        continue;
      }
      String location;
      switch (parameter.getIn()) {
        case "query":
          location = "querystring";
          break;
        case "header":
        case "path":
          location = parameter.getIn();
          break;
        default:
          continue; // cookies: API Gateway has no such request parameter
      }
      byKey.put(
          "method.request." + location + "." + parameter.getName(),
          Boolean.TRUE.equals(parameter.getRequired()));
    }
    // API Gateway requires the label of a {name} path part even when the document forgets it.
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.startsWith("{") && last.endsWith("}") && !last.endsWith("+}")) {
      byKey.putIfAbsent("method.request.path." + last.substring(1, last.length() - 1), true);
    }
    return byKey;
  }

  private Parameter resolve(Parameter parameter) {
    if (parameter.get$ref() == null) {
      return parameter;
    }
    if (openApi.getComponents() == null || openApi.getComponents().getParameters() == null) {
      return null;
    }
    return openApi.getComponents().getParameters().get(refName(parameter.get$ref()));
  }

  private Map<String, String> requestModels(RequestBody declared) {
    RequestBody body = declared;
    if (body != null && body.get$ref() != null) {
      body =
          openApi.getComponents() == null || openApi.getComponents().getRequestBodies() == null
              ? null
              : openApi.getComponents().getRequestBodies().get(refName(body.get$ref()));
    }
    return body == null ? Map.of() : modelsByContentType(body.getContent());
  }

  private Map<String, MethodResponse> methodResponses(Operation operation) {
    Map<String, MethodResponse> responses = new LinkedHashMap<>();
    if (operation.getResponses() == null) {
      return responses;
    }
    operation
        .getResponses()
        .forEach(
            (statusCode, declared) -> {
              if (!statusCode.matches("[1-5]\\d\\d")) {
                return; // "default": API Gateway's method responses are per status code
              }
              ApiResponse response = declared;
              if (response.get$ref() != null && openApi.getComponents() != null) {
                response = openApi.getComponents().getResponses().get(refName(response.get$ref()));
              }
              MethodResponse.Builder methodResponse =
                  MethodResponse.builder().statusCode(statusCode);
              if (response != null && response.getHeaders() != null) {
                Map<String, Boolean> headers = new LinkedHashMap<>();
                for (Map.Entry<String, Header> header : response.getHeaders().entrySet()) {
                  headers.put(
                      "method.response.header." + header.getKey(),
                      Boolean.TRUE.equals(header.getValue().getRequired()));
                }
                methodResponse.responseParameters(headers);
              }
              Map<String, String> models =
                  response == null ? Map.of() : modelsByContentType(response.getContent());
              if (!models.isEmpty()) {
                methodResponse.responseModels(models);
              }
              responses.put(statusCode, methodResponse.build());
            });
    return responses;
  }

  private static Map<String, String> modelsByContentType(Content content) {
    Map<String, String> models = new LinkedHashMap<>();
    if (content == null) {
      return models;
    }
    for (Map.Entry<String, MediaType> entry : content.entrySet()) {
      MediaType media = entry.getValue();
      if (media == null || media.getSchema() == null || media.getSchema().get$ref() == null) {
        continue; // an inline schema is no model
      }
      // Swagger 2 without consumes/produces converts to */*; its default media type is JSON.
      String contentType = entry.getKey().equals("*/*") ? "application/json" : entry.getKey();
      models.put(contentType, refName(media.getSchema().get$ref()));
    }
    return models;
  }

  private Integration integration(String path, String httpMethod, Map<?, ?> declared) {
    String type = upper(text(declared.get("type")));
    Integration.Builder integration =
        Integration.builder()
            .type(type)
            .httpMethod(upper(text(declared.get("httpMethod"))))
            .uri(text(declared.get("uri")))
            .credentials(text(declared.get("credentials")))
            .passthroughBehavior(
                declared.get("passthroughBehavior") == null
                    ? "WHEN_NO_MATCH"
                    : upper(text(declared.get("passthroughBehavior"))))
            .contentHandling(upper(text(declared.get("contentHandling"))))
            .cacheNamespace(text(declared.get("cacheNamespace")))
            .cacheKeyParameters(stringList(declared.get("cacheKeyParameters")))
            .connectionId(text(declared.get("connectionId")))
            .timeoutInMillis(
                declared.get("timeoutInMillis") == null
                    ? 29_000
                    : Integer.valueOf(text(declared.get("timeoutInMillis"))));
    String connectionType = upper(text(declared.get("connectionType")));
    if (connectionType == null && ("HTTP".equals(type) || "HTTP_PROXY".equals(type))) {
      connectionType = "INTERNET";
    }
    integration.connectionType(connectionType);
    Map<String, String> requestParameters = new LinkedHashMap<>();
    if (declared.get("requestParameters") instanceof Map<?, ?> declaredParameters) {
      declaredParameters.forEach(
          (key, value) -> {
            if (value instanceof String text) {
              requestParameters.put(String.valueOf(key), text);
            } else {
              // AWS's warning, recorded by LocalStack's tests
              // (test_import_rest_apis_with_base_path).
              warnings.add(
                  "Invalid format for 'requestParameters'. Expected type string for property '"
                      + key
                      + "' of resource '"
                      + path
                      + "' and method '"
                      + httpMethod
                      + "' but got '"
                      + String.valueOf(value).toLowerCase(Locale.ROOT)
                      + "'");
            }
          });
    }
    if (!requestParameters.isEmpty()) {
      integration.requestParameters(requestParameters);
    }
    Map<String, String> requestTemplates = stringMap(declared.get("requestTemplates"));
    if (!requestTemplates.isEmpty()) {
      integration.requestTemplates(requestTemplates);
    }
    if (declared.get("tlsConfig") instanceof Map<?, ?> tls) {
      integration.tlsConfig(
          TlsConfig.builder()
              .insecureSkipVerification(
                  Boolean.parseBoolean(String.valueOf(tls.get("insecureSkipVerification"))))
              .build());
    }
    Map<String, IntegrationResponse> responses = new LinkedHashMap<>();
    if (declared.get("responses") instanceof Map<?, ?> declaredResponses) {
      declaredResponses.forEach(
          (pattern, value) -> {
            if (!(value instanceof Map<?, ?> response)) {
              return;
            }
            String statusCode =
                response.get("statusCode") == null ? "200" : text(response.get("statusCode"));
            IntegrationResponse.Builder integrationResponse =
                IntegrationResponse.builder()
                    .statusCode(statusCode)
                    .selectionPattern("default".equals(pattern) ? null : String.valueOf(pattern))
                    .contentHandling(upper(text(response.get("contentHandling"))));
            Map<String, String> parameters = stringMap(response.get("responseParameters"));
            if (!parameters.isEmpty()) {
              integrationResponse.responseParameters(parameters);
            }
            Map<String, String> templates = stringMap(response.get("responseTemplates"));
            if (!templates.isEmpty()) {
              integrationResponse.responseTemplates(templates);
            }
            responses.put(statusCode, integrationResponse.build());
          });
    }
    if (!responses.isEmpty()) {
      integration.integrationResponses(responses);
    }
    return integration.build();
  }

  // ---- models, validators, authorizers, gateway responses ------------------------------------

  private Map<String, Model> readModels() {
    JsonNode schemas =
        document.has("swagger") ? document.path("definitions") : document.at("/components/schemas");
    Map<String, Model> models = new LinkedHashMap<>();
    if (!schemas.isObject()) {
      return models;
    }
    for (Map.Entry<String, JsonNode> entry : schemas.properties()) {
      JsonNode schema = entry.getValue().deepCopy();
      rewriteReferences(schema, restApiId);
      models.put(
          entry.getKey(),
          Model.builder()
              .name(entry.getKey())
              .contentType("application/json")
              .description(
                  schema.path("description").isTextual()
                      ? schema.get("description").asText()
                      : null)
              .schema(schema.toString())
              .build());
    }
    return models;
  }

  /** Points a schema's document-local references at API Gateway's models, as AWS stores them. */
  static void rewriteReferences(JsonNode node, String restApiId) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && isLocalModelReference(ref.asText())) {
        object.set(
            "$ref", TextNode.valueOf(String.format(MODEL_URI, restApiId, refName(ref.asText()))));
      }
      object.forEach(child -> rewriteReferences(child, restApiId));
    } else if (node.isArray()) {
      ((ArrayNode) node).forEach(child -> rewriteReferences(child, restApiId));
    }
  }

  private static boolean isLocalModelReference(String ref) {
    return ref.startsWith("#/definitions/") || ref.startsWith("#/components/schemas/");
  }

  private void readRequestValidators() {
    if (!(rootExtension("request-validators") instanceof Map<?, ?> validators)) {
      return;
    }
    validators.forEach(
        (name, value) -> {
          Map<?, ?> flags = value instanceof Map<?, ?> map ? map : Map.of();
          validatorsByName.put(
              String.valueOf(name),
              RequestValidator.builder()
                  .id(newId.get())
                  .name(String.valueOf(name))
                  .validateRequestBody(
                      Boolean.parseBoolean(String.valueOf(flags.get("validateRequestBody"))))
                  .validateRequestParameters(
                      Boolean.parseBoolean(String.valueOf(flags.get("validateRequestParameters"))))
                  .build());
        });
  }

  private void readAuthorizers() {
    securitySchemes()
        .forEach(
            (name, scheme) -> {
              if (!(extension(scheme.getExtensions(), "authorizer")
                  instanceof Map<?, ?> declared)) {
                return;
              }
              String type = upper(text(declared.get("type")));
              Authorizer.Builder authorizer =
                  Authorizer.builder()
                      .id(newId.get())
                      .name(name)
                      .type(type)
                      .authType(text(extension(scheme.getExtensions(), "authtype")))
                      .authorizerUri(text(declared.get("authorizerUri")))
                      .authorizerCredentials(text(declared.get("authorizerCredentials")))
                      .identityValidationExpression(
                          text(declared.get("identityValidationExpression")))
                      // AWS's default TTL when the document names none.
                      .authorizerResultTtlInSeconds(
                          declared.get("authorizerResultTtlInSeconds") == null
                              ? 300
                              : Integer.valueOf(
                                  text(declared.get("authorizerResultTtlInSeconds"))));
              List<String> providers = stringList(declared.get("providerARNs"));
              if (!providers.isEmpty()) {
                authorizer.providerARNs(providers);
              }
              String identitySource = text(declared.get("identitySource"));
              if (identitySource == null
                  && ("TOKEN".equals(type) || "COGNITO_USER_POOLS".equals(type))
                  && scheme.getName() != null) {
                // A TOKEN or Cognito authorizer reads the header the security scheme names.
                identitySource = "method.request.header." + scheme.getName();
              }
              authorizer.identitySource(identitySource);
              authorizersByName.put(name, authorizer.build());
            });
  }

  private Map<String, SecurityScheme> securitySchemes() {
    if (openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
      return Map.of();
    }
    return openApi.getComponents().getSecuritySchemes();
  }

  private List<GatewayResponse> gatewayResponses() {
    List<GatewayResponse> responses = new ArrayList<>();
    if (!(rootExtension("gateway-responses") instanceof Map<?, ?> declared)) {
      return responses;
    }
    declared.forEach(
        (type, value) -> {
          Map<?, ?> response = value instanceof Map<?, ?> map ? map : Map.of();
          GatewayResponse.Builder gatewayResponse =
              GatewayResponse.builder()
                  .responseType(String.valueOf(type))
                  .statusCode(text(response.get("statusCode")))
                  .defaultResponse(false);
          Map<String, String> parameters = stringMap(response.get("responseParameters"));
          if (!parameters.isEmpty()) {
            gatewayResponse.responseParameters(parameters);
          }
          Map<String, String> templates = stringMap(response.get("responseTemplates"));
          if (!templates.isEmpty()) {
            gatewayResponse.responseTemplates(templates);
          }
          responses.add(gatewayResponse.build());
        });
    return responses;
  }

  private EndpointConfiguration endpointConfiguration() {
    String typesParameter = parameters.get("endpointConfigurationTypes");
    if (typesParameter != null) {
      return EndpointConfiguration.builder()
          .typesWithStrings(upper(typesParameter).split("\\s*,\\s*"))
          .build();
    }
    if (!(rootExtension("endpoint-configuration") instanceof Map<?, ?> declared)) {
      return null;
    }
    List<String> types = new ArrayList<>();
    stringList(declared.get("types")).forEach(type -> types.add(upper(type)));
    List<String> vpcEndpoints = stringList(declared.get("vpcEndpointIds"));
    if (types.isEmpty() && !vpcEndpoints.isEmpty()) {
      types.add("PRIVATE");
    }
    EndpointConfiguration.Builder configuration =
        EndpointConfiguration.builder().typesWithStrings(types);
    if (!vpcEndpoints.isEmpty()) {
      configuration.vpcEndpointIds(vpcEndpoints);
    }
    return configuration.build();
  }

  private Integer minimumCompressionSize() {
    String size = text(rootExtension("minimum-compression-size"));
    return size == null ? null : Integer.valueOf(size);
  }

  private String policy() {
    Object policy = rootExtension("policy");
    if (policy == null || policy instanceof String) {
      return (String) policy;
    }
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new InvalidApiDefinitionException(INVALID_INPUT, e);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Object rootExtension(String name) {
    return extension(openApi.getExtensions(), name);
  }

  private static Object extension(Map<String, Object> extensions, String name) {
    return extensions == null ? null : extensions.get(EXTENSION + name);
  }

  static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }

  private static List<String> stringList(Object value) {
    List<String> list = new ArrayList<>();
    if (value instanceof List<?> items) {
      items.forEach(item -> list.add(String.valueOf(item)));
    }
    return list;
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> entries) {
      entries.forEach((key, entry) -> map.put(String.valueOf(key), String.valueOf(entry)));
    }
    return map;
  }
}
