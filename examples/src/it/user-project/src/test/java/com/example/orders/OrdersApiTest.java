package com.example.orders;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.junit.RestApi;
import io.serverlessstack.junit.RestApiHandle;
import io.serverlessstack.junit.RestApiName;
import io.serverlessstack.junit.ServerlessStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The application's REST API, declared from its own OpenAPI document (imported through the
 * project's own ApiGatewayClient) and called over HTTP: its model validates the body, its mapping
 * template answers.
 */
class OrdersApiTest {

  @RestApi(name = "orders", openApi = "classpath:apis/orders.yaml", stage = "prod")
  abstract static class OrdersApi {

    @Test
    void theApiValidatesOrdersAndAnswersThroughItsTemplate(
        @RestApiName("orders") RestApiHandle api, ApiGatewayClient apiGateway) throws Exception {
      HttpResponse<String> created =
          post(api.uri("/orders?source=web"), "{\"item\": \"pen\", \"quantity\": 2}");
      HttpResponse<String> refused = post(api.uri("/orders"), "{\"item\": \"pen\", \"quantity\": 0}");

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.body())
          .isEqualTo("{\"accepted\": true, \"source\": \"web\", \"stage\": \"prod\"}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).isEqualTo("{\"message\":\"Invalid request body\"}");
      assertThat(api)
          .hasReceivedWithBodyContaining("POST", "/orders", "\"pen\"")
          .hasAnswered("POST", "/orders", 201)
          .hasAnswered(400, 1);
      assertThat(apiGateway.getRestApi(r -> r.restApiId(api.id())).name()).isEqualTo("orders");
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
