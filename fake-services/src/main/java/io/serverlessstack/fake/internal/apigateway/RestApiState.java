package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.server.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * One REST API as its control plane leaves it: the API, its resource tree with methods and
 * integrations, its deployments (each a frozen copy of the tree, which is what a stage serves) and
 * its stages. Guarded by its own monitor: the engine holds it while it reads or changes the API.
 * Everything kept is an immutable SDK model object.
 */
final class RestApiState {

  final Scope scope;

  /** Where the API stands in the order APIs were created. */
  final long serial;

  RestApi api;

  /** By id, parents before children. */
  final Map<String, Resource> resources = new LinkedHashMap<>();

  final Map<String, Deployment> deployments = new LinkedHashMap<>();

  /** What each deployment froze: its resources, by id. */
  final Map<String, Map<String, Resource>> deployed = new LinkedHashMap<>();

  final Map<String, Stage> stages = new LinkedHashMap<>();

  /** By name. */
  final Map<String, Model> models = new LinkedHashMap<>();

  /** By id. */
  final Map<String, RequestValidator> validators = new LinkedHashMap<>();

  /** By id. */
  final Map<String, Authorizer> authorizers = new LinkedHashMap<>();

  /** The responses the API sets for gateway response types, by type. */
  final Map<String, GatewayResponse> gatewayResponses = new LinkedHashMap<>();

  RestApiState(Scope scope, long serial, RestApi api, Resource root) {
    this.scope = scope;
    this.serial = serial;
    this.api = api;
    resources.put(root.id(), root);
  }

  String id() {
    return api.id();
  }

  Resource resource(String resourceId) {
    Resource resource = resourceId == null ? null : resources.get(resourceId);
    if (resource == null) {
      throw ApiGatewayErrors.resourceNotFound();
    }
    return resource;
  }

  Method method(String resourceId, String httpMethod) {
    Resource resource = resource(resourceId);
    Method method =
        httpMethod == null || !resource.hasResourceMethods()
            ? null
            : resource.resourceMethods().get(httpMethod);
    if (method == null) {
      throw ApiGatewayErrors.methodNotFound();
    }
    return method;
  }

  /** Replaces a resource's method (or adds it); {@code null} removes it. */
  void putMethod(String resourceId, String httpMethod, Method method) {
    Resource resource = resource(resourceId);
    Map<String, Method> methods =
        new LinkedHashMap<>(resource.hasResourceMethods() ? resource.resourceMethods() : Map.of());
    if (method == null) {
      methods.remove(httpMethod);
    } else {
      methods.put(httpMethod, method);
    }
    resources.put(
        resourceId,
        resource.toBuilder().resourceMethods(methods.isEmpty() ? null : methods).build());
  }

  List<Resource> children(String parentId) {
    List<Resource> children = new ArrayList<>();
    for (Resource resource : resources.values()) {
      if (parentId.equals(resource.parentId())) {
        children.add(resource);
      }
    }
    return children;
  }

  boolean hasAnyMethod() {
    for (Resource resource : resources.values()) {
      if (resource.hasResourceMethods() && !resource.resourceMethods().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  Stage stage(String name) {
    Stage stage = name == null ? null : stages.get(name);
    if (stage == null) {
      throw ApiGatewayErrors.stageNotFound();
    }
    return stage;
  }

  Deployment deployment(String deploymentId) {
    Deployment deployment = deploymentId == null ? null : deployments.get(deploymentId);
    if (deployment == null) {
      throw ApiGatewayErrors.deploymentNotFound();
    }
    return deployment;
  }
}
