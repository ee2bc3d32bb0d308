package io.serverlessstack.fake.internal.apigateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The events of HTTP APIs' Lambda proxy integrations, read the way the Lambda Java runtime reads
 * them. The call is AWS's documented example ("Create AWS Lambda proxy integrations for HTTP APIs",
 * payload format structure).
 */
class HttpApiEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static <T> T asHandlerSeesIt(String json, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, HttpApiEventTest.class.getClassLoader())
        .fromJson(json);
  }

  private static Calls documentedExample() {
    return Calls.get("/my/path")
        .method("POST")
        .stage("$default")
        .header("Header1", "value1")
        .header("Header2", "value1")
        .header("Header2", "value2")
        .header("Cookie", "cookie1; cookie2")
        .header("User-Agent", "agent")
        .header("Content-Type", "text/plain")
        .query("parameter1=value1&parameter1=value2&parameter2=value")
        .body("Hello from Lambda")
        .domainName("id.execute-api.us-east-1.amazonaws.com");
  }

  @Test
  void documentedV2ExampleArrivesFieldByField() {
    String json =
        HttpEvents.v2Event(
            documentedExample()
                .resource("/my/{parameter1}")
                .pathParameter("parameter1", "value1")
                .build(),
            "$default");

    APIGatewayV2HTTPEvent event = asHandlerSeesIt(json, APIGatewayV2HTTPEvent.class);

    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getRouteKey()).isEqualTo("$default");
    assertThat(event.getRawPath()).isEqualTo("/my/path");
    assertThat(event.getRawQueryString())
        .isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
    assertThat(event.getCookies()).containsExactly("cookie1", "cookie2");
    assertThat(event.getHeaders())
        .containsExactly(
            Map.entry("header1", "value1"),
            Map.entry("header2", "value1,value2"),
            Map.entry("user-agent", "agent"),
            Map.entry("content-type", "text/plain"));
    assertThat(event.getQueryStringParameters())
        .containsExactly(
            Map.entry("parameter1", "value1,value2"), Map.entry("parameter2", "value"));
    assertThat(event.getPathParameters()).containsExactly(Map.entry("parameter1", "value1"));
    assertThat(event.getBody()).isEqualTo("Hello from Lambda");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getStageVariables()).isNull();

    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    assertThat(context.getAccountId()).isEqualTo("123456789012");
    assertThat(context.getApiId()).isEqualTo("abc123");
    assertThat(context.getDomainName()).isEqualTo("id.execute-api.us-east-1.amazonaws.com");
    assertThat(context.getDomainPrefix()).isEqualTo("id");
    assertThat(context.getHttp().getMethod()).isEqualTo("POST");
    assertThat(context.getHttp().getPath()).isEqualTo("/my/path");
    assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
    assertThat(context.getHttp().getSourceIp()).isEqualTo("192.0.2.1");
    assertThat(context.getHttp().getUserAgent()).isEqualTo("agent");
    assertThat(context.getRequestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    assertThat(context.getRouteKey()).isEqualTo("$default");
    assertThat(context.getStage()).isEqualTo("$default");
    assertThat(context.getTime()).isEqualTo("04/Mar/2020:19:15:17 +0000");
    assertThat(context.getTimeEpoch()).isEqualTo(1583349317135L);
    assertThat(context.getAuthorizer()).isNull();
  }

  @Test
  void v2LeavesOutWhatTheCallDoesNotHave() throws Exception {
    JsonNode event =
        JSON.readTree(
            HttpEvents.v2Event(Calls.get("/ping").stage("$default").build(), "GET /ping"));

    assertThat(event.has("cookies")).isFalse();
    assertThat(event.has("queryStringParameters")).isFalse();
    assertThat(event.has("pathParameters")).isFalse();
    assertThat(event.has("stageVariables")).isFalse();
    assertThat(event.has("body")).isFalse();
    assertThat(event.get("rawQueryString").textValue()).isEmpty();
    assertThat(event.get("isBase64Encoded").booleanValue()).isFalse();
    assertThat(event.get("requestContext").get("routeKey").textValue()).isEqualTo("GET /ping");
  }

  @Test
  void v2PathOfANamedStageStartsWithTheStage() {
    APIGatewayV2HTTPEvent event =
        asHandlerSeesIt(
            HttpEvents.v2Event(
                Calls.get("/orders").stage("dev").stageVariable("env", "dev").build(),
                "GET /orders"),
            APIGatewayV2HTTPEvent.class);

    assertThat(event.getRawPath()).isEqualTo("/dev/orders");
    assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/dev/orders");
    assertThat(event.getRequestContext().getStage()).isEqualTo("dev");
    assertThat(event.getStageVariables()).containsExactly(Map.entry("env", "dev"));
  }

  @Test
  void v2BinaryBodyArrivesBase64Encoded() {
    byte[] bytes = {0, 1, 2, (byte) 0xfe};
    APIGatewayV2HTTPEvent event =
        asHandlerSeesIt(
            HttpEvents.v2Event(
                Calls.get("/upload")
                    .method("PUT")
                    .header("Content-Type", "application/octet-stream")
                    .body(bytes)
                    .build(),
                "PUT /upload"),
            APIGatewayV2HTTPEvent.class);

    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(bytes);
  }

  @Test
  void v2JsonBodyArrivesAsText() {
    APIGatewayV2HTTPEvent event =
        asHandlerSeesIt(
            HttpEvents.v2Event(
                Calls.get("/orders")
                    .method("POST")
                    .header("content-type", "application/json; charset=utf-8")
                    .body("{\"a\":1}")
                    .build(),
                "POST /orders"),
            APIGatewayV2HTTPEvent.class);

    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getBody()).isEqualTo("{\"a\":1}");
  }

  @Test
  void v2CarriesTheAuthorizersAnswer() {
    APIGatewayV2HTTPEvent event =
        asHandlerSeesIt(
            HttpEvents.v2Event(
                Calls.get("/me")
                    .authorizer(
                        Map.of(
                            "jwt",
                            Map.of("claims", Map.of("sub", "user-1"), "scopes", List.of("read"))))
                    .build(),
                "GET /me"),
            APIGatewayV2HTTPEvent.class);

    assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
        .containsEntry("sub", "user-1");
    assertThat(event.getRequestContext().getAuthorizer().getJwt().getScopes())
        .containsExactly("read");
  }

  @Test
  void documentedV1ExampleArrivesFieldByField() throws Exception {
    String json = HttpEvents.v1Event(documentedExample().build(), "POST /my/path");

    APIGatewayProxyRequestEvent event = asHandlerSeesIt(json, APIGatewayProxyRequestEvent.class);
    JsonNode raw = JSON.readTree(json);

    assertThat(raw.get("version").textValue()).isEqualTo("1.0");
    assertThat(event.getResource()).isEqualTo("/my/path");
    assertThat(event.getPath()).isEqualTo("/my/path");
    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getHeaders())
        .containsEntry("header1", "value1")
        .containsEntry("header2", "value2")
        .containsEntry("cookie", "cookie1; cookie2");
    assertThat(event.getMultiValueHeaders()).containsEntry("header2", List.of("value1", "value2"));
    assertThat(event.getQueryStringParameters()).containsEntry("parameter2", "value");
    assertThat(event.getMultiValueQueryStringParameters())
        .containsEntry("parameter1", List.of("value1", "value2"));
    assertThat(event.getPathParameters()).isNull();
    assertThat(event.getStageVariables()).isNull();
    assertThat(event.getBody()).isEqualTo("Hello from Lambda");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getRequestContext().getPath()).isEqualTo("/my/path");
    assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
    assertThat(event.getRequestContext().getDomainPrefix()).isEqualTo("id");
    assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("192.0.2.1");
    assertThat(event.getRequestContext().getIdentity().getUserAgent()).isEqualTo("agent");
    JsonNode authorizer = raw.get("requestContext").get("authorizer");
    assertThat(authorizer.get("claims").isNull()).isTrue();
    assertThat(authorizer.get("scopes").isNull()).isTrue();
  }
}
