package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.model.*;

/**
 * REST APIs' control plane (API Gateway v1): APIs, resources, methods and their responses,
 * integrations and theirs, deployments and stages, each decoded into the SDK's request, applied to
 * the API's {@link RestApiState} under its monitor, and answered with the SDK's response. What is
 * kept is the SDK's own model objects, so Get answers exactly what Put stored.
 */
final class RestApiOperations {

  private static final Pattern PATH_PART =
      Pattern.compile("[a-zA-Z0-9._\\-:@!$&'()*+,;=~]+|\\{[a-zA-Z0-9._\\-]+\\+?}");

  private static final List<String> HTTP_METHODS =
      List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY");

  private static final int MAX_COMPRESSION_SIZE = 10 * 1024 * 1024;

  /** API Gateway's page size when a list call gives no {@code limit}. */
  private static final int DEFAULT_LIMIT = 25;

  private static final int MAX_LIMIT = 500;

  private static final Patches.Rules REST_API_PATCHES =
      Patches.rules(
          "updateRestApiInput",
          Patches.value("name"),
          Patches.value("description"),
          Patches.value("version"),
          Patches.value("apiKeySource"),
          Patches.value("minimumCompressionSize", "replace"),
          Patches.value("disableExecuteApiEndpoint"),
          Patches.value("policy"),
          Patches.listValueInPath("binaryMediaTypes"));

  private static final Patches.Rules METHOD_PATCHES =
      Patches.rules(
          "updateMethodInput",
          Patches.value("authorizationType"),
          Patches.value("authorizerId"),
          Patches.value("apiKeyRequired"),
          Patches.value("requestValidatorId"),
          Patches.value("operationName"),
          Patches.mapEntry("requestParameters"),
          Patches.mapEntry("requestModels"),
          Patches.listValueInPath("authorizationScopes"));

  private static final Patches.Rules METHOD_RESPONSE_PATCHES =
      Patches.rules(
          "updateMethodResponseInput",
          Patches.mapEntry("responseParameters"),
          Patches.mapEntry("responseModels"));

  private static final Patches.Rules INTEGRATION_PATCHES =
      Patches.rules(
          "updateIntegrationInput",
          Patches.value("uri"),
          Patches.value("httpMethod"),
          Patches.value("credentials"),
          Patches.value("passthroughBehavior"),
          Patches.value("contentHandling", "replace", "remove"),
          Patches.value("timeoutInMillis"),
          Patches.value("connectionType"),
          Patches.value("connectionId"),
          Patches.mapEntry("requestParameters"),
          Patches.mapEntry("requestTemplates"),
          Patches.listValueInPath("cacheKeyParameters"));

  private static final Patches.Rules INTEGRATION_RESPONSE_PATCHES =
      Patches.rules(
          "updateIntegrationResponseInput",
          Patches.value("selectionPattern"),
          Patches.value("contentHandling", "replace", "remove"),
          Patches.mapEntry("responseParameters"),
          Patches.mapEntry("responseTemplates"));

  private static final Patches.Rules DEPLOYMENT_PATCHES =
      Patches.rules("updateDeploymentInput", Patches.value("description"));

  private final ApiGatewayEngine engine;

