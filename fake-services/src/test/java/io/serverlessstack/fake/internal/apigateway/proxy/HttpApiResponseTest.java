package io.serverlessstack.fake.internal.apigateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How an HTTP API reads Lambda answers; the inferred responses are AWS's documented examples
 * ("Lambda function response for format 2.0").
 */
class HttpApiResponseTest {

  private static IntegrationResponse v2(String answer) {
    IntegrationOutcome outcome =
        HttpEvents.readV2Response(answer.getBytes(StandardCharsets.UTF_8), null);
    assertThat(outcome).isInstanceOf(IntegrationResponse.class);
    return (IntegrationResponse) outcome;
  }

  private static String text(IntegrationResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static void assertInternalServerError(IntegrationOutcome outcome) {
    assertThat(outcome).isInstanceOf(IntegrationFailure.class);
    IntegrationFailure failure = (IntegrationFailure) outcome;
    assertThat(failure.status()).isEqualTo(500);
    assertThat(new String(failure.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Internal Server Error\"}");
  }

  @Test
  void jsonStringIsTheBodyOfAJsonOk() {
    IntegrationResponse response = v2("\"Hello from Lambda!\"");

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("Hello from Lambda!");
    assertThat(response.headers())
        .containsExactly(Map.entry("content-type", List.of("application/json")));
  }

  @Test
  void objectWithoutStatusCodeIsItsOwnJsonBody() {
    IntegrationResponse response = v2("{\"message\": \"Hello from Lambda!\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{\"message\":\"Hello from Lambda!\"}");
    assertThat(response.header("content-type")).containsExactly("application/json");
  }

  @Test
  void bareNumberIsItsOwnJsonBody() {
    assertThat(text(v2("42"))).isEqualTo("42");
  }

  @Test
  void textThatIsNotJsonIsTheBody() {
    IntegrationResponse response = v2("plain words");

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("plain words");
  }

  @Test
  void objectWithStatusCodeIsTheResponseWithCookiesAsSetCookie() {
    IntegrationResponse response =
        v2(
            "{\"cookies\": [\"a=1; Path=/\", \"b=2\"], \"isBase64Encoded\": false, \"statusCode\": 201,"
                + " \"headers\": {\"x-custom\": \"yes\"}, \"body\": \"created\"}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("x-custom")).containsExactly("yes");
    assertThat(response.header("set-cookie")).containsExactly("a=1; Path=/", "b=2");
    assertThat(text(response)).isEqualTo("created");
  }

  @Test
  void base64BodyIsDecoded() {
    byte[] bytes = {1, 2, 3, (byte) 0xff};
    IntegrationResponse response =
        v2(
            "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \""
                + Base64.getEncoder().encodeToString(bytes)
                + "\"}");

    assertThat(response.body()).isEqualTo(bytes);
  }

  @Test
  void invalidStatusCodeIsAnInternalServerError() {
    assertInternalServerError(
        HttpEvents.readV2Response(
            "{\"statusCode\": \"abc\"}".getBytes(StandardCharsets.UTF_8), null));
  }

  @Test
  void failedFunctionIsAnInternalServerError() {
    assertInternalServerError(
        HttpEvents.readV2Response(
            "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8), "Unhandled"));
    assertInternalServerError(
        HttpEvents.readV1Response(
            "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8), "Unhandled"));
  }

  @Test
  void v1AnswerIsReadLikeRestsWithBase64AlwaysDecoded() {
    IntegrationOutcome outcome =
        HttpEvents.readV1Response(
            ("{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"dGVzdC1kYXRh\","
                    + " \"multiValueHeaders\": {\"set-cookie\": [\"a=1\", \"b=2\"]}}")
                .getBytes(StandardCharsets.UTF_8),
            null);

    assertThat(outcome).isInstanceOf(IntegrationResponse.class);
    IntegrationResponse response = (IntegrationResponse) outcome;
    assertThat(text(response)).isEqualTo("test-data");
    assertThat(response.header("set-cookie")).containsExactly("a=1", "b=2");
  }

  @Test
  void v1AnswerWithAnUnknownFieldIsAnInternalServerError() {
    assertInternalServerError(
        HttpEvents.readV1Response(
            "{\"statusCode\": 200, \"extra\": 1}".getBytes(StandardCharsets.UTF_8), null));
  }
}
