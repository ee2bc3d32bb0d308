package io.serverlessstack.fake.internal.apigateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The event of a REST API's Lambda proxy integration, read the way the Lambda Java runtime reads it
 * ({@code aws-lambda-java-serialization} into {@code APIGatewayProxyRequestEvent}) and as raw JSON
 * where AWS's nulls matter. The call is AWS's documented example ("Input format of a Lambda
 * function for proxy integration"); the details are AWS's answers recorded in LocalStack's
 * AWS-validated snapshots.
 */
class RestProxyEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static APIGatewayProxyRequestEvent asHandlerSeesIt(String json) {
    return LambdaEventSerializers.serializerFor(
            APIGatewayProxyRequestEvent.class, RestProxyEventTest.class.getClassLoader())
        .fromJson(json);
  }

  private static JsonNode raw(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static Calls documentedExample() {
    return Calls.get("/my/path")
        .header("header1", "value1")
        .header("header2", "value1")
        .header("header2", "value2")
        .header("User-Agent", "user-agent")
        .query("parameter1=value1&parameter1=value2&parameter2=value")
        .body("Hello from Lambda!");
  }

  @Test
  void documentedExampleArrivesFieldByFieldAsTheRuntimeReadsIt() {
    String json = ProxyEvents.restEvent(documentedExample().build(), Set.of());

    APIGatewayProxyRequestEvent event = asHandlerSeesIt(json);

    assertThat(event.getResource()).isEqualTo("/my/path");
    assertThat(event.getPath()).isEqualTo("/my/path");
    assertThat(event.getHttpMethod()).isEqualTo("GET");
    assertThat(event.getHeaders())
        .containsExactly(
            Map.entry("header1", "value1"),
            Map.entry("header2", "value2"),
            Map.entry("User-Agent", "user-agent"));
    assertThat(event.getMultiValueHeaders())
        .containsExactly(
            Map.entry("header1", List.of("value1")),
            Map.entry("header2", List.of("value1", "value2")),
            Map.entry("User-Agent", List.of("user-agent")));
    assertThat(event.getQueryStringParameters())
        .containsExactly(Map.entry("parameter1", "value2"), Map.entry("parameter2", "value"));
    assertThat(event.getMultiValueQueryStringParameters())
        .containsExactly(
            Map.entry("parameter1", List.of("value1", "value2")),
            Map.entry("parameter2", List.of("value")));
    assertThat(event.getPathParameters()).isNull();
    assertThat(event.getStageVariables()).isNull();
    assertThat(event.getBody()).isEqualTo("Hello from Lambda!");
    assertThat(event.getIsBase64Encoded()).isFalse();

    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    assertThat(context.getAccountId()).isEqualTo("123456789012");
    assertThat(context.getApiId()).isEqualTo("abc123");
    assertThat(context.getDomainName()).isEqualTo("abc123.execute-api.localhost");
    assertThat(context.getDomainPrefix()).isEqualTo("abc123");
    assertThat(context.getExtendedRequestId()).hasSize(16).endsWith("=");
    assertThat(context.getHttpMethod()).isEqualTo("GET");
    assertThat(context.getPath()).isEqualTo("/prod/my/path");
    assertThat(context.getProtocol()).isEqualTo("HTTP/1.1");
    assertThat(context.getRequestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    assertThat(context.getRequestTime()).isEqualTo("04/Mar/2020:19:15:17 +0000");
    assertThat(context.getRequestTimeEpoch()).isEqualTo(1583349317135L);
    assertThat(context.getResourceId()).isEqualTo("res789");
    assertThat(context.getResourcePath()).isEqualTo("/my/path");
    assertThat(context.getStage()).isEqualTo("prod");
    assertThat(context.getAuthorizer()).isNull();
    assertThat(context.getIdentity().getSourceIp()).isEqualTo("192.0.2.1");
    assertThat(context.getIdentity().getUserAgent()).isEqualTo("user-agent");
    assertThat(context.getIdentity().getAccessKey()).isNull();
    assertThat(context.getIdentity().getCaller()).isNull();
    assertThat(context.getIdentity().getUserArn()).isNull();
    assertThat(context.getIdentity().getApiKey()).isNull();
  }

  @Test
  void eventHasAwsFieldsInAwsOrderWithAwsNulls() throws Exception {
    JsonNode event = raw(ProxyEvents.restEvent(Calls.get("/hardcoded").build(), Set.of()));

    assertThat(event.fieldNames())
        .toIterable()
        .containsExactly(
            "resource",
            "path",
            "httpMethod",
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
            "stageVariables",
            "requestContext",
            "body",
            "isBase64Encoded");
    for (String nullWhenNone :
        List.of(
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
            "stageVariables",
            "body")) {
      assertThat(event.get(nullWhenNone).isNull()).as(nullWhenNone).isTrue();
    }
    assertThat(event.get("requestContext").get("deploymentId").textValue()).isEqualTo("dep456");
    assertThat(event.get("requestContext").has("authorizer")).isFalse();
    JsonNode identity = event.get("requestContext").get("identity");
    assertThat(identity.fieldNames())
        .toIterable()
        .containsExactly(
            "accessKey",
            "accountId",
            "caller",
            "cognitoAuthenticationProvider",
            "cognitoAuthenticationType",
            "cognitoIdentityId",
            "cognitoIdentityPoolId",
            "principalOrgId",
            "sourceIp",
            "user",
            "userAgent",
            "userArn");
    assertThat(identity.get("cognitoIdentityId").isNull()).isTrue();
    assertThat(identity.get("userAgent").isNull()).isTrue();
  }

  @Test
  void repeatedQueryKeysKeepTheLastValueInTheSingleValueMap() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/proxy-value")
                    .method("POST")
                    .query("category=electronics&category=books&price=10&price=20&price=30")
                    .build(),
                Set.of()));

    assertThat(event.getQueryStringParameters())
        .containsExactly(Map.entry("category", "books"), Map.entry("price", "30"));
    assertThat(event.getMultiValueQueryStringParameters())
        .containsExactly(
            Map.entry("category", List.of("electronics", "books")),
            Map.entry("price", List.of("10", "20", "30")));
  }

  @Test
  void queryValuesArriveDecodedWithPlusAsSpace() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/api")
                    .query(
                        "email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://www.google.com/")
                    .build(),
                Set.of()));

    assertThat(event.getQueryStringParameters())
        .containsExactly(
            Map.entry("email", "test+alias@gmail.com"),
            Map.entry("plus", "test alias@gmail.com"),
            Map.entry("url", "https://www.google.com/"));
  }

  @Test
  void pathAndPathParametersStayAsTheClientEncodedThem() {
    String path = "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com";
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get(path)
                    .resource("/{proxy+}")
                    .pathParameter(
                        "proxy",
                        "proxy-value/api/user/test+alias@gmail.com/plus/test+alias@gmail.com")
                    .build(),
                Set.of()));

    assertThat(event.getPath()).isEqualTo(path);
    assertThat(event.getResource()).isEqualTo("/{proxy+}");
    assertThat(event.getPathParameters())
        .containsExactly(
            Map.entry(
                "proxy", "proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com"));
    assertThat(event.getRequestContext().getPath()).isEqualTo("/prod" + path);
  }

  @Test
  void namedParametersAndATrailingSlashAreReadAlongTheTemplate() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/orders/a%20b/items/7/")
                    .resource("/orders/{orderId}/items/{itemId}")
                    .pathParameter("orderId", "a b")
                    .pathParameter("itemId", "7")
                    .build(),
                Set.of()));

    assertThat(event.getPathParameters())
        .containsExactly(Map.entry("orderId", "a%20b"), Map.entry("itemId", "7"));
  }

  @Test
  void leadingDoubleSlashesCollapseInPathButNotInTheContextPath() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("//hardcoded").resource("/hardcoded").build(), Set.of()));

    assertThat(event.getPath()).isEqualTo("/hardcoded");
    assertThat(event.getRequestContext().getPath()).isEqualTo("/prod//hardcoded");
  }

  @Test
  void headersKeepTheClientsCaseExceptAuthorizationAndUserAgentAndLoseFramingHeaders() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/my/path")
                    .header("tEsT-HEADeR", "aValUE")
                    .header("aUThorization", "Bearer token123;API key456")
                    .header("user-agent", "python-requests/testing")
                    .header("Content-Length", "0")
                    .header("Connection", "keep-alive")
                    .header("Host", "abc123.execute-api.localhost:4566")
                    .build(),
                Set.of()));

    assertThat(event.getHeaders())
        .containsExactly(
            Map.entry("tEsT-HEADeR", "aValUE"),
            Map.entry("Authorization", "Bearer token123;API key456"),
            Map.entry("User-Agent", "python-requests/testing"),
            Map.entry("Host", "abc123.execute-api.localhost:4566"));
    assertThat(event.getMultiValueHeaders()).doesNotContainKeys("Content-Length", "Connection");
  }

  @Test
  void bodyOfABinaryMediaTypeArrivesBase64Encoded() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/upload")
                    .method("POST")
                    .header("Content-Type", "image/png")
                    .body(png)
                    .build(),
                Set.of("image/*")));

    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(png);
  }

  @Test
  void textBodyOfABinaryMediaTypeIsBase64EncodedToo() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/upload")
                    .method("POST")
                    .header("Content-Type", "application/json")
                    .body("{\"a\":1}")
                    .build(),
                Set.of("*/*")));

    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(event.getBody())
        .isEqualTo(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes()));
  }

  @Test
  void bodyOfOtherMediaTypesArrivesAsText() {
    APIGatewayProxyRequestEvent event =
        asHandlerSeesIt(
            ProxyEvents.restEvent(
                Calls.get("/upload")
                    .method("POST")
                    .header("Content-Type", "application/json;charset=utf-8")
                    .body("{\"message\": \"hello world\"}")
                    .build(),
                Set.of("image/png", "*/test")));

    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getBody()).isEqualTo("{\"message\": \"hello world\"}");
  }

  @Test
  void stageVariablesAuthorizerAndApiKeyArriveWhenPresent() throws Exception {
    String json =
        ProxyEvents.restEvent(
            Calls.get("/my/path")
                .header("x-api-key", "secret-key")
                .apiKeyId("key123")
                .stageVariable("env", "test")
                .authorizer(Map.of("principalId", "user-1", "tenant", "acme"))
                .build(),
            Set.of());
    APIGatewayProxyRequestEvent event = asHandlerSeesIt(json);

    assertThat(event.getStageVariables()).containsExactly(Map.entry("env", "test"));
    assertThat(event.getRequestContext().getAuthorizer())
        .containsEntry("principalId", "user-1")
        .containsEntry("tenant", "acme");
    assertThat(event.getRequestContext().getIdentity().getApiKey()).isEqualTo("secret-key");
    // The event class has no field for it; the JSON has it, as AWS's has.
    assertThat(raw(json).at("/requestContext/identity/apiKeyId").textValue()).isEqualTo("key123");
  }

  @Test
  void extendedRequestIdIsTheSameForTheSameCall() {
    assertThat(Calls.get("/a").build().extendedRequestId())
        .isEqualTo(Calls.get("/b").build().extendedRequestId())
        .matches("[A-Za-z0-9+/]{15}=");
  }
}