  private RestApiOperations(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  /** Registers the REST API control plane's operations on {@code service}. */
  static AwsService.Builder register(AwsService.Builder service, ApiGatewayEngine engine) {
    RestApiOperations ops = new RestApiOperations(engine);
    return service
        .operation("CreateRestApi", CreateRestApiRequest::builder, ops::createRestApi)
        .operation("GetRestApi", GetRestApiRequest::builder, ops::getRestApi)
        .operation("GetRestApis", GetRestApisRequest::builder, ops::getRestApis)
        .operation("UpdateRestApi", UpdateRestApiRequest::builder, ops::updateRestApi)
        .operation("DeleteRestApi", DeleteRestApiRequest::builder, ops::deleteRestApi)
        .operation("CreateResource", CreateResourceRequest::builder, ops::createResource)
        .operation("GetResource", GetResourceRequest::builder, ops::getResource)
        .operation("GetResources", GetResourcesRequest::builder, ops::getResources)
        .operation("UpdateResource", UpdateResourceRequest::builder, ops::updateResource)
        .operation("DeleteResource", DeleteResourceRequest::builder, ops::deleteResource)
        .operation("PutMethod", PutMethodRequest::builder, ops::putMethod)
        .operation("GetMethod", GetMethodRequest::builder, ops::getMethod)
        .operation("UpdateMethod", UpdateMethodRequest::builder, ops::updateMethod)
        .operation("DeleteMethod", DeleteMethodRequest::builder, ops::deleteMethod)
        .operation("PutMethodResponse", PutMethodResponseRequest::builder, ops::putMethodResponse)
        .operation("GetMethodResponse", GetMethodResponseRequest::builder, ops::getMethodResponse)
        .operation(
            "UpdateMethodResponse", UpdateMethodResponseRequest::builder, ops::updateMethodResponse)
        .operation(
            "DeleteMethodResponse", DeleteMethodResponseRequest::builder, ops::deleteMethodResponse)
        .operation("PutIntegration", PutIntegrationRequest::builder, ops::putIntegration)
        .operation("GetIntegration", GetIntegrationRequest::builder, ops::getIntegration)
        .operation("UpdateIntegration", UpdateIntegrationRequest::builder, ops::updateIntegration)
        .operation("DeleteIntegration", DeleteIntegrationRequest::builder, ops::deleteIntegration)
        .operation(
            "PutIntegrationResponse",
            PutIntegrationResponseRequest::builder,
            ops::putIntegrationResponse)
        .operation(
            "GetIntegrationResponse",
            GetIntegrationResponseRequest::builder,
            ops::getIntegrationResponse)
        .operation(
            "UpdateIntegrationResponse",
            UpdateIntegrationResponseRequest::builder,
            ops::updateIntegrationResponse)
        .operation(
            "DeleteIntegrationResponse",
            DeleteIntegrationResponseRequest::builder,
            ops::deleteIntegrationResponse)
        .operation("CreateDeployment", CreateDeploymentRequest::builder, ops::createDeployment)
        .operation("GetDeployment", GetDeploymentRequest::builder, ops::getDeployment)
        .operation("GetDeployments", GetDeploymentsRequest::builder, ops::getDeployments)
        .operation("UpdateDeployment", UpdateDeploymentRequest::builder, ops::updateDeployment)
        .operation("DeleteDeployment", DeleteDeploymentRequest::builder, ops::deleteDeployment)
        .operation("CreateStage", CreateStageRequest::builder, ops::createStage)
        .operation("GetStage", GetStageRequest::builder, ops::getStage)
        .operation("GetStages", GetStagesRequest::builder, ops::getStages)
        .operation("UpdateStage", UpdateStageRequest::builder, ops::updateStage)
        .operation("DeleteStage", DeleteStageRequest::builder, ops::deleteStage);
  }

  /** The success statuses AWS's model gives the operations above (200 for the rest). */
  static Map<String, Integer> successStatuses() {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String created :
        List.of(
            "CreateRestApi",
            "CreateResource",
            "PutMethod",
            "PutMethodResponse",
            "PutIntegration",
            "PutIntegrationResponse",
            "CreateDeployment",
            "CreateStage")) {
      statuses.put(created, 201);
    }
    for (String accepted :
        List.of("DeleteRestApi", "DeleteResource", "DeleteDeployment", "DeleteStage")) {
      statuses.put(accepted, 202);
    }
    for (String noContent :
        List.of(
            "DeleteMethod",
            "DeleteMethodResponse",
            "DeleteIntegration",
            "DeleteIntegrationResponse")) {
      statuses.put(noContent, 204);
    }
    return statuses;
  }

  // ---- REST APIs

  private CreateRestApiResponse createRestApi(CreateRestApiRequest request, RequestContext call) {
    if (request.name() == null || request.name().isBlank()) {
      throw ApiGatewayErrors.badRequest("Name cannot be empty");
    }
    if (request.description() != null && request.description().isEmpty()) {
      throw ApiGatewayErrors.badRequest("Description cannot be an empty string");
    }
    checkCompressionSize(request.minimumCompressionSize());
    EndpointConfiguration endpoint = endpointConfiguration(request.endpointConfiguration());
    String id = engine.newApiId();
    Resource root = Resource.builder().id(ApiGatewayEngine.randomId(10)).path("/").build();
    RestApi api =
        RestApi.builder()
            .id(id)
            .name(request.name())
            .description(request.description())
            .version(request.version())
            .createdDate(engine.now())
            .binaryMediaTypes(request.hasBinaryMediaTypes() ? request.binaryMediaTypes() : null)
            .minimumCompressionSize(request.minimumCompressionSize())
            .apiKeySource(
                request.apiKeySource() == null
                    ? ApiKeySourceType.HEADER.toString()
                    : request.apiKeySourceAsString())
            .endpointConfiguration(endpoint)
            .policy(request.policy())
            .tags(request.hasTags() && !request.tags().isEmpty() ? request.tags() : null)
            .disableExecuteApiEndpoint(Boolean.TRUE.equals(request.disableExecuteApiEndpoint()))
            .rootResourceId(root.id())
            .build();
    engine.addRestApi(new RestApiState(call.scope(), engine.nextSerial(), api, root));
    return CreateRestApiResponse.builder()
        .id(api.id())
        .name(api.name())
        .description(api.description())
        .version(api.version())
        .createdDate(api.createdDate())
        .binaryMediaTypes(api.hasBinaryMediaTypes() ? api.binaryMediaTypes() : null)
        .minimumCompressionSize(api.minimumCompressionSize())
        .apiKeySource(api.apiKeySourceAsString())
        .endpointConfiguration(api.endpointConfiguration())
        .policy(api.policy())
        .tags(api.hasTags() ? api.tags() : null)
        .disableExecuteApiEndpoint(api.disableExecuteApiEndpoint())
        .rootResourceId(api.rootResourceId())
        .build();
  }

