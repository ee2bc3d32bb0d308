package io.serverlessstack.junit;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** A REST API declared from an OpenAPI document, its handle and URL injected, called over HTTP. */
@ServerlessStack
@RestApi(
    name = "orders",
    openApi = "classpath:apis/orders.yaml",
    stage = "prod",
    stageVariables = "table=orders-test")
class RestApiExtensionTest {

  static String get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void theDeclaredApiAnswersAtItsStagesUrl(@RestApiName("orders") RestApiHandle orders)
      throws Exception {
    String answer = get(orders.uri("/orders"));

    assertThat(answer).isEqualTo("{\"table\": \"orders-test\", \"stage\": \"prod\"}");
    assertThat(orders.stage()).isEqualTo("prod");
    assertThat(orders).hasReceived("GET", "/orders").hasAnswered("GET", "/orders", 200);
  }

  @Test
  void theApiHasTheDeclaredNameAndItsUrlCanBeInjected(
      @RestApiName("orders") URI orders, ApiGatewayClient apiGateway) throws Exception {
    assertThat(apiGateway.getRestApis().items())
        .extracting(api -> api.name())
        .containsExactly("orders");
    assertThat(orders.toString()).endsWith("/prod/_user_request_");
    assertThat(get(URI.create(orders + "/orders"))).contains("orders-test");
  }
}
