package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;

/**
 * What the gateway answers when it answers a call itself, as the API's gateway responses say: the
 * response the API set for the type, else the one it set for {@code DEFAULT_4XX} or {@code
 * DEFAULT_5XX} (whose status code, when set, replaces the type's own), else AWS's default: the
 * type's status and {@code {"message":$context.error.messageString}}. Header mappings ({@code
 * gatewayresponse.header.X}) take literals; the template's {@code $context.error} variables are the
 * error's.
 */
final class GatewayResponses {

  private static final String HEADER = "gatewayresponse.header.";

  private GatewayResponses() {}

  static StackResponse answer(
      RestApiState api, String requestId, GatewayError type, String message) {
    GatewayResponse own;
    GatewayResponse fallback;
    synchronized (api) {
      own = api.gatewayResponses.get(type.name());
      fallback =
          api.gatewayResponses.get(
              type.status < 500
                  ? GatewayError.DEFAULT_4XX.name()
                  : GatewayError.DEFAULT_5XX.name());
    }
    if (own == null && fallback == null) {
      return RestApiInvoker.error(requestId, type, message);
    }
    int status = type.status;
    String template = RestApiDefinitions.DEFAULT_ERROR_TEMPLATE;
    Map<String, String> headers = new LinkedHashMap<>();
    for (GatewayResponse response : new GatewayResponse[] {fallback, own}) {
      if (response == null) {
        continue;
      }
      if (response.statusCode() != null) {
        status = Integer.parseInt(response.statusCode());
      }
      if (response.hasResponseTemplates()
          && response.responseTemplates().get("application/json") != null) {
        template = response.responseTemplates().get("application/json");
      }
      if (response.hasResponseParameters()) {
        response
            .responseParameters()
            .forEach(
                (name, value) -> {
                  if (name.startsWith(HEADER) && value.length() >= 2 && value.startsWith("'")) {
                    headers.put(
                        name.substring(HEADER.length()), value.substring(1, value.length() - 1));
                  }
                });
      }
    }
    String body =
        template
            .replace(
                "$context.error.messageString",
                new String(Json.write(message), StandardCharsets.UTF_8))
            .replace("$context.error.message", message)
            .replace("$context.error.responseType", type.name());
    StackResponse response =
        StackResponse.of(status, "application/json", body)
            .withHeader("x-amzn-ErrorType", type.errorType)
            .withHeader("x-amzn-RequestId", requestId);
    headers.forEach(response::withHeader);
    return response;
  }
}