  private static void checkCompressionSize(Integer size) {
    if (size != null && (size < 0 || size > MAX_COMPRESSION_SIZE)) {
      throw ApiGatewayErrors.badRequest(
          "Invalid minimum compression size, must be between 0 and " + MAX_COMPRESSION_SIZE);
    }
  }

  private static EndpointConfiguration endpointConfiguration(EndpointConfiguration asked) {
    if (asked == null || !asked.hasTypes() || asked.types().isEmpty()) {
      return EndpointConfiguration.builder()
          .typesWithStrings("EDGE")
          .ipAddressType(asked == null ? "ipv4" : orDefault(asked.ipAddressTypeAsString(), "ipv4"))
          .build();
    }
    if (asked.types().size() > 1) {
      throw ApiGatewayErrors.badRequest("Cannot create an api with multiple Endpoint Types.");
    }
    String type = asked.typesAsStrings().get(0);
    if (!List.of("EDGE", "REGIONAL", "PRIVATE").contains(type)) {
      throw ApiGatewayErrors.badRequest(
          "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
    }
    String ipAddressType =
        orDefault(asked.ipAddressTypeAsString(), type.equals("PRIVATE") ? "dualstack" : "ipv4");
    if (type.equals("PRIVATE") && !ipAddressType.equals("dualstack")) {
      throw ApiGatewayErrors.badRequest(
          "Only dualstack ipAddressType is supported for Private APIs.");
    }
    return asked.toBuilder().ipAddressType(ipAddressType).build();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private GetRestApiResponse getRestApi(GetRestApiRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return toGetRestApi(state.api);
    }
  }

  private static GetRestApiResponse toGetRestApi(RestApi api) {
    return GetRestApiResponse.builder()
        .id(api.id())
        .name(api.name())
        .description(api.description())
        .version(api.version())
        .createdDate(api.createdDate())
        .binaryMediaTypes(api.hasBinaryMediaTypes() ? api.binaryMediaTypes() : null)
        .minimumCompressionSize(api.minimumCompressionSize())
        .apiKeySource(api.apiKeySourceAsString())
        .endpointConfiguration(api.endpointConfiguration())
        .policy(api.policy())
        .tags(api.hasTags() ? api.tags() : null)
        .disableExecuteApiEndpoint(api.disableExecuteApiEndpoint())
        .rootResourceId(api.rootResourceId())
        .build();
  }

  private GetRestApisResponse getRestApis(GetRestApisRequest request, RequestContext call) {
    List<RestApi> apis = new ArrayList<>();
    for (RestApiState state : engine.restApis(call.scope())) {
      synchronized (state) {
        apis.add(state.api);
      }
    }
    Page<RestApi> page = Page.of(apis, request.position(), request.limit());
    return GetRestApisResponse.builder().items(page.items()).position(page.next()).build();
  }

  private UpdateRestApiResponse updateRestApi(UpdateRestApiRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      RestApi updated =
          Patches.apply(state.api, RestApi::builder, request.patchOperations(), REST_API_PATCHES);
      if (updated.name() == null || updated.name().isBlank()) {
        throw ApiGatewayErrors.badRequest("Name cannot be empty");
      }
      checkCompressionSize(updated.minimumCompressionSize());
      state.api = updated;
      GetRestApiResponse answer = toGetRestApi(updated);
      return UpdateRestApiResponse.builder()
          .id(answer.id())
          .name(answer.name())
          .description(answer.description())
          .version(answer.version())
          .createdDate(answer.createdDate())
          .binaryMediaTypes(answer.hasBinaryMediaTypes() ? answer.binaryMediaTypes() : null)
          .minimumCompressionSize(answer.minimumCompressionSize())
          .apiKeySource(answer.apiKeySourceAsString())
          .endpointConfiguration(answer.endpointConfiguration())
          .policy(answer.policy())
          .tags(answer.hasTags() ? answer.tags() : null)
          .disableExecuteApiEndpoint(answer.disableExecuteApiEndpoint())
          .rootResourceId(answer.rootResourceId())
          .build();
    }
  }

  private DeleteRestApiResponse deleteRestApi(DeleteRestApiRequest request, RequestContext call) {
    engine.removeRestApi(call.scope(), request.restApiId());
    return DeleteRestApiResponse.builder().build();
  }

