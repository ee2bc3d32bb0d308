package io.serverlessstack.fake.internal.apigateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodResponse;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;

class OpenApiImportTest {

  private static ImportedApi shop(String document) {
    return OpenApiImport.read(
        "abc123", OpenApiDocuments.read(document), Map.of(), true, OpenApiDocuments.ids());
  }

  private static long operations(ImportedApi api) {
    return api.resources().values().stream().mapToLong(Map::size).sum();
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void realisticApiImportsEveryOperationUnderItsResourcePath(String document) {
    ImportedApi api = shop(document);

    assertThat(api.name()).isEqualTo("Shop");
    assertThat(api.description()).isEqualTo("Orders, customers and products of a shop");
    assertThat(api.version()).isEqualTo("2024-05-01");
    assertThat(api.warnings()).isEmpty();
    assertThat(operations(api)).isEqualTo(23);
    assertThat(api.resources().keySet())
        .containsExactly(
            "/",
            "/customers",
            "/customers/{customerId}",
            "/customers/{customerId}/orders",
            "/orders",
            "/orders/{orderId}",
            "/orders/{orderId}/items",
            "/orders/{orderId}/cancel",
            "/products",
            "/products/{productId}",
            "/catalog",
            "/catalog/{proxy+}",
            "/health",
            "/events",
            "/notifications");
    assertThat(api.resources().get("/")).isEmpty();
    assertThat(api.resources().get("/catalog")).isEmpty();
    assertThat(api.resources().get("/customers/{customerId}"))
        .containsOnlyKeys("GET", "PUT", "PATCH", "DELETE");
    assertThat(api.resources().get("/catalog/{proxy+}")).containsOnlyKeys("ANY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void rootExtensionsBecomeTheApisSettings(String document) {
    ImportedApi api = shop(document);

    assertThat(api.binaryMediaTypes()).containsExactly("image/png", "application/octet-stream");
    assertThat(api.apiKeySource()).isEqualTo("HEADER");
    assertThat(api.minimumCompressionSize()).isEqualTo(1024);
    assertThat(api.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
    assertThat(api.policy())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}]}");
    assertThat(api.gatewayResponses())
        .containsExactly(
            GatewayResponse.builder()
                .responseType("BAD_REQUEST_BODY")
                .statusCode("400")
                .responseTemplates(
                    Map.of(
                        "application/json",
                        "{\"error\": \"$context.error.validationErrorString\"}"))
                .defaultResponse(false)
                .build(),
            GatewayResponse.builder()
                .responseType("DEFAULT_4XX")
                .responseParameters(
                    Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"))
                .defaultResponse(false)
                .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void modelsKeepTheirSchemasWithReferencesToApiGatewaysModelUris(String document) {
    ImportedApi api = shop(document);

    assertThat(api.models())
        .containsOnlyKeys(
            "Error",
            "Address",
            "NewCustomer",
            "Customer",
            "Customers",
            "OrderItem",
            "OrderItems",
            "NewOrder",
            "Order",
            "Orders",
            "OrderAccepted",
            "Product",
            "Products",
            "Health");
    assertThat(api.models().get("NewCustomer").contentType()).isEqualTo("application/json");
    assertThat(api.models().get("NewCustomer").description())
        .isEqualTo("A customer as the client sends it");
    assertThat(api.models().get("NewCustomer").schema())
        .contains(
            "\"address\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/abc123/models/Address\"}")
        .contains("\"required\":[\"name\",\"email\"]");
    assertThat(api.models().get("Orders").schema())
        .isEqualTo(
            "{\"type\":\"array\",\"items\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/abc123/models/Order\"}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void validatorsAndTheTokenAuthorizerGetIdsThatMethodsReferTo(String document) {
    ImportedApi api = shop(document);

    assertThat(api.requestValidators())
        .containsExactly(
            RequestValidator.builder()
                .id("id1")
                .name("all")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build(),
            RequestValidator.builder()
                .id("id2")
                .name("body-only")
                .validateRequestBody(true)
                .validateRequestParameters(false)
                .build(),
            RequestValidator.builder()
                .id("id3")
                .name("params-only")
                .validateRequestBody(false)
                .validateRequestParameters(true)
                .build());
    assertThat(api.authorizers())
        .containsExactly(
            Authorizer.builder()
                .id("id4")
                .name("shop-token")
                .type("TOKEN")
                .authType("custom")
                .authorizerUri(
                    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:shop-authorizer/invocations")
                .authorizerCredentials("arn:aws:iam::123456789012:role/shop-api-integrations")
                .identitySource("method.request.header.Authorization")
                .identityValidationExpression("^Bearer [-0-9a-zA-Z._]*$")
                .authorizerResultTtlInSeconds(60)
                .build());

    Method createCustomer = api.resources().get("/customers").get("POST");
    assertThat(createCustomer.authorizationType()).isEqualTo("CUSTOM");
    assertThat(createCustomer.authorizerId()).isEqualTo("id4");
    assertThat(createCustomer.apiKeyRequired()).isFalse();
    assertThat(createCustomer.requestValidatorId()).isEqualTo("id1");
    assertThat(createCustomer.requestModels())
        .containsExactly(Map.entry("application/json", "NewCustomer"));
    assertThat(createCustomer.operationName()).isEqualTo("CreateCustomer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void apiKeySecuritySchemeMakesTheMethodRequireAKey(String document) {
    ImportedApi api = shop(document);

    Method listOrders = api.resources().get("/orders").get("GET");
    assertThat(listOrders.apiKeyRequired()).isTrue();
    assertThat(listOrders.authorizationType()).isEqualTo("NONE");
    assertThat(listOrders.requestValidatorId()).isEqualTo("id3");
    assertThat(listOrders.requestParameters())
        .containsExactly(
            Map.entry("method.request.querystring.status", false),
            Map.entry("method.request.header.X-Correlation-Id", true));
    Method listProducts = api.resources().get("/products").get("GET");
    assertThat(listProducts.apiKeyRequired()).isFalse();
    assertThat(api.resources().get("/products/{productId}").get("DELETE").authorizationType())
        .isEqualTo("AWS_IAM");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void pathLevelParametersAndPathLabelsBecomeRequiredPathParameters(String document) {
    ImportedApi api = shop(document);

    assertThat(api.resources().get("/customers/{customerId}").get("PATCH").requestParameters())
        .containsExactly(Map.entry("method.request.path.customerId", true));
    assertThat(api.resources().get("/orders/{orderId}").get("GET").requestParameters())
        .containsExactly(Map.entry("method.request.path.orderId", true));
    assertThat(api.resources().get("/catalog/{proxy+}").get("ANY").requestParameters())
        .containsExactly(Map.entry("method.request.path.proxy", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void methodResponsesCarryHeadersAndModels(String document) {
    ImportedApi api = shop(document);

    assertThat(api.resources().get("/customers").get("POST").methodResponses())
        .containsExactly(
            Map.entry(
                "201",
                MethodResponse.builder()
                    .statusCode("201")
                    .responseParameters(Map.of("method.response.header.Location", false))
                    .responseModels(Map.of("application/json", "Customer"))
                    .build()));
    assertThat(api.resources().get("/customers/{customerId}").get("GET").methodResponses())
        .containsOnlyKeys("200", "404");
    assertThat(api.resources().get("/orders/{orderId}").get("DELETE").methodResponses().get("204"))
        .isEqualTo(MethodResponse.builder().statusCode("204").build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-openapi3.yaml", "shop-swagger2.json"})
  void integrationsOfEveryTypeKeepWhatTheDocumentDeclares(String document) {
    ImportedApi api = shop(document);

    Integration lambdaProxy =
        api.resources().get("/orders/{orderId}").get("GET").methodIntegration();
    assertThat(lambdaProxy.type()).hasToString("AWS_PROXY");
    assertThat(lambdaProxy.httpMethod()).isEqualTo("POST");
    assertThat(lambdaProxy.uri())
        .isEqualTo(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations");
    assertThat(lambdaProxy.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
    assertThat(lambdaProxy.timeoutInMillis()).isEqualTo(29_000);

    Integration sqs = api.resources().get("/orders").get("POST").methodIntegration();
    assertThat(sqs.typeAsString()).isEqualTo("AWS");
    assertThat(sqs.uri()).isEqualTo("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders");
    assertThat(sqs.credentials()).isEqualTo("arn:aws:iam::123456789012:role/shop-api-integrations");
    assertThat(sqs.passthroughBehavior()).isEqualTo("NEVER");
    assertThat(sqs.requestParameters())
        .containsExactly(
            Map.entry(
                "integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"));
    assertThat(sqs.requestTemplates())
        .containsExactly(
            Map.entry(
                "application/json", "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"));
    assertThat(sqs.integrationResponses())
        .containsExactly(
            Map.entry(
                "200",
                IntegrationResponse.builder()
                    .statusCode("200")
                    .responseTemplates(
                        Map.of("application/json", "{\"orderId\": \"$context.requestId\"}"))
                    .build()));

    Integration stepFunctions =
        api.resources().get("/orders/{orderId}/cancel").get("POST").methodIntegration();
    assertThat(stepFunctions.uri())
        .isEqualTo("arn:aws:apigateway:us-east-1:states:action/StartExecution");
    // The responses' keys are selection patterns; a status code is a pattern like any other.
    assertThat(stepFunctions.integrationResponses().get("202").selectionPattern()).isEqualTo("200");
    assertThat(stepFunctions.integrationResponses().get("202").responseTemplates()).isEmpty();
    assertThat(stepFunctions.integrationResponses().get("400").selectionPattern())
        .isEqualTo("4\\d{2}");

    Integration httpProxy = api.resources().get("/products").get("GET").methodIntegration();
    assertThat(httpProxy.typeAsString()).isEqualTo("HTTP_PROXY");
    assertThat(httpProxy.connectionTypeAsString()).isEqualTo("INTERNET");
    assertThat(httpProxy.timeoutInMillis()).isEqualTo(5000);
    assertThat(httpProxy.cacheKeyParameters())
        .containsExactly("method.request.querystring.category");

    Integration http =
        api.resources().get("/customers/{customerId}/orders").get("GET").methodIntegration();
    assertThat(http.typeAsString()).isEqualTo("HTTP");
    assertThat(http.requestParameters())
        .containsEntry("integration.request.path.customerId", "method.request.path.customerId");

    Integration mock = api.resources().get("/health").get("GET").methodIntegration();
    assertThat(mock.typeAsString()).isEqualTo("MOCK");
    assertThat(mock.httpMethod()).isNull();
    assertThat(mock.requestTemplates())
        .containsExactly(Map.entry("application/json", "{\"statusCode\": 200}"));

    Integration any = api.resources().get("/catalog/{proxy+}").get("ANY").methodIntegration();
    assertThat(any.httpMethod()).isEqualTo("ANY");
    assertThat(any.uri()).isEqualTo("https://catalog.example.com/{proxy}");

    assertThat(api.resources().get("/events").get("POST").methodIntegration().uri())
        .isEqualTo("arn:aws:apigateway:us-east-1:kinesis:action/PutRecord");
    assertThat(
            api.resources()
                .get("/notifications")
                .get("POST")
                .methodIntegration()
                .requestParameters())
        .containsEntry(
            "integration.request.querystring.TopicArn",
            "'arn:aws:sns:us-east-1:123456789012:shop-notifications'");
  }

  @Test
  void awsPetStoreExampleImportsAsAwsDescribesIt() {
    ImportedApi api =
        OpenApiImport.read(
            "pet", OpenApiDocuments.petStore(), Map.of(), true, OpenApiDocuments.ids());

    assertThat(api.name()).isEqualTo("PetStore");
    assertThat(api.description())
        .isEqualTo(
            "Your first API with Amazon API Gateway. This is a sample API that integrates via HTTP with our demo Pet Store endpoints");
    assertThat(api.warnings()).isEmpty();
    assertThat(api.resources()).containsOnlyKeys("/", "/pets", "/pets/{petId}");
    assertThat(api.resources().get("/")).containsOnlyKeys("GET");
    assertThat(api.resources().get("/pets")).containsOnlyKeys("GET", "POST", "OPTIONS");
    assertThat(api.resources().get("/pets/{petId}")).containsOnlyKeys("GET", "OPTIONS");
    assertThat(api.models())
        .containsOnlyKeys("Pets", "Empty", "NewPetResponse", "Pet", "NewPet", "PetType");

    Method createPet = api.resources().get("/pets").get("POST");
    assertThat(createPet.operationName()).isEqualTo("CreatePet");
    assertThat(createPet.requestModels()).containsExactly(Map.entry("application/json", "NewPet"));
    Integration integration = createPet.methodIntegration();
    assertThat(integration.typeAsString()).isEqualTo("HTTP");
    assertThat(integration.httpMethod()).isEqualTo("POST");
    assertThat(integration.uri()).isEqualTo(OpenApiDocuments.PETSTORE_URI);
    assertThat(integration.integrationResponses().get("200").responseParameters())
        .containsExactly(Map.entry("method.response.header.Access-Control-Allow-Origin", "'*'"));
    assertThat(api.resources().get("/pets").get("GET").requestParameters())
        .containsExactly(
            Map.entry("method.request.querystring.type", false),
            Map.entry("method.request.querystring.page", false));
  }

  @Test
  void basePathIsIgnoredUnlessTheParametersAskToPrependOrSplitIt() {
    String document =
        OpenApiDocuments.read("shop-swagger2.json").replace("\"/v1\"", "\"/shop/v1\"");

    assertThat(
            OpenApiImport.read("a", document, Map.of(), false, OpenApiDocuments.ids()).resources())
        .containsKey("/orders");
    assertThat(
            OpenApiImport.read(
                    "a", document, Map.of("basepath", "prepend"), false, OpenApiDocuments.ids())
                .resources())
        .containsKeys("/shop", "/shop/v1", "/shop/v1/orders")
        .doesNotContainKey("/orders");
    assertThat(
            OpenApiImport.read(
                    "a", document, Map.of("basepath", "split"), false, OpenApiDocuments.ids())
                .resources())
        .containsKeys("/v1", "/v1/orders")
        .doesNotContainKey("/shop");
    assertThat(
            OpenApiImport.read(
                    "a",
                    OpenApiDocuments.read("shop-openapi3.yaml"),
                    Map.of("basepath", "prepend"),
                    false,
                    OpenApiDocuments.ids())
                .resources())
        .containsKey("/v1/orders");
  }

  @Test
  void endpointConfigurationTypesParameterOverridesTheDocument() {
    ImportedApi api =
        OpenApiImport.read(
            "a",
            OpenApiDocuments.read("shop-openapi3.yaml"),
            Map.of("endpointConfigurationTypes", "EDGE"),
            false,
            OpenApiDocuments.ids());

    assertThat(api.endpointConfiguration().types()).containsExactly(EndpointType.EDGE);
  }

  @Test
  void minimalDocumentGivesAnApiWithOnlyItsRoot() {
    ImportedApi api =
        OpenApiImport.read(
            "a",
            "openapi: 3.0.1\ninfo:\n  title: Empty\n  version: '1'\npaths: {}\n",
            Map.of(),
            true,
            OpenApiDocuments.ids());

    assertThat(api.name()).isEqualTo("Empty");
    assertThat(api.resources()).containsOnlyKeys("/");
    assertThat(api.models()).isEmpty();
    assertThat(api.binaryMediaTypes()).isEmpty();
    assertThat(api.apiKeySource()).isNull();
    assertThat(api.endpointConfiguration()).isNull();
    assertThat(api.authorizers()).isEmpty();
    assertThat(api.warnings()).isEmpty();
  }

  @Test
  void cognitoAuthorizerReadsTheSchemesHeaderAndKeepsTheScopes() {
    String document =
        String.join(
            "\n",
            "openapi: 3.0.1",
            "info: {title: Cognito, version: '1'}",
            "paths:",
            "  /me:",
            "    get:",
            "      security: [{cognito: [email, profile]}]",
            "      responses: {'200': {description: ok}}",
            "      x-amazon-apigateway-integration: {type: mock}",
            "components:",
            "  securitySchemes:",
            "    cognito:",
            "      type: apiKey",
            "      name: Authorization",
            "      in: header",
            "      x-amazon-apigateway-authtype: cognito_user_pools",
            "      x-amazon-apigateway-authorizer:",
            "        type: cognito_user_pools",
            "        providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc']",
            "");

    ImportedApi api = OpenApiImport.read("a", document, Map.of(), true, OpenApiDocuments.ids());

    Authorizer cognito = api.authorizer("cognito");
    assertThat(cognito.type()).hasToString("COGNITO_USER_POOLS");
    assertThat(cognito.providerARNs())
        .containsExactly("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc");
    assertThat(cognito.identitySource()).isEqualTo("method.request.header.Authorization");
    Method me = api.resources().get("/me").get("GET");
    assertThat(me.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
    assertThat(me.authorizerId()).isEqualTo(cognito.id());
    assertThat(me.authorizationScopes()).isEqualTo(List.of("email", "profile"));
  }
}
