package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.apigateway.openapi.ExportSource;
import io.serverlessstack.fake.internal.apigateway.openapi.ExportedDocument;
import io.serverlessstack.fake.internal.apigateway.openapi.ImportedApi;
import io.serverlessstack.fake.internal.apigateway.openapi.InvalidApiDefinitionException;
import io.serverlessstack.fake.internal.apigateway.openapi.OpenApiExport;
import io.serverlessstack.fake.internal.apigateway.openapi.OpenApiImport;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.model.*;

/**
 * What a REST API is defined by besides its resources: models, request validators, authorizers and
 * gateway responses, and the OpenAPI documents it is imported from (ImportRestApi, PutRestApi
 * overwrite and merge) and exported to (GetExport).
 */
final class RestApiDefinitions {

  private static final String GATEWAY_RESPONSE_TYPES =
      "[REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR,"
          + " MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY,"
          + " BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT,"
          + " ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED,"
          + " API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]";

  /** The template of every default gateway response. */
  static final String DEFAULT_ERROR_TEMPLATE = "{\"message\":$context.error.messageString}";

  private static final Patches.Rules AUTHORIZER_PATCHES =
      Patches.rules(
          "updateAuthorizerInput",
          Patches.value("name"),
          Patches.value("type"),
          Patches.value("authorizerUri"),
          Patches.value("authorizerCredentials"),
          Patches.value("identitySource"),
          Patches.value("identityValidationExpression"),
          Patches.value("authorizerResultTtlInSeconds"),
          Patches.value("authType"),
          Patches.listValueInPath("providerARNs"));

  private static final Patches.Rules GATEWAY_RESPONSE_PATCHES =
      Patches.rules(
          "updateGatewayResponseInput",
          Patches.value("statusCode"),
          Patches.mapEntry("responseParameters"),
          Patches.mapEntry("responseTemplates"));

  private final ApiGatewayEngine engine;

  private RestApiDefinitions(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  static AwsService.Builder register(AwsService.Builder service, ApiGatewayEngine engine) {
    RestApiDefinitions ops = new RestApiDefinitions(engine);
    return service
        .operation("CreateModel", CreateModelRequest::builder, ops::createModel)
        .operation("GetModel", GetModelRequest::builder, ops::getModel)
        .operation("GetModels", GetModelsRequest::builder, ops::getModels)
        .operation("UpdateModel", UpdateModelRequest::builder, ops::updateModel)
        .operation("DeleteModel", DeleteModelRequest::builder, ops::deleteModel)
        .operation(
            "CreateRequestValidator",
            CreateRequestValidatorRequest::builder,
            ops::createRequestValidator)
        .operation(
            "GetRequestValidator", GetRequestValidatorRequest::builder, ops::getRequestValidator)
        .operation(
            "GetRequestValidators", GetRequestValidatorsRequest::builder, ops::getRequestValidators)
        .operation(
            "UpdateRequestValidator",
            UpdateRequestValidatorRequest::builder,
            ops::updateRequestValidator)
        .operation(
            "DeleteRequestValidator",
            DeleteRequestValidatorRequest::builder,
            ops::deleteRequestValidator)
        .operation("CreateAuthorizer", CreateAuthorizerRequest::builder, ops::createAuthorizer)
        .operation("GetAuthorizer", GetAuthorizerRequest::builder, ops::getAuthorizer)
        .operation("GetAuthorizers", GetAuthorizersRequest::builder, ops::getAuthorizers)
        .operation("UpdateAuthorizer", UpdateAuthorizerRequest::builder, ops::updateAuthorizer)
        .operation("DeleteAuthorizer", DeleteAuthorizerRequest::builder, ops::deleteAuthorizer)
        .operation(
            "PutGatewayResponse", PutGatewayResponseRequest::builder, ops::putGatewayResponse)
        .operation(
            "GetGatewayResponse", GetGatewayResponseRequest::builder, ops::getGatewayResponse)
        .operation(
            "GetGatewayResponses", GetGatewayResponsesRequest::builder, ops::getGatewayResponses)
        .operation(
            "UpdateGatewayResponse",
            UpdateGatewayResponseRequest::builder,
            ops::updateGatewayResponse)
        .operation(
            "DeleteGatewayResponse",
            DeleteGatewayResponseRequest::builder,
            ops::deleteGatewayResponse)
        .operation("ImportRestApi", ImportRestApiRequest::builder, ops::importRestApi)
        .operation("PutRestApi", PutRestApiRequest::builder, ops::putRestApi)
        .operation("GetExport", GetExportRequest::builder, ops::getExport);
  }

  static Map<String, Integer> successStatuses() {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String created :
        List.of(
            "CreateModel",
            "CreateRequestValidator",
            "CreateAuthorizer",
            "PutGatewayResponse",
            "ImportRestApi")) {
      statuses.put(created, 201);
    }
    for (String accepted :
        List.of(
            "DeleteModel", "DeleteRequestValidator", "DeleteAuthorizer", "DeleteGatewayResponse")) {
      statuses.put(accepted, 202);
    }
    return statuses;
  }

