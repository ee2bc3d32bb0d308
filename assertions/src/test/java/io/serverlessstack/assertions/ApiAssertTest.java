package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.StackDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/** Assertions on an API's calls, over a real stack's journal. */
class ApiAssertTest {

  static LiveStack stack;
  static ApiGatewayClient apiGateway;
  static String apiId;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void deployAnApi() throws Exception {
    stack = new LiveStack();
    apiGateway =
        ApiGatewayClient.builder()
            .endpointOverride(stack.server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    CreateRestApiResponse api = apiGateway.createRestApi(r -> r.name("orders"));
    apiId = api.id();
    String orders =
        apiGateway
            .createResource(
                r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("orders"))
            .id();
    apiGateway.putMethod(
        r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST").authorizationType("NONE"));
    apiGateway.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(orders)
                .httpMethod("POST")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 201}")));
    apiGateway.putIntegrationResponse(
        r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST").statusCode("201"));
    apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));

    call("POST", "/orders", "{\"item\": \"pen\"}");
    call("GET", "/customers", "");
  }

  @AfterAll
  static void stop() throws Exception {
    apiGateway.close();
    stack.close();
  }

  static void call(String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        stack.server.endpoint()
                            + "/restapis/"
                            + apiId
                            + "/prod/_user_request_"
                            + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isPositive();
  }

  @Test
  void passesOnTheCallsTheApiAnswered() {
    assertThat(stack.server.inspector())
        .api("orders")
        .hasReceived("POST", "/orders")
        .hasReceivedWithBodyContaining("POST", "/orders", "\"pen\"")
        .hasAnswered("POST", "/orders", 201)
        .hasAnswered(403, 1)
        .hasThrottled(0);
    assertThat(stack.server.inspector()).api(apiId).hasReceived("GET", "/customers");
  }

  @Test
  void failsListingEveryCall() {
    assertThatThrownBy(
            () ->
                assertThat(stack.server.inspector())
                    .api("orders")
                    .hasAnswered("POST", "/orders", 200))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting API orders to have answered POST /orders with 200")
        .hasMessageContaining("POST /orders → 201")
        .hasMessageContaining("GET /customers → 403 (MISSING_AUTHENTICATION_TOKEN)");
    assertThatThrownBy(
            () ->
                assertThat(stack.server.inspector())
                    .api("orders")
                    .hasReceivedWithBodyContaining("POST", "/orders", "\"book\""))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with a body containing");
    assertThatThrownBy(
            () -> assertThat(stack.server.inspector()).api("payments").hasReceived("GET", "/"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(none)");
  }
}
