package io.serverlessstack.fake.internal.apigateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverlessstack.fake.SqsStack;
import io.serverlessstack.fake.handlers.ApiProxyEcho;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Calls of deployed REST APIs with a plain {@link HttpClient}: routing as AWS routes, what the
 * gateway answers itself, and the MOCK, AWS_PROXY (an in-JVM function), HTTP_PROXY and HTTP (real
 * WireMock backends) integrations with their mappings.
 */
class RestApiInvocationTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  /** HTTP/1.1, so that header names arrive in the case the test wrote them (HTTP/2 lowers them). */
  static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static WireMockServer backend;

  @BeforeAll
  static void startBackend() {
    backend = new WireMockServer(wireMockConfig().dynamicPort());
    backend.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.stop();
  }

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  /** An API under construction: its id and root. */
  record Api(String id, String root) {
    String resource(String parentId, String pathPart) {
      return api().createResource(r -> r.restApiId(id).parentId(parentId).pathPart(pathPart)).id();
    }

    void method(String resourceId, String httpMethod, Consumer integration) {
      api()
          .putMethod(
              r ->
                  r.restApiId(id)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .authorizationType("NONE"));
      integration.put(
          PutIntegrationRequest.builder()
              .restApiId(id)
              .resourceId(resourceId)
              .httpMethod(httpMethod));
    }

    /** A mock answering {@code status} with {@code body} (a response template). */
    void mock(String resourceId, String httpMethod, int status, String body) {
      method(
          resourceId,
          httpMethod,
          r ->
              api()
                  .putIntegration(
                      r.type(IntegrationType.MOCK)
                          .requestTemplates(
                              Map.of("application/json", "{\"statusCode\": " + status + "}"))
                          .build()));
      api()
          .putIntegrationResponse(
              r ->
                  r.restApiId(id)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .statusCode(String.valueOf(status))
                      .responseTemplates(Map.of("application/json", body)));
    }

    String deploy(String stage) {
      api().createDeployment(r -> r.restApiId(id).stageName(stage));
      return stage;
    }

    URI uri(String stage, String path) {
      return URI.create(
          stack.server().endpoint() + "/restapis/" + id + "/" + stage + "/_user_request_" + path);
    }
  }

  interface Consumer {
    void put(PutIntegrationRequest.Builder request);
  }

  static Api newApi(String name) {
    CreateRestApiResponse created = api().createRestApi(r -> r.name(name));
    return new Api(created.id(), created.rootResourceId());
  }

  static HttpResponse<String> call(String method, URI uri, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void callsReachTheMostSpecificResourceAndMethod() throws Exception {
    Api shop = newApi("routing");
    String orders = shop.resource(shop.root(), "orders");
    String special = shop.resource(orders, "special");
    String order = shop.resource(orders, "{orderId}");
    String proxy = shop.resource(shop.root(), "{proxy+}");
    shop.mock(orders, "GET", 200, "\"orders\"");
    shop.mock(special, "GET", 200, "\"special\"");
    shop.mock(order, "GET", 200, "\"order $input.params('orderId')\"");
    shop.mock(order, "ANY", 200, "\"any order\"");
    shop.mock(proxy, "ANY", 200, "\"proxy $input.params('proxy')\"");
    String stage = shop.deploy("prod");

    assertThat(call("GET", shop.uri(stage, "/orders"), null).body()).isEqualTo("\"orders\"");
    assertThat(call("GET", shop.uri(stage, "/orders/"), null).body()).isEqualTo("\"orders\"");
    assertThat(call("GET", shop.uri(stage, "/orders/special"), null).body())
        .isEqualTo("\"special\"");
    assertThat(call("GET", shop.uri(stage, "/orders/42"), null).body()).isEqualTo("\"order 42\"");
    assertThat(call("DELETE", shop.uri(stage, "/orders/42"), null).body())
        .isEqualTo("\"any order\"");
    assertThat(call("POST", shop.uri(stage, "/a/b/c"), "{}").body()).isEqualTo("\"proxy a/b/c\"");
    // POST /orders has no method of its own: the greedy resource takes it.
    assertThat(call("POST", shop.uri(stage, "/orders"), "{}").body()).isEqualTo("\"proxy orders\"");
  }

  @Test
  void whatTheGatewayAnswersItself() throws Exception {
    Api shop = newApi("gateway");
    String orders = shop.resource(shop.root(), "orders");
    shop.mock(orders, "GET", 200, "{}");
    String stage = shop.deploy("prod");

    HttpResponse<String> noRoute = call("GET", shop.uri(stage, "/customers"), null);
    HttpResponse<String> noMethod = call("PUT", shop.uri(stage, "/orders"), "{}");
    HttpResponse<String> noStage = call("GET", shop.uri("test", "/orders"), null);
    HttpResponse<String> noApi =
        call(
            "GET",
            URI.create(stack.server().endpoint() + "/restapis/unknown123/prod/_user_request_/x"),
            null);

    for (HttpResponse<String> missing : java.util.List.of(noRoute, noMethod)) {
      assertThat(missing.statusCode()).isEqualTo(403);
      assertThat(missing.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
      assertThat(missing.headers().firstValue("x-amzn-ErrorType"))
          .hasValue("MissingAuthenticationTokenException");
    }
    assertThat(noStage.statusCode()).isEqualTo(403);
    assertThat(noStage.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(noApi.statusCode()).isEqualTo(404);
    assertThat(noApi.body()).contains("unknown123");
  }

  @Test
  void aStageServesItsDeploymentNotLaterChanges() throws Exception {
    Api shop = newApi("frozen");
    String orders = shop.resource(shop.root(), "orders");
    shop.mock(orders, "GET", 200, "\"first\"");
    String stage = shop.deploy("prod");
    api()
        .updateIntegrationResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .statusCode("200")
                    .patchOperations(
                        PatchOperation.builder()
                            .op("replace")
                            .path("/responseTemplates/application~1json")
                            .value("\"second\"")
                            .build()));

    String before = call("GET", shop.uri(stage, "/orders"), null).body();
    shop.deploy("prod");
    String after = call("GET", shop.uri(stage, "/orders"), null).body();

    assertThat(before).isEqualTo("\"first\"");
    assertThat(after).isEqualTo("\"second\"");
  }

  @Test
  void aMockMapsItsResponseByStatusAcceptAndHeaderMappings() throws Exception {
    Api shop = newApi("mock");
    String cors = shop.resource(shop.root(), "cors");
    shop.method(
        cors,
        "OPTIONS",
        r ->
            api()
                .putIntegration(
                    r.type(IntegrationType.MOCK)
                        // As the CDK writes it: not JSON, and AWS takes it.
                        .requestTemplates(Map.of("application/json", "{ statusCode: 204 }"))
                        .build()));
    api()
        .putIntegrationResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(cors)
                    .httpMethod("OPTIONS")
                    .statusCode("204")
                    .responseParameters(
                        Map.of(
                            "method.response.header.Access-Control-Allow-Origin",
                            "'*'",
                            "method.response.header.Access-Control-Allow-Methods",
                            "'GET,POST'")));
    String page = shop.resource(shop.root(), "page");
    shop.mock(page, "GET", 200, "{\"kind\": \"json\"}");
    api()
        .updateIntegrationResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(page)
                    .httpMethod("GET")
                    .statusCode("200")
                    .patchOperations(
                        PatchOperation.builder()
                            .op("add")
                            .path("/responseTemplates/text~1html")
                            .value("<p>$context.stage</p>")
                            .build()));
    String stage = shop.deploy("prod");

    HttpResponse<String> preflight = call("OPTIONS", shop.uri(stage, "/cors"), null);
    HttpResponse<String> html = call("GET", shop.uri(stage, "/page"), null, "Accept", "text/html");
    HttpResponse<String> json = call("GET", shop.uri(stage, "/page"), null);

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST");
    assertThat(html.body()).isEqualTo("<p>prod</p>");
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(json.body()).isEqualTo("{\"kind\": \"json\"}");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void aLambdaProxyFunctionGetsTheEventAndItsAnswerIsTheResponse() throws Exception {
    stack
        .lambda()
        .createFunction(
            r ->
                r.functionName("api-echo")
                    .runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::000000000000:role/lambda-role")
                    .handler(ApiProxyEcho.class.getName())
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("in the test JVM"))));
    Api shop = newApi("proxy");
    String orders = shop.resource(shop.root(), "orders");
    String order = shop.resource(orders, "{orderId}");
    shop.method(
        order,
        "POST",
        r ->
            api()
                .putIntegration(
                    r.type(IntegrationType.AWS_PROXY)
                        .integrationHttpMethod("POST")
                        .uri(
                            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                + "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}"
                                + "/invocations")
                        .build()));
    api()
        .createDeployment(
            r -> r.restApiId(shop.id()).stageName("prod").variables(Map.of("fn", "api-echo")));

    HttpResponse<String> response =
        call(
            "POST",
            URI.create(shop.uri("prod", "/orders/42") + "?tag=a&tag=b"),
            "{\"item\": 1}",
            "X-Customer",
            "c-7");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body())
        .isEqualTo(
            "POST|/orders/{orderId}|/orders/42|{orderId=42}|{tag=b}|{tag=[a, b]}|c-7|prod"
                + "|/orders/{orderId}|{fn=api-echo}|{\"item\": 1}");
    assertThat(response.headers().firstValue("X-Handled-By")).hasValue("ApiProxyEcho");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
  }

  @Test
  void aMissingFunctionIsAnInternalServerError() throws Exception {
    Api shop = newApi("nofunction");
    shop.method(
        shop.root(),
        "GET",
        r ->
            api()
                .putIntegration(
                    r.type(IntegrationType.AWS_PROXY)
                        .integrationHttpMethod("POST")
                        .uri(
                            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                + "arn:aws:lambda:us-east-1:000000000000:function:nowhere/invocations")
                        .build()));
    String stage = shop.deploy("prod");

    HttpResponse<String> response = call("GET", shop.uri(stage, "/"), null);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
  }

  @Test
  void anHttpProxyForwardsTheCallAndReturnsTheBackendsAnswer() throws Exception {
    backend.stubFor(
        post(urlEqualTo("/backend/items/7?x=1"))
            .willReturn(
                aResponse().withStatus(202).withHeader("X-Backend", "yes").withBody("accepted")));
    Api shop = newApi("httpproxy");
    String items = shop.resource(shop.root(), "items");
    String proxy = shop.resource(items, "{proxy+}");
    shop.method(
        proxy,
        "ANY",
        r ->
            api()
                .putIntegration(
                    r.type(IntegrationType.HTTP_PROXY)
                        .integrationHttpMethod("ANY")
                        .uri(backend.baseUrl() + "/backend/items/{proxy}")
                        .build()));
    String stage = shop.deploy("prod");

    HttpResponse<String> response =
        call("POST", URI.create(shop.uri(stage, "/items/7") + "?x=1"), "payload", "X-Trace", "t1");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("accepted");
    assertThat(response.headers().firstValue("X-Backend")).hasValue("yes");
    backend.verify(
        postRequestedFor(urlEqualTo("/backend/items/7?x=1")).withHeader("X-Trace", equalTo("t1")));
  }

  @Test
  void anHttpIntegrationMapsTheRequestAndTheBackendsAnswerThroughTemplates() throws Exception {
    backend.stubFor(
        get(urlEqualTo("/catalog/9"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("X-Reason", "gone")
                    .withBody("{\"error\": \"no such product\"}")));
    Api shop = newApi("http");
    String products = shop.resource(shop.root(), "products");
    String product = shop.resource(products, "{id}");
    shop.method(
        product,
        "GET",
        r ->
            api()
                .putIntegration(
                    r.type(IntegrationType.HTTP)
                        .integrationHttpMethod("GET")
                        .uri(backend.baseUrl() + "/catalog/{id}")
                        .build()));
    for (String status : new String[] {"200", "404"}) {
      api()
          .putMethodResponse(
              r -> r.restApiId(shop.id()).resourceId(product).httpMethod("GET").statusCode(status));
    }
    api()
        .putIntegrationResponse(
            r -> r.restApiId(shop.id()).resourceId(product).httpMethod("GET").statusCode("200"));
    api()
        .putIntegrationResponse(
            r ->
                r.restApiId(shop.id())
                    .resourceId(product)
                    .httpMethod("GET")
                    .statusCode("404")
                    .selectionPattern("4\\d\\d")
                    .responseParameters(
                        Map.of(
                            "method.response.header.X-Why", "integration.response.header.X-Reason"))
                    .responseTemplates(
                        Map.of(
                            "application/json",
                            "{\"missing\": \"$input.params('id')\", \"said\": \"$input.path('$.error')\"}")));
    String stage = shop.deploy("prod");

    HttpResponse<String> response = call("GET", shop.uri(stage, "/products/9"), null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"missing\": \"9\", \"said\": \"no such product\"}");
    assertThat(response.headers().firstValue("X-Why")).hasValue("gone");
    backend.verify(getRequestedFor(urlEqualTo("/catalog/9")));
  }

  @Test
  void anApiAnswersOnItsExecuteApiHostToo() throws Exception {
    Api shop = newApi("hosted");
    String orders = shop.resource(shop.root(), "orders");
    shop.mock(orders, "GET", 200, "\"by host\"");
    String stage = shop.deploy("prod");
    URI endpoint = stack.server().endpoint();

    String answer;
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /"
                  + stage
                  + "/orders HTTP/1.1\r\nHost: "
                  + shop.id()
                  + ".execute-api.localhost:"
                  + endpoint.getPort()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder whole = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        whole.append(line).append('\n');
      }
      answer = whole.toString();
    }

    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).endsWith("\"by host\"\n");
  }
}
