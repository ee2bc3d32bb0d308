package com.example.orders;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackInspector;
import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.StackInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The application's REST API, imported from its own OpenAPI document through the project's own
 * ApiGatewayClient and called over HTTP: its model validates the body, its mapping template
 * answers.
 */
class OrdersApiTest {

  abstract static class OrdersApi {

    @Test
    void theApiValidatesOrdersAndAnswersThroughItsTemplate(
        ApiGatewayClient apiGateway, StackInfo stack, StackInspector inspector) throws Exception {
      String apiId;
      try (InputStream document = getClass().getResourceAsStream("/apis/orders.yaml")) {
        apiId =
            apiGateway
                .importRestApi(r -> r.body(SdkBytes.fromInputStream(document)))
                .id();
      }
      apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
      URI orders =
          URI.create(stack.endpoint() + "/restapis/" + apiId + "/prod/_user_request_/orders");

      HttpResponse<String> created =
          post(URI.create(orders + "?source=web"), "{\"item\": \"pen\", \"quantity\": 2}");
      HttpResponse<String> refused = post(orders, "{\"item\": \"pen\", \"quantity\": 0}");

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.body())
          .isEqualTo("{\"accepted\": true, \"source\": \"web\", \"stage\": \"prod\"}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).isEqualTo("{\"message\":\"Invalid request body\"}");
      assertThat(inspector)
          .api("orders")
          .hasReceivedWithBodyContaining("POST", "/orders", "\"pen\"")
          .hasAnswered("POST", "/orders", 201)
          .hasAnswered(400, 1);
    }

    private static HttpResponse<String> post(URI uri, String body)
        throws IOException, InterruptedException {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
  }

  @Nested
  @ServerlessStack
  class InThisJvm extends OrdersApi {}

  @Nested
  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER)
  class InAContainer extends OrdersApi {}
}