  // ---- models

  private CreateModelResponse createModel(CreateModelRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    if (request.name() == null || request.name().isEmpty()) {
      throw ApiGatewayErrors.badRequest("Model name must be non-empty");
    }
    if (!request.name().matches("[a-zA-Z0-9]+")) {
      throw ApiGatewayErrors.badRequest("Model name must be alphanumeric: " + request.name());
    }
    synchronized (state) {
      if (state.models.containsKey(request.name())) {
        throw ApiGatewayErrors.conflict("Model name already exists for this REST API");
      }
      Model model =
          Model.builder()
              .id(ApiGatewayEngine.randomId(6))
              .name(request.name())
              .description(request.description())
              .schema(request.schema())
              .contentType(request.contentType())
              .build();
      state.models.put(model.name(), model);
      return Shapes.copy(model, CreateModelResponse.builder());
    }
  }

  private static Model model(RestApiState state, String name) {
    Model model = name == null ? null : state.models.get(name);
    if (model == null) {
      throw ApiGatewayErrors.notFound("Invalid model name specified: " + name);
    }
    return model;
  }

  private GetModelResponse getModel(GetModelRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(model(state, request.modelName()), GetModelResponse.builder());
    }
  }

  private GetModelsResponse getModels(GetModelsRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Page<Model> page =
          Page.of(new ArrayList<>(state.models.values()), request.position(), request.limit());
      return GetModelsResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private UpdateModelResponse updateModel(UpdateModelRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Model.Builder updated = model(state, request.modelName()).toBuilder();
      for (PatchOperation patch : request.patchOperations()) {
        String path = patch.path();
        if (!"replace".equals(patch.opAsString())
            || !("/description".equals(path) || "/schema".equals(path))) {
          throw ApiGatewayErrors.badRequest(
              "Invalid patch path  '"
                  + path
                  + "' specified for op '"
                  + patch.opAsString()
                  + "'. Must be one of: [/description, /schema]");
        }
        if (path.equals("/schema")) {
          updated.schema(patch.value());
        } else {
          updated.description(patch.value());
        }
      }
      Model stored = updated.build();
      state.models.put(stored.name(), stored);
      return Shapes.copy(stored, UpdateModelResponse.builder());
    }
  }

  private DeleteModelResponse deleteModel(DeleteModelRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Model model = model(state, request.modelName());
      for (Resource resource : state.resources.values()) {
        if (!resource.hasResourceMethods()) {
          continue;
        }
        for (Method method : resource.resourceMethods().values()) {
          if (method.hasRequestModels() && method.requestModels().containsValue(model.name())) {
            throw ApiGatewayErrors.conflict(
                "Cannot delete model '"
                    + model.name()
                    + "', is referenced in method request: "
                    + resource.path()
                    + "/"
                    + method.httpMethod());
          }
        }
      }
      state.models.remove(model.name());
      return DeleteModelResponse.builder().build();
    }
  }

  // ---- request validators

  private CreateRequestValidatorResponse createRequestValidator(
      CreateRequestValidatorRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    if (request.name() == null || request.name().isBlank()) {
      throw ApiGatewayErrors.badRequest("Request Validator name cannot be blank");
    }
    synchronized (state) {
      RequestValidator validator =
          RequestValidator.builder()
              .id(ApiGatewayEngine.randomId(6))
              .name(request.name())
              .validateRequestBody(Boolean.TRUE.equals(request.validateRequestBody()))
              .validateRequestParameters(Boolean.TRUE.equals(request.validateRequestParameters()))
              .build();
      state.validators.put(validator.id(), validator);
      return Shapes.copy(validator, CreateRequestValidatorResponse.builder());
    }
  }

  private static RequestValidator validator(RestApiState state, String id) {
    RequestValidator validator = id == null ? null : state.validators.get(id);
    if (validator == null) {
      throw ApiGatewayErrors.notFound("Invalid Request Validator identifier specified");
    }
    return validator;
  }

  private GetRequestValidatorResponse getRequestValidator(
      GetRequestValidatorRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(
          validator(state, request.requestValidatorId()), GetRequestValidatorResponse.builder());
    }
  }

  private GetRequestValidatorsResponse getRequestValidators(
      GetRequestValidatorsRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Page<RequestValidator> page =
          Page.of(new ArrayList<>(state.validators.values()), request.position(), request.limit());
      return GetRequestValidatorsResponse.builder()
          .items(page.items())
          .position(page.next())
          .build();
    }
  }

  private UpdateRequestValidatorResponse updateRequestValidator(
      UpdateRequestValidatorRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      RequestValidator.Builder updated = validator(state, request.requestValidatorId()).toBuilder();
      for (PatchOperation patch : request.patchOperations()) {
        String path = patch.path();
        if (!"replace".equals(patch.opAsString())) {
          throw ApiGatewayErrors.badRequest(
              "Invalid patch path  '"
                  + path
                  + "' specified for op '"
                  + patch.opAsString()
                  + "'. Please choose supported operations");
        }
        switch (path == null ? "" : path) {
          case "/name":
            if (patch.value() == null || patch.value().isBlank()) {
              throw ApiGatewayErrors.badRequest("Request Validator name cannot be blank");
            }
            updated.name(patch.value());
            break;
          case "/validateRequestParameters":
            updated.validateRequestParameters("true".equals(patch.value()));
            break;
          case "/validateRequestBody":
            updated.validateRequestBody("true".equals(patch.value()));
            break;
          default:
            throw ApiGatewayErrors.badRequest(
                "Invalid patch path  '"
                    + path
                    + "' specified for op 'replace'. Must be one of: [/name,"
                    + " /validateRequestParameters, /validateRequestBody]");
        }
      }
      RequestValidator stored = updated.build();
      state.validators.put(stored.id(), stored);
      return Shapes.copy(stored, UpdateRequestValidatorResponse.builder());
    }
  }

  private DeleteRequestValidatorResponse deleteRequestValidator(
      DeleteRequestValidatorRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      validator(state, request.requestValidatorId());
      state.validators.remove(request.requestValidatorId());
      return DeleteRequestValidatorResponse.builder().build();
    }
  }

  // ---- authorizers

  private CreateAuthorizerResponse createAuthorizer(
      CreateAuthorizerRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    if (request.type() == null || request.type() == AuthorizerType.UNKNOWN_TO_SDK_VERSION) {
      throw new ModelViolations()
          .add(
              "createAuthorizerInput.type",
              request.typeAsString(),
              "Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]")
          .toException();
    }
    synchronized (state) {
      Authorizer authorizer =
          Authorizer.builder()
              .id(ApiGatewayEngine.randomId(6))
              .name(request.name())
              .type(request.type())
              .providerARNs(request.hasProviderARNs() ? request.providerARNs() : null)
              .authType(request.authType())
              .authorizerUri(request.authorizerUri())
              .authorizerCredentials(request.authorizerCredentials())
              .identitySource(request.identitySource())
              .identityValidationExpression(request.identityValidationExpression())
              .authorizerResultTtlInSeconds(
                  request.authorizerResultTtlInSeconds() == null
                      ? 300
                      : request.authorizerResultTtlInSeconds())
              .build();
      state.authorizers.put(authorizer.id(), authorizer);
      return Shapes.copy(authorizer, CreateAuthorizerResponse.builder());
    }
  }

  private static Authorizer authorizer(RestApiState state, String id) {
    Authorizer authorizer = id == null ? null : state.authorizers.get(id);
    if (authorizer == null) {
      throw ApiGatewayErrors.notFound("Authorizer not found: " + id);
    }
    return authorizer;
  }

  private GetAuthorizerResponse getAuthorizer(GetAuthorizerRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(
          authorizer(state, request.authorizerId()), GetAuthorizerResponse.builder());
    }
  }

  private GetAuthorizersResponse getAuthorizers(
      GetAuthorizersRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Page<Authorizer> page =
          Page.of(new ArrayList<>(state.authorizers.values()), request.position(), request.limit());
      return GetAuthorizersResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private UpdateAuthorizerResponse updateAuthorizer(
      UpdateAuthorizerRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Authorizer updated =
          Patches.apply(
              authorizer(state, request.authorizerId()),
              Authorizer::builder,
              request.patchOperations(),
              AUTHORIZER_PATCHES);
      state.authorizers.put(updated.id(), updated);
      return Shapes.copy(updated, UpdateAuthorizerResponse.builder());
    }
  }

  private DeleteAuthorizerResponse deleteAuthorizer(
      DeleteAuthorizerRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      authorizer(state, request.authorizerId());
      state.authorizers.remove(request.authorizerId());
      return DeleteAuthorizerResponse.builder().build();
    }
  }

  // ---- gateway responses

  /** The response type a request names, as AWS's enum validation checks it. */
  private static GatewayResponseType responseType(String type, String input) {
    GatewayResponseType known = GatewayResponseType.fromValue(type);
    if (known == null || known == GatewayResponseType.UNKNOWN_TO_SDK_VERSION) {
      throw new ModelViolations()
          .add(input, type, "Member must satisfy enum value set: " + GATEWAY_RESPONSE_TYPES)
          .toException();
    }
    return known;
  }

  /** What a type answers when the API sets nothing for it. */
  static GatewayResponse defaultResponse(GatewayResponseType type) {
    GatewayResponse.Builder response =
        GatewayResponse.builder()
            .responseType(type)
            .defaultResponse(true)
            .responseParameters(Map.of())
            .responseTemplates(Map.of("application/json", DEFAULT_ERROR_TEMPLATE));
    if (type != GatewayResponseType.DEFAULT_4_XX && type != GatewayResponseType.DEFAULT_5_XX) {
      response.statusCode(String.valueOf(GatewayError.valueOf(type.toString()).status));
    }
    return response.build();
  }

  private PutGatewayResponseResponse putGatewayResponse(
      PutGatewayResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    GatewayResponseType type = responseType(request.responseTypeAsString(), "responseType");
    synchronized (state) {
      GatewayResponse response =
          GatewayResponse.builder()
              .responseType(type)
              .statusCode(request.statusCode())
              .responseParameters(
                  request.hasResponseParameters() ? request.responseParameters() : Map.of())
              .responseTemplates(
                  request.hasResponseTemplates() ? request.responseTemplates() : Map.of())
              .defaultResponse(false)
              .build();
      state.gatewayResponses.put(type.toString(), response);
      return Shapes.copy(response, PutGatewayResponseResponse.builder());
    }
  }

  private GetGatewayResponseResponse getGatewayResponse(
      GetGatewayResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    GatewayResponseType type = responseType(request.responseTypeAsString(), "responseType");
    synchronized (state) {
      GatewayResponse set = state.gatewayResponses.get(type.toString());
      return Shapes.copy(
          set == null ? defaultResponse(type) : set, GetGatewayResponseResponse.builder());
    }
  }

  private GetGatewayResponsesResponse getGatewayResponses(
      GetGatewayResponsesRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      List<GatewayResponse> all = new ArrayList<>();
      for (GatewayResponseType type : GatewayResponseType.knownValues()) {
        GatewayResponse set = state.gatewayResponses.get(type.toString());
        all.add(set == null ? defaultResponse(type) : set);
      }
      Page<GatewayResponse> page = Page.of(all, request.position(), request.limit());
      return GetGatewayResponsesResponse.builder()
          .items(page.items())
          .position(page.next())
          .build();
    }
  }

  private UpdateGatewayResponseResponse updateGatewayResponse(
      UpdateGatewayResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    GatewayResponseType type = responseType(request.responseTypeAsString(), "responseType");
    synchronized (state) {
      GatewayResponse current = state.gatewayResponses.get(type.toString());
      GatewayResponse updated =
          Patches.apply(
                  current == null ? defaultResponse(type) : current,
                  GatewayResponse::builder,
                  request.patchOperations(),
                  GATEWAY_RESPONSE_PATCHES)
              .toBuilder()
              .defaultResponse(false)
              .build();
      state.gatewayResponses.put(type.toString(), updated);
      return Shapes.copy(updated, UpdateGatewayResponseResponse.builder());
    }
  }

  private DeleteGatewayResponseResponse deleteGatewayResponse(
      DeleteGatewayResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    GatewayResponseType type = responseType(request.responseTypeAsString(), "responseType");
    synchronized (state) {
      if (state.gatewayResponses.remove(type.toString()) == null) {
        throw ApiGatewayErrors.notFound("Gateway response type not defined on api");
      }
      return DeleteGatewayResponseResponse.builder().build();
    }
  }

  // ---- import and export

  private ImportRestApiResponse importRestApi(ImportRestApiRequest request, RequestContext call) {
    String id = engine.newApiId();
    ImportedApi imported = read(id, request.body(), request.parameters(), request.failOnWarnings());
    if (imported.name() == null || imported.name().isBlank()) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
    Resource root = Resource.builder().id(ApiGatewayEngine.randomId(10)).path("/").build();
    RestApi api =
        RestApi.builder()
            .id(id)
            .name(imported.name())
            .createdDate(engine.now())
            .apiKeySource("HEADER")
            .endpointConfiguration(
                imported.endpointConfiguration() == null
                    ? EndpointConfiguration.builder()
                        .typesWithStrings("EDGE")
                        .ipAddressType("ipv4")
                        .build()
                    : imported.endpointConfiguration())
            .disableExecuteApiEndpoint(false)
            .rootResourceId(root.id())
            .build();
    RestApiState state = new RestApiState(call.scope(), engine.nextSerial(), api, root);
    synchronized (state) {
      apply(state, imported);
      engine.addRestApi(state);
      return Shapes.copy(state.api, ImportRestApiResponse.builder());
    }
  }

  private PutRestApiResponse putRestApi(PutRestApiRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    ImportedApi incoming =
        read(state.id(), request.body(), request.parameters(), request.failOnWarnings());
    synchronized (state) {
      ImportedApi next =
          "merge".equals(request.modeAsString()) ? current(state).mergedWith(incoming) : incoming;
      apply(state, next);
      return Shapes.copy(state.api, PutRestApiResponse.builder());
    }
  }

  private ImportedApi read(
      String apiId, SdkBytes body, Map<String, String> parameters, Boolean failOnWarnings) {
    try {
      return OpenApiImport.read(
          apiId,
          body == null ? "" : body.asString(StandardCharsets.UTF_8),
          parameters == null ? Map.of() : parameters,
          Boolean.TRUE.equals(failOnWarnings),
          () -> ApiGatewayEngine.randomId(6));
    } catch (InvalidApiDefinitionException invalid) {
      throw ApiGatewayErrors.badRequest(invalid.getMessage());
    }
  }

  /** The API as a document would declare it, for PutRestApi's merge. */
  private static ImportedApi current(RestApiState state) {
    Map<String, Map<String, Method>> resources = new LinkedHashMap<>();
    for (Resource resource : state.resources.values()) {
      resources.put(
          resource.path(), resource.hasResourceMethods() ? resource.resourceMethods() : Map.of());
    }
    RestApi api = state.api;
    return new ImportedApi(
        api.name(),
        api.description(),
        api.version(),
        api.hasBinaryMediaTypes() ? api.binaryMediaTypes() : List.of(),
        api.apiKeySourceAsString(),
        api.endpointConfiguration(),
        api.minimumCompressionSize(),
        api.policy(),
        resources,
        state.models,
        new ArrayList<>(state.validators.values()),
        new ArrayList<>(state.authorizers.values()),
        new ArrayList<>(state.gatewayResponses.values()),
        List.of());
  }

  /**
   * Makes {@code state} what {@code imported} declares: its settings (the endpoint configuration
   * stays), resources, models, validators, authorizers and gateway responses; stages and
   * deployments stay as they are.
   */
  private void apply(RestApiState state, ImportedApi imported) {
    RestApi.Builder api = state.api.toBuilder();
    if (imported.name() != null) {
      api.name(imported.name());
    }
    state.api =
        api.description(imported.description())
            .version(imported.version())
            .binaryMediaTypes(
                imported.binaryMediaTypes().isEmpty() ? null : imported.binaryMediaTypes())
            .apiKeySource(imported.apiKeySource() == null ? "HEADER" : imported.apiKeySource())
            .minimumCompressionSize(imported.minimumCompressionSize())
            .policy(imported.policy())
            .build();
    String rootId = state.api.rootResourceId();
    Map<String, String> idsByPath = new LinkedHashMap<>();
    Map<String, Resource> previous = new LinkedHashMap<>();
    for (Resource resource : state.resources.values()) {
      previous.put(resource.path(), resource);
    }
    state.resources.clear();
    for (Map.Entry<String, Map<String, Method>> entry : imported.resources().entrySet()) {
      String path = entry.getKey();
      Resource.Builder resource;
      if (path.equals("/")) {
        resource = Resource.builder().id(rootId).path("/");
      } else {
        int slash = path.lastIndexOf('/');
        String parentPath = slash == 0 ? "/" : path.substring(0, slash);
        Resource kept = previous.get(path);
        resource =
            Resource.builder()
                .id(kept == null ? ApiGatewayEngine.randomId(10) : kept.id())
                .parentId(idsByPath.get(parentPath))
                .pathPart(path.substring(slash + 1))
                .path(path);
      }
      Map<String, Method> methods = entry.getValue();
      Resource built = resource.resourceMethods(methods.isEmpty() ? null : methods).build();
      idsByPath.put(path, built.id());
      state.resources.put(built.id(), built);
    }
    if (!state.resources.containsKey(rootId)) {
      state.resources.put(rootId, Resource.builder().id(rootId).path("/").build());
    }
    state.models.clear();
    imported
        .models()
        .forEach(
            (name, model) ->
                state.models.put(
                    name,
                    model.id() == null
                        ? model.toBuilder().id(ApiGatewayEngine.randomId(6)).build()
                        : model));
    state.validators.clear();
    imported.requestValidators().forEach(v -> state.validators.put(v.id(), v));
    state.authorizers.clear();
    imported.authorizers().forEach(a -> state.authorizers.put(a.id(), a));
    state.gatewayResponses.clear();
    imported
        .gatewayResponses()
        .forEach(r -> state.gatewayResponses.put(r.responseTypeAsString(), r));
  }

  private GetExportResponse getExport(GetExportRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    ExportSource source;
    synchronized (state) {
      Stage stage = state.stage(request.stageName());
      Deployment deployment = state.deployment(stage.deploymentId());
      source =
          new ExportSource(
              state.api,
              stage.stageName(),
              deployment.createdDate(),
              state.id() + ".execute-api." + state.scope.region() + ".amazonaws.com",
              new ArrayList<>(state.deployed.get(deployment.id()).values()),
              new ArrayList<>(state.models.values()),
              new ArrayList<>(state.validators.values()),
              new ArrayList<>(state.authorizers.values()),
              new ArrayList<>(state.gatewayResponses.values()));
    }
    ExportedDocument document;
    try {
      document =
          OpenApiExport.export(
              source,
              request.exportType(),
              request.accepts(),
              request.parameters() == null ? Map.of() : request.parameters());
    } catch (InvalidApiDefinitionException invalid) {
      throw ApiGatewayErrors.badRequest(invalid.getMessage());
    }
    return GetExportResponse.builder()
        .contentType(document.contentType())
        .contentDisposition(document.contentDisposition())
        .body(SdkBytes.fromByteArray(document.body()))
        .build();
  }
}
