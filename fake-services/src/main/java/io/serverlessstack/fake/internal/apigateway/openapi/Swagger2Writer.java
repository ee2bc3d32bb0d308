package io.serverlessstack.fake.internal.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.models.Info;
import io.swagger.models.Operation;
import io.swagger.models.Path;
import io.swagger.models.RefModel;
import io.swagger.models.Response;
import io.swagger.models.Scheme;
import io.swagger.models.Swagger;
import io.swagger.models.auth.ApiKeyAuthDefinition;
import io.swagger.models.auth.In;
import io.swagger.models.parameters.AbstractSerializableParameter;
import io.swagger.models.parameters.BodyParameter;
import io.swagger.models.parameters.HeaderParameter;
import io.swagger.models.parameters.PathParameter;
import io.swagger.models.parameters.QueryParameter;
import io.swagger.models.properties.StringProperty;
import io.swagger.util.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** The {@code swagger} export: Swagger 2.0 through swagger's 1.x model classes and serializer. */
final class Swagger2Writer {

  private static final String DEFINITIONS = "#/definitions/";

  private final ExportSource source;
  private final OpenApiExport.Extensions extensions;
  private final Swagger swagger = new Swagger();

  Swagger2Writer(ExportSource source, OpenApiExport.Extensions extensions) {
    this.source = source;
    this.extensions = extensions;
  }

  JsonNode write() {
    swagger.setInfo(
        new Info()
            .title(source.restApi().name())
            .description(source.restApi().description())
            .version(OpenApiExport.version(source)));
    swagger.setHost(source.host());
    swagger.setBasePath("/" + source.stageName());
    swagger.setSchemes(List.of(Scheme.HTTPS));
    boolean apiKeys = false;
    boolean sigv4 = false;
    for (Resource resource : source.resources()) {
      if (resource.resourceMethods().isEmpty()) {
        continue;
      }
      Path path = new Path();
      for (Map.Entry<String, Method> entry : resource.resourceMethods().entrySet()) {
        Method method = entry.getValue();
        apiKeys |= Boolean.TRUE.equals(method.apiKeyRequired());
        sigv4 |= method.authorizerId() == null && "AWS_IAM".equals(method.authorizationType());
        Operation operation = operation(method);
        if (entry.getKey().equals("ANY")) {
          path.setVendorExtension(OpenApiExport.ANY_METHOD, operation);
        } else {
          path.set(entry.getKey().toLowerCase(Locale.ROOT), operation);
        }
      }
      swagger.path(resource.path(), path);
    }
    securityDefinitions(apiKeys, sigv4);
    if (extensions.apigateway()) {
      OpenApiExport.rootExtensions(source).forEach(swagger::setVendorExtension);
    }
    ObjectNode document = Json.mapper().valueToTree(swagger);
    if (!source.models().isEmpty()) {
      document.set("definitions", OpenApiExport.schemas(source.models(), DEFINITIONS));
    }
    return document;
  }

  private Operation operation(Method method) {
    Operation operation = new Operation();
    operation.setOperationId(method.operationName());
    List<String> consumes = OpenApiExport.consumes(method);
    if (!consumes.isEmpty()) {
      operation.setConsumes(consumes);
    }
    List<String> produces = OpenApiExport.produces(method);
    if (!produces.isEmpty()) {
      operation.setProduces(produces);
    }
    method
        .requestParameters()
        .forEach(
            (key, required) -> {
              String location = OpenApiExport.location(key);
              if (location == null) {
                return;
              }
              AbstractSerializableParameter<?> parameter;
              switch (location) {
                case "path":
                  parameter = new PathParameter();
                  break;
                case "header":
                  parameter = new HeaderParameter();
                  break;
                default:
                  parameter = new QueryParameter();
              }
              parameter.setName(OpenApiExport.parameterName(key));
              parameter.setRequired(Boolean.TRUE.equals(required));
              parameter.setType("string");
              operation.addParameter(parameter);
            });
    String requestModel = jsonModel(method.requestModels());
    if (requestModel != null) {
      BodyParameter body = new BodyParameter().schema(new RefModel(DEFINITIONS + requestModel));
      body.setName(requestModel);
      body.setRequired(true);
      operation.addParameter(body);
    }
    for (MethodResponse methodResponse : method.methodResponses().values()) {
      Response response = new Response().description(methodResponse.statusCode() + " response");
      String model = jsonModel(methodResponse.responseModels());
      if (model != null) {
        response.setResponseSchema(new RefModel(DEFINITIONS + model));
      }
      for (String header : OpenApiExport.responseHeaders(methodResponse)) {
        response.addHeader(header, new StringProperty());
      }
      operation.addResponse(methodResponse.statusCode(), response);
    }
    Map<String, List<String>> security = OpenApiExport.security(method, source);
    if (!security.isEmpty()) {
      security.forEach(operation::addSecurity);
    }
    if (extensions.apigateway() && method.requestValidatorId() != null) {
      String validator = OpenApiExport.validatorName(source, method.requestValidatorId());
      if (validator != null) {
        operation.setVendorExtension("x-amazon-apigateway-request-validator", validator);
      }
    }
    if (extensions.integrations() && method.methodIntegration() != null) {
      operation.setVendorExtension(
          OpenApiExport.INTEGRATION, OpenApiExport.integration(method.methodIntegration()));
    }
    if (operation.getParameters().isEmpty()) {
      operation.setParameters(null); // AWS writes no empty "parameters"
    }
    return operation;
  }

  private void securityDefinitions(boolean apiKeys, boolean sigv4) {
    if (apiKeys) {
      swagger.addSecurityDefinition("api_key", new ApiKeyAuthDefinition("x-api-key", In.HEADER));
    }
    if (sigv4) {
      ApiKeyAuthDefinition definition = new ApiKeyAuthDefinition("Authorization", In.HEADER);
      definition.setVendorExtension("x-amazon-apigateway-authtype", "awsSigv4");
      swagger.addSecurityDefinition("sigv4", definition);
    }
    for (Authorizer authorizer : source.authorizers()) {
      ApiKeyAuthDefinition definition =
          new ApiKeyAuthDefinition(OpenApiExport.authorizerHeader(authorizer), In.HEADER);
      if (extensions.authorizers()) {
        if (authorizer.authType() != null) {
          definition.setVendorExtension("x-amazon-apigateway-authtype", authorizer.authType());
        }
        definition.setVendorExtension(
            "x-amazon-apigateway-authorizer", OpenApiExport.authorizerExtension(authorizer));
      }
      swagger.addSecurityDefinition(authorizer.name(), definition);
    }
  }

  /** The model of the JSON media type, or of the only one. */
  static String jsonModel(Map<String, String> models) {
    if (models.containsKey("application/json")) {
      return models.get("application/json");
    }
    return models.size() == 1 ? models.values().iterator().next() : null;
  }
}