  // ---- resources

  private CreateResourceResponse createResource(
      CreateResourceRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Resource parent = state.resource(request.parentId());
      String pathPart = request.pathPart();
      checkPathPart(state, parent, pathPart, null);
      Resource resource =
          Resource.builder()
              .id(ApiGatewayEngine.randomId(10))
              .parentId(parent.id())
              .pathPart(pathPart)
              .path(childPath(parent.path(), pathPart))
              .build();
      state.resources.put(resource.id(), resource);
      return CreateResourceResponse.builder()
          .id(resource.id())
          .parentId(resource.parentId())
          .pathPart(resource.pathPart())
          .path(resource.path())
          .build();
    }
  }

  /** AWS's checks of a resource's path part under {@code parent}, {@code self} excepted. */
  private static void checkPathPart(
      RestApiState state, Resource parent, String pathPart, String self) {
    if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
      throw ApiGatewayErrors.badRequest(
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and"
              + " the end and an optional plus sign before the closing brace.");
    }
    if (parent.pathPart() != null && isGreedy(parent.pathPart())) {
      throw ApiGatewayErrors.badRequest(
          "Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
    }
    for (Resource sibling : state.children(parent.id())) {
      if (sibling.id().equals(self)) {
        continue;
      }
      if (sibling.pathPart().equals(pathPart)) {
        throw ApiGatewayErrors.conflict(
            "Another resource with the same parent already has this name: " + pathPart);
      }
      if (isVariable(pathPart) && isVariable(sibling.pathPart())) {
        throw ApiGatewayErrors.badRequest(
            "A sibling ("
                + sibling.pathPart()
                + ") of this resource already has a variable path part -- only one is allowed");
      }
    }
  }

  static boolean isVariable(String pathPart) {
    return pathPart.startsWith("{") && pathPart.endsWith("}");
  }

  static boolean isGreedy(String pathPart) {
    return pathPart.startsWith("{") && pathPart.endsWith("+}");
  }

  private static String childPath(String parentPath, String pathPart) {
    return (parentPath.equals("/") ? "" : parentPath) + "/" + pathPart;
  }

  private GetResourceResponse getResource(GetResourceRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Resource resource =
          shown(
              state.resource(request.resourceId()),
              request.hasEmbed() && request.embed().contains("methods"));
      return GetResourceResponse.builder()
          .id(resource.id())
          .parentId(resource.parentId())
          .pathPart(resource.pathPart())
          .path(resource.path())
          .resourceMethods(resource.hasResourceMethods() ? resource.resourceMethods() : null)
          .build();
    }
  }

  private GetResourcesResponse getResources(GetResourcesRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      boolean embedMethods = request.hasEmbed() && request.embed().contains("methods");
      List<Resource> shown = new ArrayList<>();
      for (Resource resource : state.resources.values()) {
        shown.add(shown(resource, embedMethods));
      }
      Page<Resource> page = Page.of(shown, request.position(), request.limit());
      return GetResourcesResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  /** A resource as listed: its methods whole with {@code embed=methods}, else by name only. */
  private static Resource shown(Resource resource, boolean embedMethods) {
    if (embedMethods || !resource.hasResourceMethods()) {
      return resource;
    }
    Map<String, Method> named = new LinkedHashMap<>();
    for (String httpMethod : resource.resourceMethods().keySet()) {
      named.put(httpMethod, Method.builder().build());
    }
    return resource.toBuilder().resourceMethods(named).build();
  }

  private UpdateResourceResponse updateResource(
      UpdateResourceRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Resource resource = state.resource(request.resourceId());
      String parentId = resource.parentId();
      String pathPart = resource.pathPart();
      for (PatchOperation patch : request.patchOperations()) {
        String path = patch.path();
        boolean known = "/parentId".equals(path) || "/pathPart".equals(path);
        if (!"replace".equals(patch.opAsString())) {
          if (!List.of("add", "remove", "move", "test", "copy").contains(patch.opAsString())) {
            throw ApiGatewayErrors.badRequest(
                "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
          }
          throw ApiGatewayErrors.badRequest(
              "Invalid patch path  '"
                  + path
                  + "' specified for op '"
                  + patch.opAsString()
                  + "'. Please choose supported operations");
        }
        if (!known) {
          throw ApiGatewayErrors.badRequest(
              "Invalid patch path  '"
                  + path
                  + "' specified for op 'replace'. Must be one of: [/parentId, /pathPart]");
        }
        if (resource.parentId() == null) {
          throw ApiGatewayErrors.badRequest(
              "Root resource cannot update its " + path.substring(1) + ".");
        }
        if (path.equals("/parentId")) {
          parentId = patch.value();
        } else {
          pathPart = patch.value();
        }
      }
      Resource parent = state.resource(parentId);
      for (String ancestor = parent.id();
          ancestor != null;
          ancestor = state.resources.get(ancestor).parentId()) {
        if (ancestor.equals(resource.id())) {
          throw ApiGatewayErrors.badRequest("Resources cannot be cyclical.");
        }
      }
      checkPathPart(state, parent, pathPart, resource.id());
      Resource updated =
          resource.toBuilder()
              .parentId(parentId)
              .pathPart(pathPart)
              .path(childPath(parent.path(), pathPart))
              .build();
      state.resources.put(updated.id(), updated);
      repath(state, updated);
      return UpdateResourceResponse.builder()
          .id(updated.id())
          .parentId(updated.parentId())
          .pathPart(updated.pathPart())
          .path(updated.path())
          .resourceMethods(updated.hasResourceMethods() ? updated.resourceMethods() : null)
          .build();
    }
  }

  /** Gives the descendants of {@code parent} the paths its new path makes theirs. */
  private static void repath(RestApiState state, Resource parent) {
    for (Resource child : state.children(parent.id())) {
      Resource moved = child.toBuilder().path(childPath(parent.path(), child.pathPart())).build();
      state.resources.put(moved.id(), moved);
      repath(state, moved);
    }
  }

  private DeleteResourceResponse deleteResource(
      DeleteResourceRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Resource resource = state.resource(request.resourceId());
      if (resource.parentId() == null) {
        throw ApiGatewayErrors.badRequest("Cannot delete root resource");
      }
      removeTree(state, resource.id());
      return DeleteResourceResponse.builder().build();
    }
  }

  private static void removeTree(RestApiState state, String resourceId) {
    for (Resource child : state.children(resourceId)) {
      removeTree(state, child.id());
    }
    state.resources.remove(resourceId);
  }

  // ---- methods

  private PutMethodResponse putMethod(PutMethodRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Resource resource = state.resource(request.resourceId());
      String httpMethod = checkHttpMethod(request.httpMethod());
      if (resource.hasResourceMethods() && resource.resourceMethods().containsKey(httpMethod)) {
        throw ApiGatewayErrors.conflict("Method already exists for this resource");
      }
      String authorizationType = request.authorizationType();
      if (authorizationType == null) {
        throw ApiGatewayErrors.badRequest("Invalid authorization type specified");
      }
      if ((authorizationType.equals("CUSTOM") || authorizationType.equals("COGNITO_USER_POOLS"))
          && request.authorizerId() == null) {
        throw ApiGatewayErrors.badRequest(
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or"
                + " COGNITO_USER_POOLS requires a valid authorizer.");
      }
      if (request.requestValidatorId() != null
          && !state.validators.containsKey(request.requestValidatorId())) {
        throw ApiGatewayErrors.badRequest("Invalid Request Validator identifier specified");
      }
      if (request.hasRequestModels()) {
        for (String model : request.requestModels().values()) {
          if (!state.models.containsKey(model)) {
            throw ApiGatewayErrors.badRequest("Invalid model identifier specified: " + model);
          }
        }
      }
      Method method =
          Method.builder()
              .httpMethod(httpMethod)
              .authorizationType(authorizationType)
              .authorizerId(request.authorizerId())
              .apiKeyRequired(Boolean.TRUE.equals(request.apiKeyRequired()))
              .requestValidatorId(request.requestValidatorId())
              .operationName(request.operationName())
              .requestParameters(
                  request.hasRequestParameters() && !request.requestParameters().isEmpty()
                      ? request.requestParameters()
                      : null)
              .requestModels(
                  request.hasRequestModels() && !request.requestModels().isEmpty()
                      ? request.requestModels()
                      : null)
              .authorizationScopes(
                  request.hasAuthorizationScopes() ? request.authorizationScopes() : null)
              .build();
      state.putMethod(resource.id(), httpMethod, method);
      return toPutMethodResponse(method);
    }
  }

  private static String checkHttpMethod(String httpMethod) {
    if (httpMethod == null || !HTTP_METHODS.contains(httpMethod)) {
      throw ApiGatewayErrors.badRequest(
          "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    }
    return httpMethod;
  }

  private static PutMethodResponse toPutMethodResponse(Method method) {
    return Shapes.copy(method, PutMethodResponse.builder());
  }

  private GetMethodResponse getMethod(GetMethodRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(
          state.method(request.resourceId(), request.httpMethod()), GetMethodResponse.builder());
    }
  }

  private UpdateMethodResponse updateMethod(UpdateMethodRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      Method updated =
          Patches.apply(method, Method::builder, request.patchOperations(), METHOD_PATCHES);
      state.putMethod(request.resourceId(), request.httpMethod(), updated);
      return Shapes.copy(updated, UpdateMethodResponse.builder());
    }
  }

  private DeleteMethodResponse deleteMethod(DeleteMethodRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      state.method(request.resourceId(), request.httpMethod());
      state.putMethod(request.resourceId(), request.httpMethod(), null);
      return DeleteMethodResponse.builder().build();
    }
  }

  // ---- method responses

  private PutMethodResponseResponse putMethodResponse(
      PutMethodResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      MethodResponse response =
          MethodResponse.builder()
              .statusCode(checkStatusCode(request.statusCode()))
              .responseParameters(
                  request.hasResponseParameters() && !request.responseParameters().isEmpty()
                      ? request.responseParameters()
                      : null)
              .responseModels(
                  request.hasResponseModels() && !request.responseModels().isEmpty()
                      ? request.responseModels()
                      : null)
              .build();
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodResponses(with(method.methodResponses(), response.statusCode(), response))
              .build());
      return Shapes.copy(response, PutMethodResponseResponse.builder());
    }
  }

  private static String checkStatusCode(String statusCode) {
    if (statusCode == null || !statusCode.matches("[1-5]\\d\\d")) {
      throw new ModelViolations()
          .add(
              "statusCode",
              statusCode,
              "Member must satisfy regular expression pattern: [1-5]\\d\\d")
          .toException();
    }
    return statusCode;
  }

  /** {@code map} with {@code key} set to {@code value}, or removed when it is {@code null}. */
  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    Map<String, V> copy = new LinkedHashMap<>(map == null ? Map.of() : map);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy.isEmpty() ? null : copy;
  }

  private static MethodResponse methodResponse(Method method, String statusCode) {
    MethodResponse response =
        method.hasMethodResponses() ? method.methodResponses().get(statusCode) : null;
    if (response == null) {
      throw ApiGatewayErrors.responseNotFound();
    }
    return response;
  }

  private GetMethodResponseResponse getMethodResponse(
      GetMethodResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      MethodResponse response =
          methodResponse(
              state.method(request.resourceId(), request.httpMethod()), request.statusCode());
      return Shapes.copy(response, GetMethodResponseResponse.builder());
    }
  }

  private UpdateMethodResponseResponse updateMethodResponse(
      UpdateMethodResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      MethodResponse updated =
          Patches.apply(
              methodResponse(method, request.statusCode()),
              MethodResponse::builder,
              request.patchOperations(),
              METHOD_RESPONSE_PATCHES);
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodResponses(with(method.methodResponses(), updated.statusCode(), updated))
              .build());
      return Shapes.copy(updated, UpdateMethodResponseResponse.builder());
    }
  }

  private DeleteMethodResponseResponse deleteMethodResponse(
      DeleteMethodResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      methodResponse(method, request.statusCode());
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodResponses(with(method.methodResponses(), request.statusCode(), null))
              .build());
      return DeleteMethodResponseResponse.builder().build();
    }
  }

  // ---- integrations

  private PutIntegrationResponse putIntegration(
      PutIntegrationRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      IntegrationType type = IntegrationUris.check(request);
      Method method = state.method(request.resourceId(), request.httpMethod());
      Integration integration =
          Integration.builder()
              .type(type)
              .httpMethod(request.integrationHttpMethod())
              .uri(request.uri())
              .credentials(request.credentials())
              .connectionType(
                  request.connectionType() == null
                          && (type == IntegrationType.HTTP || type == IntegrationType.HTTP_PROXY)
                      ? ConnectionType.INTERNET.toString()
                      : request.connectionTypeAsString())
              .connectionId(request.connectionId())
              .requestParameters(
                  request.hasRequestParameters() && !request.requestParameters().isEmpty()
                      ? request.requestParameters()
                      : null)
              .requestTemplates(
                  request.hasRequestTemplates() && !request.requestTemplates().isEmpty()
                      ? request.requestTemplates()
                      : null)
              .passthroughBehavior(
                  request.passthroughBehavior() == null
                      ? "WHEN_NO_MATCH"
                      : request.passthroughBehavior())
              .contentHandling(request.contentHandling())
              .timeoutInMillis(
                  request.timeoutInMillis() == null ? 29_000 : request.timeoutInMillis())
              .cacheNamespace(
                  request.cacheNamespace() == null
                      ? request.resourceId()
                      : request.cacheNamespace())
              .cacheKeyParameters(
                  request.hasCacheKeyParameters() ? request.cacheKeyParameters() : List.of())
              .tlsConfig(request.tlsConfig())
              .build();
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder().methodIntegration(integration).build());
      return Shapes.copy(integration, PutIntegrationResponse.builder());
    }
  }

  private static Integration integration(Method method) {
    if (method.methodIntegration() == null) {
      throw ApiGatewayErrors.integrationNotFound();
    }
    return method.methodIntegration();
  }

  private GetIntegrationResponse getIntegration(
      GetIntegrationRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(
          integration(state.method(request.resourceId(), request.httpMethod())),
          GetIntegrationResponse.builder());
    }
  }

  private UpdateIntegrationResponse updateIntegration(
      UpdateIntegrationRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      Integration updated =
          Patches.apply(
              integration(method),
              Integration::builder,
              request.patchOperations(),
              INTEGRATION_PATCHES);
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder().methodIntegration(updated).build());
      return Shapes.copy(updated, UpdateIntegrationResponse.builder());
    }
  }

  private DeleteIntegrationResponse deleteIntegration(
      DeleteIntegrationRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      integration(method);
      Method.Builder without = method.toBuilder().methodIntegration((Integration) null);
      state.putMethod(request.resourceId(), request.httpMethod(), without.build());
      return DeleteIntegrationResponse.builder().build();
    }
  }

  // ---- integration responses

  private PutIntegrationResponseResponse putIntegrationResponse(
      PutIntegrationResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      Integration integration = integration(method);
      IntegrationResponse response =
          IntegrationResponse.builder()
              .statusCode(checkStatusCode(request.statusCode()))
              .selectionPattern(request.selectionPattern())
              .responseParameters(
                  request.hasResponseParameters() && !request.responseParameters().isEmpty()
                      ? request.responseParameters()
                      : null)
              .responseTemplates(
                  request.hasResponseTemplates() && !request.responseTemplates().isEmpty()
                      ? request.responseTemplates()
                      : null)
              .contentHandling(request.contentHandling())
              .build();
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodIntegration(
                  integration.toBuilder()
                      .integrationResponses(
                          with(integration.integrationResponses(), response.statusCode(), response))
                      .build())
              .build());
      return Shapes.copy(response, PutIntegrationResponseResponse.builder());
    }
  }

  private static IntegrationResponse integrationResponse(Integration integration, String code) {
    IntegrationResponse response =
        integration.hasIntegrationResponses() ? integration.integrationResponses().get(code) : null;
    if (response == null) {
      throw ApiGatewayErrors.responseNotFound();
    }
    return response;
  }

  private GetIntegrationResponseResponse getIntegrationResponse(
      GetIntegrationResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Integration integration =
          integration(state.method(request.resourceId(), request.httpMethod()));
      return Shapes.copy(
          integrationResponse(integration, request.statusCode()),
          GetIntegrationResponseResponse.builder());
    }
  }

  private UpdateIntegrationResponseResponse updateIntegrationResponse(
      UpdateIntegrationResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      Integration integration = integration(method);
      IntegrationResponse updated =
          Patches.apply(
              integrationResponse(integration, request.statusCode()),
              IntegrationResponse::builder,
              request.patchOperations(),
              INTEGRATION_RESPONSE_PATCHES);
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodIntegration(
                  integration.toBuilder()
                      .integrationResponses(
                          with(integration.integrationResponses(), updated.statusCode(), updated))
                      .build())
              .build());
      return Shapes.copy(updated, UpdateIntegrationResponseResponse.builder());
    }
  }

  private DeleteIntegrationResponseResponse deleteIntegrationResponse(
      DeleteIntegrationResponseRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Method method = state.method(request.resourceId(), request.httpMethod());
      Integration integration = integration(method);
      integrationResponse(integration, request.statusCode());
      state.putMethod(
          request.resourceId(),
          request.httpMethod(),
          method.toBuilder()
              .methodIntegration(
                  integration.toBuilder()
                      .integrationResponses(
                          with(integration.integrationResponses(), request.statusCode(), null))
                      .build())
              .build());
      return DeleteIntegrationResponseResponse.builder().build();
    }
  }

  // ---- deployments

  private CreateDeploymentResponse createDeployment(
      CreateDeploymentRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      if (!state.hasAnyMethod()) {
        throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
      }
      for (Resource resource : state.resources.values()) {
        if (resource.hasResourceMethods()) {
          for (Method method : resource.resourceMethods().values()) {
            if (method.methodIntegration() == null) {
              throw ApiGatewayErrors.badRequest("No integration defined for method");
            }
          }
        }
      }
      Deployment deployment =
          Deployment.builder()
              .id(ApiGatewayEngine.randomId(6))
              .description(request.description())
              .createdDate(engine.now())
              .build();
      state.deployments.put(deployment.id(), deployment);
      state.deployed.put(deployment.id(), Map.copyOf(state.resources));
      if (request.stageName() != null) {
        Stage existing = state.stages.get(request.stageName());
        Map<String, String> variables =
            request.hasVariables() && !request.variables().isEmpty() ? request.variables() : null;
        if (existing == null) {
          state.stages.put(
              request.stageName(),
              newStage(
                  request.stageName(), deployment.id(), request.stageDescription(), variables));
        } else {
          Stage.Builder updated =
              existing.toBuilder().deploymentId(deployment.id()).lastUpdatedDate(engine.now());
          if (variables != null) {
            updated.variables(variables);
          }
          state.stages.put(request.stageName(), updated.build());
        }
      }
      return CreateDeploymentResponse.builder()
          .id(deployment.id())
          .description(deployment.description())
          .createdDate(deployment.createdDate())
          .build();
    }
  }

  private Stage newStage(
      String name, String deploymentId, String description, Map<String, String> variables) {
    return Stage.builder()
        .stageName(name)
        .deploymentId(deploymentId)
        .description(description)
        .variables(variables)
        .createdDate(engine.now())
        .lastUpdatedDate(engine.now())
        .methodSettings(Map.of())
        .cacheClusterEnabled(false)
        .cacheClusterStatus(CacheClusterStatus.NOT_AVAILABLE)
        .tracingEnabled(false)
        .build();
  }

  private GetDeploymentResponse getDeployment(GetDeploymentRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(state.deployment(request.deploymentId()), GetDeploymentResponse.builder());
    }
  }

  private GetDeploymentsResponse getDeployments(
      GetDeploymentsRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Page<Deployment> page =
          Page.of(new ArrayList<>(state.deployments.values()), request.position(), request.limit());
      return GetDeploymentsResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private UpdateDeploymentResponse updateDeployment(
      UpdateDeploymentRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Deployment updated =
          Patches.apply(
              state.deployment(request.deploymentId()),
              Deployment::builder,
              request.patchOperations(),
              DEPLOYMENT_PATCHES);
      state.deployments.put(updated.id(), updated);
      return Shapes.copy(updated, UpdateDeploymentResponse.builder());
    }
  }

  private DeleteDeploymentResponse deleteDeployment(
      DeleteDeploymentRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      state.deployment(request.deploymentId());
      for (Stage stage : state.stages.values()) {
        if (request.deploymentId().equals(stage.deploymentId())) {
          throw ApiGatewayErrors.badRequest(
              "Active stages pointing to this deployment must be moved or deleted");
        }
      }
      state.deployments.remove(request.deploymentId());
      state.deployed.remove(request.deploymentId());
      return DeleteDeploymentResponse.builder().build();
    }
  }

  // ---- stages

  private CreateStageResponse createStage(CreateStageRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      if (request.stageName() == null || !request.stageName().matches("[a-zA-Z0-9_-]+")) {
        throw ApiGatewayErrors.badRequest(
            "Stage name only allows a-zA-Z0-9_ and must be at least 1 character long.");
      }
      state.deployment(request.deploymentId());
      if (state.stages.containsKey(request.stageName())) {
        throw ApiGatewayErrors.conflict("Stage already exists");
      }
      Stage stage =
          newStage(
                  request.stageName(),
                  request.deploymentId(),
                  request.description(),
                  request.hasVariables() && !request.variables().isEmpty()
                      ? request.variables()
                      : null)
              .toBuilder()
              .tracingEnabled(Boolean.TRUE.equals(request.tracingEnabled()))
              .cacheClusterEnabled(Boolean.TRUE.equals(request.cacheClusterEnabled()))
              .cacheClusterSize(request.cacheClusterSize())
              .documentationVersion(request.documentationVersion())
              .tags(request.hasTags() && !request.tags().isEmpty() ? request.tags() : null)
              .build();
      state.stages.put(stage.stageName(), stage);
      return Shapes.copy(stage, CreateStageResponse.builder());
    }
  }

  private GetStageResponse getStage(GetStageRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      return Shapes.copy(state.stage(request.stageName()), GetStageResponse.builder());
    }
  }

  private GetStagesResponse getStages(GetStagesRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      List<Stage> stages = new ArrayList<>();
      for (Stage stage : state.stages.values()) {
        if (request.deploymentId() == null || request.deploymentId().equals(stage.deploymentId())) {
          stages.add(stage);
        }
      }
      return GetStagesResponse.builder().item(stages).build();
    }
  }

  private UpdateStageResponse updateStage(UpdateStageRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      Stage stage = state.stage(request.stageName());
      Stage updated = StagePatches.apply(stage, request.patchOperations());
      if (!updated.deploymentId().equals(stage.deploymentId())) {
        state.deployment(updated.deploymentId());
      }
      updated = updated.toBuilder().lastUpdatedDate(engine.now()).build();
      state.stages.put(updated.stageName(), updated);
      return Shapes.copy(updated, UpdateStageResponse.builder());
    }
  }

  private DeleteStageResponse deleteStage(DeleteStageRequest request, RequestContext call) {
    RestApiState state = engine.restApi(call.scope(), request.restApiId());
    synchronized (state) {
      state.stage(request.stageName());
      state.stages.remove(request.stageName());
      return DeleteStageResponse.builder().build();
    }
  }
}
