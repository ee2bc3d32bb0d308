package io.serverlessstack.fake.internal.apigateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a REST API reads a Lambda proxy answer. The cases and their outcomes are AWS's, recorded in
 * LocalStack's AWS-validated {@code test_aws_proxy_response_payload_format_validation} and {@code
 * test_aws_proxy_binary_response}.
 */
class RestProxyResponseTest {

  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=";

  private static IntegrationOutcome read(String answer) {
    return read(Calls.get("/test").build(), Set.of(), answer);
  }

  private static IntegrationOutcome read(ApiCall call, Set<String> binaryTypes, String answer) {
    return ProxyEvents.readRestResponse(
        call, binaryTypes, answer.getBytes(StandardCharsets.UTF_8), null);
  }

  private static IntegrationResponse response(IntegrationOutcome outcome) {
    assertThat(outcome).isInstanceOf(IntegrationResponse.class);
    return (IntegrationResponse) outcome;
  }

  private static void assertInternalServerError(IntegrationOutcome outcome) {
    assertThat(outcome).isInstanceOf(IntegrationFailure.class);
    IntegrationFailure failure = (IntegrationFailure) outcome;
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.gatewayResponseType()).isEqualTo("INTEGRATION_FAILURE");
    assertThat(new String(failure.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(failure.reason()).isNotBlank();
  }

  private static String text(IntegrationResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void statusCodeAloneIsAnEmptyJsonResponse() {
    IntegrationResponse response = response(read("{\"statusCode\": 200}"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers())
        .containsExactly(Map.entry("Content-Type", List.of("application/json")));
  }

  @Test
  void headersPassWithBooleansWrittenAsText() {
    IntegrationResponse response =
        response(
            read(
                "{\"statusCode\": 200, \"headers\": {\"test-header\": \"value\", \"header-bool\": true}}"));

    assertThat(response.header("test-header")).containsExactly("value");
    assertThat(response.header("header-bool")).containsExactly("true");
  }

  @Test
  void nullHeadersAreNoHeaders() {
    assertThat(response(read("{\"statusCode\": 200, \"headers\": null}")).status()).isEqualTo(200);
  }

  @Test
  void ownContentTypeReplacesTheDefault() {
    IntegrationResponse response =
        response(
            read(
                "{\"statusCode\": 200, \"headers\": {\"content-type\": \"text/html\"}, \"body\": \"<p/>\"}"));

    assertThat(response.header("Content-Type")).containsExactly("text/html");
    assertThat(text(response)).isEqualTo("<p/>");
  }

  @Test
  void emptyObjectIsAnEmptyOk() {
    IntegrationResponse response = response(read("{}"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headersWithoutStatusCodeAreAnOk() {
    IntegrationResponse response = response(read("{\"headers\": {\"test-header\": \"value\"}}"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("test-header")).containsExactly("value");
  }

  @Test
  void statusCodeMayBeANumericString() {
    assertThat(response(read("{\"statusCode\": \"201\"}")).status()).isEqualTo(201);
  }

  @Test
  void multiValueHeadersKeepEachValue() {
    IntegrationResponse response =
        response(
            read(
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"test-multi\": [\"value1\", \"value2\"]}}"));

    assertThat(response.header("test-multi")).containsExactly("value1", "value2");
  }

  @Test
  void aHeaderInBothMapsTakesTheMultiValuesThenTheSingleValue() {
    IntegrationResponse response =
        response(
            read(
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"test-multi\": [\"value-multi\"]},"
                    + " \"headers\": {\"test-multi\": \"value-solo\"}}"));

    assertThat(response.headers())
        .containsEntry("test-multi", List.of("value-multi", "value-solo"));
  }

  @Test
  void aHeaderInBothMapsTakesTheMultiValueSpelling() {
    IntegrationResponse response =
        response(
            read(
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"tesT-Multi\": [\"value-multi\"]},"
                    + " \"headers\": {\"test-multi\": \"value-solo\"}}"));

    assertThat(response.headers())
        .containsEntry("tesT-Multi", List.of("value-multi", "value-solo"))
        .doesNotContainKey("test-multi");
  }

  @Test
  void base64BodyStaysBase64WithoutBinaryMediaTypes() {
    String base64 = "dGVzdC1kYXRh";
    IntegrationResponse response =
        response(
            read(
                Calls.get("/test").header("Accept", "image/png").build(),
                Set.of(),
                "{\"statusCode\": 200, \"body\": \"" + base64 + "\", \"isBase64Encoded\": true}"));

    assertThat(text(response)).isEqualTo(base64);
  }

  @Test
  void base64BodyIsDecodedWhenTheFirstAcceptedTypeIsBinary() {
    String answer =
        "{\"statusCode\": 200, \"body\": \""
            + PNG_BASE64
            + "\", \"isBase64Encoded\": true, \"headers\": {\"Content-Type\": \"image/png\"}}";
    Set<String> binary = Set.of("image/png", "*/test");

    IntegrationResponse decoded =
        response(
            read(
                Calls.get("/test").header("Accept", "image/png,image/*,*/*;q=0.8").build(),
                binary,
                answer));
    IntegrationResponse kept =
        response(
            read(
                Calls.get("/test").header("Accept", "image/webp,image/png,*/*;q=0.8").build(),
                binary,
                answer));
    IntegrationResponse notMarked =
        response(
            read(
                Calls.get("/test").header("Accept", "image/png").build(),
                binary,
                answer.replace("\"isBase64Encoded\": true", "\"isBase64Encoded\": false")));

    assertThat(decoded.body()).isEqualTo(java.util.Base64.getDecoder().decode(PNG_BASE64));
    assertThat(decoded.header("Content-Type")).containsExactly("image/png");
    assertThat(text(kept)).isEqualTo(PNG_BASE64);
    assertThat(text(notMarked)).isEqualTo(PNG_BASE64);
  }

  @Test
  void unknownFieldIsMalformed() {
    assertInternalServerError(read("{\"statusCode\": 200, \"wrongValue\": \"value\"}"));
  }

  @Test
  void multiValueHeaderThatIsNotAListIsMalformed() {
    assertInternalServerError(
        read("{\"statusCode\": 200, \"multiValueHeaders\": {\"test-multi-invalid\": \"value1\"}}"));
  }

  @Test
  void wordAsStatusCodeIsMalformed() {
    assertInternalServerError(read("{\"statusCode\": \"test\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"justAString\"",
        "null",
        "42",
        "[]",
        "not json at all",
        "",
        "{\"statusCode\": 200} trailing",
        "{\"statusCode\": 200, \"body\": {\"message\": \"an object\"}}",
        "{\"statusCode\": 200, \"headers\": [\"a\"]}",
        "{\"statusCode\": 200, \"headers\": {\"a\": {\"b\": 1}}}",
        "{\"statusCode\": 200.5}",
        "{\"statusCode\": 1000}",
        "{\"statusCode\": 200, \"isBase64Encoded\": 1}"
      })
  void answerThatIsNotAProxyResponseIsABadGateway(String answer) {
    assertInternalServerError(read(answer));
  }

  @Test
  void invalidBase64IsMalformedWhenItWouldBeDecoded() {
    assertInternalServerError(
        read(
            Calls.get("/test").header("Accept", "image/png").build(),
            Set.of("image/png"),
            "{\"statusCode\": 200, \"body\": \"%%%\", \"isBase64Encoded\": true}"));
  }

  @Test
  void failedFunctionIsABadGatewayWithItsErrorInTheReason() {
    IntegrationOutcome outcome =
        ProxyEvents.readRestResponse(
            Calls.get("/test").build(),
            Set.of(),
            "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"
                .getBytes(StandardCharsets.UTF_8),
            "Unhandled");

    assertInternalServerError(outcome);
    assertThat(((IntegrationFailure) outcome).reason()).contains("boom");
  }

  @Test
  void errorPayloadReturnedAsAnswerIsMalformed() {
    assertInternalServerError(read("{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}"));
  }
}
