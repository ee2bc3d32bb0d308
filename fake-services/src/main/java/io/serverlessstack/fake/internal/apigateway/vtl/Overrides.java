package io.serverlessstack.fake.internal.apigateway.vtl;

import java.util.List;
import java.util.Map;

/**
 * What templates set in {@code $context.requestOverride} and {@code $context.responseOverride}: the
 * integration request's headers, query string and path parameters to use instead of the mapped
 * ones, and the method response's status and headers. A request template's overrides carry on into
 * the response template of the same call.
 *
 * @param requestHeaders {@code $context.requestOverride.header}: each name with its values (a
 *     template may set a list for a header of several values)
 * @param requestQuerystring {@code $context.requestOverride.querystring}, likewise
 * @param requestPath {@code $context.requestOverride.path}
 * @param responseStatus {@code $context.responseOverride.status}, or {@code null} when no template
 *     set an integer from 100 to 599 (AWS ignores any other value)
 * @param responseHeaders {@code $context.responseOverride.header}
 */
public record Overrides(
    Map<String, List<String>> requestHeaders,
    Map<String, List<String>> requestQuerystring,
    Map<String, String> requestPath,
    Integer responseStatus,
    Map<String, List<String>> responseHeaders) {

  /** Nothing overridden: what the request template of a call starts from. */
  public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of(), null, Map.of());

  public Overrides {
    requestHeaders = Map.copyOf(requestHeaders);
    requestQuerystring = Map.copyOf(requestQuerystring);
    requestPath = Map.copyOf(requestPath);
    responseHeaders = Map.copyOf(responseHeaders);
  }
}
