package io.serverlessstack.fake.internal.apigateway.vtl;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a template renders from.
 *
 * @param call the method request, which gives {@code $input.params}, {@code $context} and {@code
 *     $stageVariables} in request and response templates alike
 * @param body the payload {@code $input} transforms: the method request's body for a request
 *     template, the integration response's body for a response template
 * @param overrides the overrides so far: {@link Overrides#NONE} for a request template, what the
 *     request template left for the response template
 */
public record TemplateInput(ApiCall call, String body, Overrides overrides) {

  public TemplateInput {
    Objects.requireNonNull(call, "call");
    body = body == null ? "" : body;
    overrides = overrides == null ? Overrides.NONE : overrides;
  }

  /** A request template's input: the method request's body. */
  public static TemplateInput forRequest(ApiCall call) {
    return new TemplateInput(call, call.bodyText(), Overrides.NONE);
  }

  /**
   * A response template's input: the integration response's body, and the overrides the request
   * template left.
   */
  public static TemplateInput forResponse(
      ApiCall call, byte[] integrationResponseBody, Overrides afterRequest) {
    String body =
        integrationResponseBody == null
            ? ""
            : new String(integrationResponseBody, StandardCharsets.UTF_8);
    return new TemplateInput(call, body, afterRequest);
  }
}
