package io.serverlessstack.fake.internal.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.oas.models.servers.ServerVariables;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** The {@code oas30} export: OpenAPI 3.0.1 through swagger's 2.x model classes and serializer. */
final class OpenApi3Writer {

  private static final String SCHEMAS = "#/components/schemas/";

  private final ExportSource source;
  private final OpenApiExport.Extensions extensions;
  private final OpenAPI openApi = new OpenAPI();
  private final Components components = new Components();

  OpenApi3Writer(ExportSource source, OpenApiExport.Extensions extensions) {
    this.source = source;
    this.extensions = extensions;
  }

  JsonNode write() {
    openApi.setOpenapi("3.0.1");
    openApi.setInfo(
        new Info()
            .title(source.restApi().name())
            .description(source.restApi().description())
            .version(OpenApiExport.version(source)));
    openApi.setServers(
        List.of(
            new Server()
                .url("https://" + source.host() + "/{basePath}")
                .variables(
                    new ServerVariables()
                        .addServerVariable(
                            "basePath", new ServerVariable()._default(source.stageName())))));
    Paths paths = new Paths();
    boolean apiKeys = false;
    boolean sigv4 = false;
    for (Resource resource : source.resources()) {
      if (resource.resourceMethods().isEmpty()) {
        continue;
      }
      PathItem item = new PathItem();
      for (Map.Entry<String, Method> entry : resource.resourceMethods().entrySet()) {
        Method method = entry.getValue();
        apiKeys |= Boolean.TRUE.equals(method.apiKeyRequired());
        sigv4 |= method.authorizerId() == null && "AWS_IAM".equals(method.authorizationType());
        Operation operation = operation(method);
        if (entry.getKey().equals("ANY")) {
          item.addExtension(OpenApiExport.ANY_METHOD, operation);
        } else {
          item.operation(PathItem.HttpMethod.valueOf(entry.getKey()), operation);
        }
      }
      paths.addPathItem(resource.path(), item);
    }
    openApi.setPaths(paths);
    securitySchemes(apiKeys, sigv4);
    if (extensions.apigateway()) {
      OpenApiExport.rootExtensions(source).forEach(openApi::addExtension);
    }
    if (components.getSecuritySchemes() != null) {
      openApi.setComponents(components);
    }
    ObjectNode document = Json.mapper().valueToTree(openApi);
    if (!source.models().isEmpty()) {
      ObjectNode componentsNode =
          document.has("components")
              ? (ObjectNode) document.get("components")
              : document.putObject("components");
      ObjectNode withSchemas = Json.mapper().createObjectNode();
      withSchemas.set("schemas", OpenApiExport.schemas(source.models(), SCHEMAS));
      withSchemas.setAll(componentsNode);
      document.set("components", withSchemas);
    }
    return document;
  }

  private Operation operation(Method method) {
    Operation operation = new Operation().operationId(method.operationName());
    method
        .requestParameters()
        .forEach(
            (key, required) -> {
              String location = OpenApiExport.location(key);
              if (location == null) {
                return;
              }
              Parameter parameter =
                  new Parameter()
                      .name(OpenApiExport.parameterName(key))
                      .in(location)
                      .schema(new StringSchema());
              // AWS writes "required" only when it is true.
              if (Boolean.TRUE.equals(required)) {
                parameter.setRequired(true);
              }
              operation.addParametersItem(parameter);
            });
    if (!method.requestModels().isEmpty()) {
      Content content = new Content();
      method
          .requestModels()
          .forEach(
              (type, model) ->
                  content.addMediaType(
                      type, new MediaType().schema(new Schema<>().$ref(SCHEMAS + model))));
      operation.setRequestBody(new RequestBody().content(content).required(true));
    }
    ApiResponses responses = new ApiResponses();
    boolean produces = !OpenApiExport.produces(method).isEmpty();
    for (MethodResponse methodResponse : method.methodResponses().values()) {
      ApiResponse response =
          new ApiResponse().description(methodResponse.statusCode() + " response");
      for (String header : OpenApiExport.responseHeaders(methodResponse)) {
        response.addHeaderObject(header, new Header().schema(new StringSchema()));
      }
      // AWS writes the content of a method that produces something even when no model
      // describes it (its PetStore's HTML page: "content": {}).
      if (produces || !methodResponse.responseModels().isEmpty()) {
        Content content = new Content();
        methodResponse
            .responseModels()
            .forEach(
                (type, model) ->
                    content.addMediaType(
                        type, new MediaType().schema(new Schema<>().$ref(SCHEMAS + model))));
        response.setContent(content);
      }
      responses.addApiResponse(methodResponse.statusCode(), response);
    }
    operation.setResponses(responses);
    Map<String, List<String>> security = OpenApiExport.security(method, source);
    if (!security.isEmpty()) {
      SecurityRequirement requirement = new SecurityRequirement();
      security.forEach(requirement::addList);
      operation.addSecurityItem(requirement);
    }
    if (extensions.apigateway() && method.requestValidatorId() != null) {
      String validator = OpenApiExport.validatorName(source, method.requestValidatorId());
      if (validator != null) {
        operation.addExtension("x-amazon-apigateway-request-validator", validator);
      }
    }
    if (extensions.integrations() && method.methodIntegration() != null) {
      operation.addExtension(
          OpenApiExport.INTEGRATION, OpenApiExport.integration(method.methodIntegration()));
    }
    return operation;
  }

  private void securitySchemes(boolean apiKeys, boolean sigv4) {
    if (apiKeys) {
      components.addSecuritySchemes(
          "api_key",
          new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .name("x-api-key")
              .in(SecurityScheme.In.HEADER));
    }
    if (sigv4) {
      components.addSecuritySchemes(
          "sigv4",
          new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .name("Authorization")
              .in(SecurityScheme.In.HEADER)
              .extensions(Map.of("x-amazon-apigateway-authtype", "awsSigv4")));
    }
    for (Authorizer authorizer : source.authorizers()) {
      SecurityScheme scheme =
          new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .name(OpenApiExport.authorizerHeader(authorizer))
              .in(SecurityScheme.In.HEADER);
      if (extensions.authorizers()) {
        if (authorizer.authType() != null) {
          scheme.addExtension("x-amazon-apigateway-authtype", authorizer.authType());
        }
        scheme.addExtension(
            "x-amazon-apigateway-authorizer", OpenApiExport.authorizerExtension(authorizer));
      }
      components.addSecuritySchemes(authorizer.name(), scheme);
    }
  }
}
