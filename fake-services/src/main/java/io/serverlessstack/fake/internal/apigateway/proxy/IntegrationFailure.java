package io.serverlessstack.fake.internal.apigateway.proxy;

import java.nio.charset.StandardCharsets;

/**
 * The integration failed and the gateway answers for it: with a gateway response of {@code
 * gatewayResponseType} where the API customises that type (REST APIs), else with {@code status} and
 * {@code defaultBody}.
 *
 * @param gatewayResponseType the gateway response type, e.g. {@code INTEGRATION_FAILURE}
 * @param status the status AWS answers with by default
 * @param message the error's message ({@code $context.error.message}), e.g. {@code Internal server
 *     error}
 * @param defaultBody the body AWS answers with by default, e.g. {@code {"message": "Internal server
 *     error"}}
 * @param reason why, for our log; never sent to the client, as AWS never sends it
 */
public record IntegrationFailure(
    String gatewayResponseType, int status, String message, String defaultBody, String reason)
    implements IntegrationOutcome {

  static final String INTEGRATION_FAILURE = "INTEGRATION_FAILURE";
  static final String INTEGRATION_TIMEOUT = "INTEGRATION_TIMEOUT";
  static final String API_CONFIGURATION_ERROR = "API_CONFIGURATION_ERROR";

  /** The default body's bytes. */
  public byte[] body() {
    return defaultBody.getBytes(StandardCharsets.UTF_8);
  }

  /** A REST API's error, written as REST APIs write them: {@code {"message": "…"}}. */
  static IntegrationFailure rest(String type, int status, String message, String reason) {
    return new IntegrationFailure(
        type, status, message, "{\"message\": \"" + message + "\"}", reason);
  }

  /** An HTTP API's error, written as HTTP APIs write them: {@code {"message":"…"}}. */
  static IntegrationFailure httpApi(String type, int status, String message, String reason) {
    return new IntegrationFailure(
        type, status, message, "{\"message\":\"" + message + "\"}", reason);
  }

  /** A REST API's answer to a failed or malformed Lambda proxy integration. */
  static IntegrationFailure restLambda(String reason) {
    return rest(INTEGRATION_FAILURE, 502, "Internal server error", reason);
  }

  /** An HTTP API's answer to a failed or malformed Lambda integration. */
  static IntegrationFailure httpApiLambda(String reason) {
    return httpApi(INTEGRATION_FAILURE, 500, "Internal Server Error", reason);
  }
}
