package io.serverlessstack.fake.internal.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;

/**
 * An API imported from the application's own OpenAPI document: its models and validators check
 * calls as AWS's do, it exports back, PutRestApi merges or overwrites it, and its gateway responses
 * change what the gateway answers.
 */
class RestApiDefinitionsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient http = HttpClient.newHttpClient();

  static final String ORDERS =
      String.join(
          "\n",
          "openapi: 3.0.1",
          "info: {title: Orders, version: '1'}",
          "x-amazon-apigateway-request-validators:",
          "  body: {validateRequestBody: true, validateRequestParameters: false}",
          "  params: {validateRequestBody: false, validateRequestParameters: true}",
          "paths:",
          "  /orders:",
          "    get:",
          "      parameters:",
          "      - {name: status, in: query, required: true, schema: {type: string}}",
          "      x-amazon-apigateway-request-validator: params",
          "      responses: {'200': {description: ok}}",
          "      x-amazon-apigateway-integration:",
          "        type: mock",
          "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
          "        responses:",
          "          default:",
          "            statusCode: '200'",
          "            responseTemplates: {application/json: '[\"$input.params(''status'')\"]'}",
          "    post:",
          "      requestBody:",
          "        required: true",
          "        content: {application/json: {schema: {$ref: '#/components/schemas/NewOrder'}}}",
          "      x-amazon-apigateway-request-validator: body",
          "      responses: {'201': {description: created}}",
          "      x-amazon-apigateway-integration:",
          "        type: mock",
          "        requestTemplates: {application/json: '{\"statusCode\": 201}'}",
          "        responses:",
          "          default:",
          "            statusCode: '201'",
          "            responseTemplates: {application/json: '{\"created\": true}'}",
          "components:",
          "  schemas:",
          "    NewOrder:",
          "      type: object",
          "      required: [item, quantity]",
          "      properties:",
          "        item: {type: string}",
          "        quantity: {type: integer, minimum: 1}");

  static final String CUSTOMERS =
      String.join(
          "\n",
          "openapi: 3.0.1",
          "info: {title: Orders, version: '2'}",
          "paths:",
          "  /customers:",
          "    get:",
          "      responses: {'200': {description: ok}}",
          "      x-amazon-apigateway-integration:",
          "        type: mock",
          "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
          "        responses: {default: {statusCode: '200'}}");

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  static String importOrders() {
    return api().importRestApi(r -> r.body(SdkBytes.fromUtf8String(ORDERS))).id();
  }

  static URI uri(String apiId, String path) {
    return URI.create(
        stack.server().endpoint() + "/restapis/" + apiId + "/prod/_user_request_" + path);
  }

  static HttpResponse<String> send(String method, URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anImportedApiHasTheDocumentsResourcesModelsAndValidators() {
    String apiId = importOrders();

    assertThat(api().getRestApi(r -> r.restApiId(apiId)).name()).isEqualTo("Orders");
    assertThat(api().getResources(r -> r.restApiId(apiId)).items())
        .extracting(Resource::path)
        .containsExactlyInAnyOrder("/", "/orders");
    assertThat(api().getModels(r -> r.restApiId(apiId)).items())
        .extracting(Model::name)
        .containsExactly("NewOrder");
    assertThat(api().getRequestValidators(r -> r.restApiId(apiId)).items())
        .extracting(RequestValidator::name)
        .containsExactlyInAnyOrder("body", "params");
  }

  @Test
  void validatorsRefuseCallsAsAwsRefusesThem() throws Exception {
    String apiId = importOrders();
    api().createDeployment(r -> r.restApiId(apiId).stageName("prod"));

    HttpResponse<String> created =
        send("POST", uri(apiId, "/orders"), "{\"item\": \"pen\", \"quantity\": 2}");
    HttpResponse<String> badBody = send("POST", uri(apiId, "/orders"), "{\"item\": \"pen\"}");
    HttpResponse<String> listed = send("GET", uri(apiId, "/orders?status=open"), null);
    HttpResponse<String> noStatus = send("GET", uri(apiId, "/orders"), null);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("{\"created\": true}");
    assertThat(badBody.statusCode()).isEqualTo(400);
    assertThat(badBody.body()).isEqualTo("{\"message\":\"Invalid request body\"}");
    assertThat(listed.body()).isEqualTo("[\"open\"]");
    assertThat(noStatus.statusCode()).isEqualTo(400);
    assertThat(noStatus.body())
        .isEqualTo("{\"message\":\"Missing required request parameters: [status]\"}");
  }

  @Test
  void aStageExportsAsOpenApiAndSwagger() {
    String apiId = importOrders();
    api().createDeployment(r -> r.restApiId(apiId).stageName("prod"));

    GetExportResponse oas30 =
        api()
            .getExport(
                r ->
                    r.restApiId(apiId)
                        .stageName("prod")
                        .exportType("oas30")
                        .accepts("application/json"));
    GetExportResponse swagger =
        api()
            .getExport(
                r ->
                    r.restApiId(apiId)
                        .stageName("prod")
                        .exportType("swagger")
                        .parameters(Map.of("extensions", "integrations")));

    assertThat(oas30.body().asUtf8String())
        .contains("\"openapi\" : \"3.0.1\"")
        .contains("/orders")
        .contains("NewOrder");
    assertThat(swagger.body().asUtf8String())
        .contains("\"swagger\" : \"2.0\"")
        .contains("x-amazon-apigateway-integration");
    assertThatThrownBy(
            () -> api().getExport(r -> r.restApiId(apiId).stageName("prod").exportType("wsdl")))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void putRestApiMergesOrOverwrites() {
    String merged = importOrders();
    String overwritten = importOrders();

    api()
        .putRestApi(
            r -> r.restApiId(merged).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(CUSTOMERS)));
    api()
        .putRestApi(
            r ->
                r.restApiId(overwritten)
                    .mode(PutMode.OVERWRITE)
                    .body(SdkBytes.fromUtf8String(CUSTOMERS)));

    assertThat(api().getResources(r -> r.restApiId(merged)).items())
        .extracting(Resource::path)
        .containsExactlyInAnyOrder("/", "/orders", "/customers");
    assertThat(api().getResources(r -> r.restApiId(overwritten)).items())
        .extracting(Resource::path)
        .containsExactlyInAnyOrder("/", "/customers");
  }

  @Test
  void anInvalidDocumentIsABadRequest() {
    assertThatThrownBy(
            () -> api().importRestApi(r -> r.body(SdkBytes.fromUtf8String("{not: [yaml"))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("Invalid OpenAPI input.");
  }

  @Test
  void modelsAreCheckedAndReferencesKeepThem() {
    String apiId = importOrders();
    assertThatThrownBy(
            () ->
                api()
                    .createModel(
                        r ->
                            r.restApiId(apiId)
                                .name("NewOrder")
                                .contentType("application/json")
                                .schema("{\"type\": \"object\"}")))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("Model name already exists for this REST API");
    assertThatThrownBy(() -> api().deleteModel(r -> r.restApiId(apiId).modelName("NewOrder")))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "Cannot delete model 'NewOrder', is referenced in method request: /orders/POST");
    assertThatThrownBy(() -> api().getModel(r -> r.restApiId(apiId).modelName("Missing")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Invalid model name specified: Missing");
  }

  @Test
  void gatewayResponsesHaveAwsDefaultsAndCanBeSet() {
    String apiId = importOrders();

    GetGatewayResponseResponse missing =
        api()
            .getGatewayResponse(
                r ->
                    r.restApiId(apiId)
                        .responseType(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN));
    assertThat(missing.defaultResponse()).isTrue();
    assertThat(missing.statusCode()).isEqualTo("403");
    assertThat(missing.responseTemplates())
        .containsEntry("application/json", "{\"message\":$context.error.messageString}");
    assertThat(api().getGatewayResponses(r -> r.restApiId(apiId).limit(500)).items()).hasSize(21);

    api()
        .putGatewayResponse(
            r ->
                r.restApiId(apiId)
                    .responseType(GatewayResponseType.BAD_REQUEST_BODY)
                    .statusCode("422")
                    .responseTemplates(
                        Map.of("application/json", "{\"error\": $context.error.messageString}")));
    GetGatewayResponseResponse set =
        api()
            .getGatewayResponse(
                r -> r.restApiId(apiId).responseType(GatewayResponseType.BAD_REQUEST_BODY));
    assertThat(set.defaultResponse()).isFalse();
    assertThat(set.statusCode()).isEqualTo("422");
    api()
        .deleteGatewayResponse(
            r -> r.restApiId(apiId).responseType(GatewayResponseType.BAD_REQUEST_BODY));
    assertThatThrownBy(
            () ->
                api()
                    .deleteGatewayResponse(
                        r -> r.restApiId(apiId).responseType(GatewayResponseType.BAD_REQUEST_BODY)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("Gateway response type not defined on api");
  }

  @Test
  void aGatewayResponseTheApiSetsAnswersInsteadOfTheDefault() throws Exception {
    String apiId = importOrders();
    api()
        .putGatewayResponse(
            r ->
                r.restApiId(apiId)
                    .responseType(GatewayResponseType.BAD_REQUEST_BODY)
                    .statusCode("422")
                    .responseParameters(Map.of("gatewayresponse.header.X-Reason", "'schema'"))
                    .responseTemplates(
                        Map.of(
                            "application/json",
                            "{\"error\": $context.error.messageString, \"type\":"
                                + " \"$context.error.responseType\"}")));
    api()
        .putGatewayResponse(
            r ->
                r.restApiId(apiId)
                    .responseType(GatewayResponseType.DEFAULT_4_XX)
                    .responseParameters(
                        Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
    api().createDeployment(r -> r.restApiId(apiId).stageName("prod"));

    HttpResponse<String> badBody = send("POST", uri(apiId, "/orders"), "{}");
    HttpResponse<String> noRoute = send("GET", uri(apiId, "/nowhere"), null);

    assertThat(badBody.statusCode()).isEqualTo(422);
    assertThat(badBody.body())
        .isEqualTo("{\"error\": \"Invalid request body\", \"type\": \"BAD_REQUEST_BODY\"}");
    assertThat(badBody.headers().firstValue("X-Reason")).hasValue("schema");
    assertThat(noRoute.statusCode()).isEqualTo(403);
    assertThat(noRoute.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(noRoute.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }
}
