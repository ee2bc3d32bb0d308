package io.serverlessstack.fake.internal.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;

/** REST APIs' control plane through the real ApiGatewayClient: what AWS stores and answers. */
class RestApiControlPlaneTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  static CreateRestApiResponse createApi(String name) {
    return api().createRestApi(r -> r.name(name).description("orders"));
  }

  static String resource(String apiId, String parentId, String pathPart) {
    return api().createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(pathPart)).id();
  }

  static void mockMethod(String apiId, String resourceId, String httpMethod) {
    api()
        .putMethod(
            r ->
                r.restApiId(apiId)
                    .resourceId(resourceId)
                    .httpMethod(httpMethod)
                    .authorizationType("NONE"));
    api()
        .putIntegration(
            r ->
                r.restApiId(apiId)
                    .resourceId(resourceId)
                    .httpMethod(httpMethod)
                    .type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
  }

  static PatchOperation patch(String op, String path, String value) {
    return PatchOperation.builder().op(op).path(path).value(value).build();
  }

  @Test
  void aNewRestApiHasAwsDefaultsAndARootResource() {
    CreateRestApiResponse created = createApi("shop");

    assertThat(created.id()).matches("[a-z0-9]{10}");
    assertThat(created.apiKeySourceAsString()).isEqualTo("HEADER");
    assertThat(created.endpointConfiguration().typesAsStrings()).containsExactly("EDGE");
    assertThat(created.endpointConfiguration().ipAddressTypeAsString()).isEqualTo("ipv4");
    assertThat(created.disableExecuteApiEndpoint()).isFalse();
    assertThat(created.createdDate()).isEqualTo(SqsStack.START);
    GetRestApiResponse fetched = api().getRestApi(r -> r.restApiId(created.id()));
    assertThat(fetched.name()).isEqualTo("shop");
    assertThat(fetched.description()).isEqualTo("orders");
    assertThat(fetched.rootResourceId()).isEqualTo(created.rootResourceId());
    GetResourcesResponse resources = api().getResources(r -> r.restApiId(created.id()));
    assertThat(resources.items())
        .singleElement()
        .satisfies(
            root -> {
              assertThat(root.id()).isEqualTo(created.rootResourceId());
              assertThat(root.path()).isEqualTo("/");
              assertThat(root.parentId()).isNull();
            });
    assertThat(api().getRestApis(r -> r.limit(500)).items())
        .extracting(RestApi::id)
        .contains(created.id());
  }

  @Test
  void unknownApisAreNotFoundInTheCallersAccount() {
    assertThatThrownBy(() -> api().getRestApi(r -> r.restApiId("nope123456")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid API identifier specified 000000000000:nope123456");
    String id = createApi("gone").id();
    api().deleteRestApi(r -> r.restApiId(id));
    assertThatThrownBy(() -> api().getRestApi(r -> r.restApiId(id)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void badRestApisAreRefusedAsAwsRefusesThem() {
    assertThatThrownBy(
            () ->
                api()
                    .createRestApi(
                        r ->
                            r.name("two")
                                .endpointConfiguration(
                                    e -> e.typesWithStrings("EDGE", "REGIONAL"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Cannot create an api with multiple Endpoint Types.");
    assertThatThrownBy(() -> api().createRestApi(r -> r.name("big").minimumCompressionSize(-1)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid minimum compression size, must be between 0 and 10485760");
    assertThatThrownBy(() -> api().createRestApi(r -> r.name("empty").description("")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Description cannot be an empty string");
  }

  @Test
  void resourcesFormATreeWhosePathsFollowTheirParents() {
    CreateRestApiResponse shop = createApi("tree");
    String root = shop.rootResourceId();
    String orders = resource(shop.id(), root, "orders");
    String order = resource(shop.id(), orders, "{orderId}");
    String items = resource(shop.id(), order, "items");
    String proxy = resource(shop.id(), root, "{proxy+}");

    assertThat(api().getResource(r -> r.restApiId(shop.id()).resourceId(items)).path())
        .isEqualTo("/orders/{orderId}/items");
    assertThatThrownBy(() -> resource(shop.id(), root, "orders"))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "Another resource with the same parent already has this name: orders");
    assertThatThrownBy(() -> resource(shop.id(), orders, "{other}"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "A sibling ({orderId}) of this resource already has a variable path part -- only one is"
                + " allowed");
    assertThatThrownBy(() -> resource(shop.id(), proxy, "deeper"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "Cannot create a child of a resource with a greedy path variable: {proxy+}");
    assertThatThrownBy(() -> resource(shop.id(), "missing000", "x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid Resource identifier specified");

    String archive = resource(shop.id(), root, "archive");
    UpdateResourceResponse moved =
        api()
            .updateResource(
                r ->
                    r.restApiId(shop.id())
                        .resourceId(orders)
                        .patchOperations(patch("replace", "/parentId", archive)));
    assertThat(moved.path()).isEqualTo("/archive/orders");
    assertThat(api().getResource(r -> r.restApiId(shop.id()).resourceId(items)).path())
        .isEqualTo("/archive/orders/{orderId}/items");
    assertThatThrownBy(
            () ->
                api()
                    .updateResource(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(archive)
                                .patchOperations(patch("replace", "/parentId", order))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Resources cannot be cyclical.");
    assertThatThrownBy(
            () ->
                api()
                    .updateResource(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .patchOperations(patch("replace", "/pathPart", "x"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Root resource cannot update its pathPart.");
    assertThatThrownBy(
            () ->
                api()
                    .updateResource(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(orders)
                                .patchOperations(patch("replace", "/invalid", "x"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of:"
                + " [/parentId, /pathPart]");

    api().deleteResource(r -> r.restApiId(shop.id()).resourceId(orders));
    assertThat(api().getResources(r -> r.restApiId(shop.id())).items())
        .extracting(Resource::path)
        .containsExactlyInAnyOrder("/", "/{proxy+}", "/archive");
  }

  @Test
  void methodsKeepTheirIntegrationsAndResponses() {
    CreateRestApiResponse shop = createApi("methods");
    String orders = resource(shop.id(), shop.rootResourceId(), "orders");
    PutMethodResponse put =
        api()
            .putMethod(
                r ->
                    r.restApiId(shop.id())
                        .resourceId(orders)
                        .httpMethod("POST")
                        .authorizationType("NONE")
                        .apiKeyRequired(true)
                        .requestParameters(Map.of("method.request.header.X-Customer", true)));
    assertThat(put.httpMethod()).isEqualTo("POST");
    assertThat(put.apiKeyRequired()).isTrue();
    assertThatThrownBy(
            () ->
                api()
                    .putMethod(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(orders)
                                .httpMethod("POST")
                                .authorizationType("NONE")))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Method already exists for this resource");
    assertThatThrownBy(
            () ->
                api()
                    .putMethod(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(orders)
                                .httpMethod("FETCH")
                                .authorizationType("NONE")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid HttpMethod specified.");

    PutIntegrationResponse integration =
        api()
            .putIntegration(
                r ->
                    r.restApiId(shop.id())
                        .resourceId(orders)
                        .httpMethod("POST")
                        .type(IntegrationType.HTTP)
                        .integrationHttpMethod("POST")
                        .uri("https://backend.example.com/orders"));
    assertThat(integration.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
    assertThat(integration.timeoutInMillis()).isEqualTo(29_000);
    assertThat(integration.cacheNamespace()).isEqualTo(orders);
    assertThat(integration.cacheKeyParameters()).isEmpty();
    assertThat(integration.connectionTypeAsString()).isEqualTo("INTERNET");

    api()
        .putMethodResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(orders)
                    .httpMethod("POST")
                    .statusCode("201")
                    .responseParameters(Map.of("method.response.header.Location", true)));
    api()
        .putIntegrationResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(orders)
                    .httpMethod("POST")
                    .statusCode("201")
                    .selectionPattern("2\\d\\d")
                    .responseTemplates(Map.of("application/json", "$input.body")));
    api()
        .updateMethod(
            r ->
                r.restApiId(shop.id())
                    .resourceId(orders)
                    .httpMethod("POST")
                    .patchOperations(
                        patch("add", "/requestParameters/method.request.querystring.page", "false"),
                        patch("replace", "/apiKeyRequired", "false")));

    GetMethodResponse method =
        api().getMethod(r -> r.restApiId(shop.id()).resourceId(orders).httpMethod("POST"));
    assertThat(method.apiKeyRequired()).isFalse();
    assertThat(method.requestParameters())
        .containsEntry("method.request.header.X-Customer", true)
        .containsEntry("method.request.querystring.page", false);
    assertThat(method.methodResponses()).containsOnlyKeys("201");
    assertThat(method.methodIntegration().uri()).isEqualTo("https://backend.example.com/orders");
    assertThat(method.methodIntegration().integrationResponses().get("201").selectionPattern())
        .isEqualTo("2\\d\\d");
    assertThat(
            api().getResources(r -> r.restApiId(shop.id()).embed("methods")).items().stream()
                .filter(resource -> resource.id().equals(orders))
                .findFirst()
                .orElseThrow()
                .resourceMethods()
                .get("POST")
                .methodIntegration()
                .typeAsString())
        .isEqualTo("HTTP");

    api().deleteIntegration(r -> r.restApiId(shop.id()).resourceId(orders).httpMethod("POST"));
    assertThatThrownBy(
            () ->
                api()
                    .getIntegration(
                        r -> r.restApiId(shop.id()).resourceId(orders).httpMethod("POST")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid Integration identifier specified");
    assertThatThrownBy(
            () ->
                api()
                    .getMethodResponse(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(orders)
                                .httpMethod("POST")
                                .statusCode("404")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid Response status code specified");
  }

  @Test
  void integrationsAreCheckedAsAwsChecksThem() {
    CreateRestApiResponse shop = createApi("integrations");
    String root = shop.rootResourceId();
    api()
        .putMethod(
            r ->
                r.restApiId(shop.id())
                    .resourceId(root)
                    .httpMethod("GET")
                    .authorizationType("NONE"));
    Consumer<Consumer<PutIntegrationRequest.Builder>> refused =
        request ->
            assertThatThrownBy(
                    () ->
                        api()
                            .putIntegration(
                                r -> {
                                  r.restApiId(shop.id()).resourceId(root).httpMethod("GET");
                                  request.accept(r);
                                }))
                .isInstanceOf(BadRequestException.class);

    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type(IntegrationType.AWS_PROXY)
                                .uri(
                                    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                        + "arn:aws:lambda:us-east-1:000000000000:function:f/invocations")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Enumeration value for HttpMethod must be non-empty");
    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type(IntegrationType.AWS)
                                .integrationHttpMethod("POST")
                                .uri("sqs:SendMessage")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid ARN specified in the request");
    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type(IntegrationType.AWS)
                                .integrationHttpMethod("POST")
                                .uri("arn:aws:apigateway:us-east-1:sqs:queue/orders")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("AWS ARN for integration must contain path or action");
    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type(IntegrationType.AWS_PROXY)
                                .integrationHttpMethod("POST")
                                .uri("arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose"
                + " stream invocations.");
    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type(IntegrationType.HTTP_PROXY)
                                .integrationHttpMethod("GET")
                                .uri("backend:8080")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid HTTP endpoint specified for URI");
    refused.accept(r -> r.type(IntegrationType.HTTP).uri("https://x.example"));
    assertThatThrownBy(
            () ->
                api()
                    .putIntegration(
                        r ->
                            r.restApiId(shop.id())
                                .resourceId(root)
                                .httpMethod("GET")
                                .type("HTTPS_PROXY")))
        .isInstanceOf(ApiGatewayException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed"
                + " to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK,"
                + " AWS_PROXY, HTTP_PROXY, AWS]");
  }

  @Test
  void deploymentsFreezeTheApiAndStagesServeThem() {
    CreateRestApiResponse shop = createApi("deployed");
    assertThatThrownBy(() -> api().createDeployment(r -> r.restApiId(shop.id())))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("The REST API doesn't contain any methods");
    mockMethod(shop.id(), shop.rootResourceId(), "GET");

    CreateDeploymentResponse first =
        api()
            .createDeployment(
                r ->
                    r.restApiId(shop.id())
                        .stageName("dev")
                        .description("first")
                        .variables(Map.of("table", "orders-dev")));
    assertThat(first.id()).matches("[a-z0-9]{6}");
    GetStageResponse dev = api().getStage(r -> r.restApiId(shop.id()).stageName("dev"));
    assertThat(dev.deploymentId()).isEqualTo(first.id());
    assertThat(dev.variables()).containsEntry("table", "orders-dev");
    assertThat(dev.cacheClusterStatusAsString()).isEqualTo("NOT_AVAILABLE");
    assertThat(dev.methodSettings()).isEmpty();

    CreateDeploymentResponse second = api().createDeployment(r -> r.restApiId(shop.id()));
    CreateStageResponse prod =
        api().createStage(r -> r.restApiId(shop.id()).stageName("prod").deploymentId(second.id()));
    assertThat(prod.deploymentId()).isEqualTo(second.id());
    assertThatThrownBy(
            () ->
                api()
                    .createStage(
                        r -> r.restApiId(shop.id()).stageName("prod").deploymentId(second.id())))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Stage already exists");
    assertThatThrownBy(
            () -> api().deleteDeployment(r -> r.restApiId(shop.id()).deploymentId(second.id())))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "Active stages pointing to this deployment must be moved or deleted");

    UpdateStageResponse updated =
        api()
            .updateStage(
                r ->
                    r.restApiId(shop.id())
                        .stageName("prod")
                        .patchOperations(
                            patch("replace", "/variables/table", "orders-prod"),
                            patch("replace", "/*/*/throttling/rateLimit", "100"),
                            patch("replace", "/~1orders/POST/throttling/burstLimit", "5"),
                            patch("replace", "/description", "production")));
    assertThat(updated.variables()).containsEntry("table", "orders-prod");
    assertThat(updated.description()).isEqualTo("production");
    assertThat(updated.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(100.0);
    assertThat(updated.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(5000);
    assertThat(updated.methodSettings().get("orders/POST").throttlingBurstLimit()).isEqualTo(5);
    assertThatThrownBy(
            () ->
                api()
                    .updateStage(
                        r ->
                            r.restApiId(shop.id())
                                .stageName("prod")
                                .patchOperations(patch("replace", "/tags/tag1", "x"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid method setting path: /tags/tag1. Must be one of: [");

    assertThat(api().getDeployments(r -> r.restApiId(shop.id())).items())
        .extracting(Deployment::id)
        .containsExactly(first.id(), second.id());
    assertThat(api().getStages(r -> r.restApiId(shop.id())).item())
        .extracting(Stage::stageName)
        .containsExactly("dev", "prod");
    api().deleteStage(r -> r.restApiId(shop.id()).stageName("prod"));
    api().deleteDeployment(r -> r.restApiId(shop.id()).deploymentId(second.id()));
    assertThatThrownBy(() -> api().getStage(r -> r.restApiId(shop.id()).stageName("prod")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid Stage identifier specified");
  }

  @Test
  void patchesChangeOnlyWhatTheyName() {
    CreateRestApiResponse shop = createApi("patched");
    UpdateRestApiResponse updated =
        api()
            .updateRestApi(
                r ->
                    r.restApiId(shop.id())
                        .patchOperations(
                            patch("replace", "/name", "renamed"),
                            patch("add", "/binaryMediaTypes/image~1png", null),
                            patch("add", "/binaryMediaTypes/application~1octet-stream", null),
                            patch("remove", "/binaryMediaTypes/image~1png", null)));
    assertThat(updated.name()).isEqualTo("renamed");
    assertThat(updated.description()).isEqualTo("orders");
    assertThat(updated.binaryMediaTypes()).containsExactly("application/octet-stream");

    assertThatThrownBy(
            () ->
                api()
                    .updateRestApi(
                        r ->
                            r.restApiId(shop.id())
                                .patchOperations(
                                    patch("wrong", "/name", "x"), patch("wrong", "/name", "y"))))
        .isInstanceOf(ApiGatewayException.class)
        .hasMessageStartingWith(
            "2 validation errors detected: Value 'wrong' at"
                + " 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [add, remove, move, test, replace, copy];"
                + " Value 'wrong' at 'updateRestApiInput.patchOperations.2.member.op'");
    assertThatThrownBy(
            () ->
                api()
                    .updateRestApi(
                        r ->
                            r.restApiId(shop.id())
                                .patchOperations(patch("replace", "/wrongPath", "x"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid patch path /wrongPath");
    assertThat(api().getRestApi(r -> r.restApiId(shop.id())).name()).isEqualTo("renamed");
  }

  @Test
  void listsArePagedByPosition() {
    String apiId = createApi("paged").id();
    String root = api().getRestApi(r -> r.restApiId(apiId)).rootResourceId();
    for (int i = 0; i < 4; i++) {
      resource(apiId, root, "r" + i);
    }
    GetResourcesResponse first = api().getResources(r -> r.restApiId(apiId).limit(2));
    GetResourcesResponse second =
        api().getResources(r -> r.restApiId(apiId).limit(2).position(first.position()));
    GetResourcesResponse third =
        api().getResources(r -> r.restApiId(apiId).limit(2).position(second.position()));

    assertThat(List.of(first.items().size(), second.items().size(), third.items().size()))
        .containsExactly(2, 2, 1);
    assertThat(third.position()).isNull();
  }
}
