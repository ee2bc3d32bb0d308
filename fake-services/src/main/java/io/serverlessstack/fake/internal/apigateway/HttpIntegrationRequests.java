package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.apigateway.proxy.HttpBackends;
import io.serverlessstack.fake.internal.apigateway.vtl.Overrides;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration request of a non-proxy {@code HTTP} integration: its URL and headers from the
 * integration's request parameter mappings and what the request template overrode ({@code
 * $context.requestOverride}), which wins over a mapping of the same name.
 */
final class HttpIntegrationRequests {

  private static final Pattern URI_LABEL = Pattern.compile("\\{([^}+]+)\\+?}");

  private HttpIntegrationRequests() {}

  /**
   * The URL: the integration URI's {@code {name}} labels filled from the mapped path parameters
   * (those left are filled from the call's own, as before mappings were served), then the call's
   * query string followed by the mapped query string parameters.
   */
  static String uri(
      String integrationUri,
      ApiCall call,
      IntegrationRequestParameters mapped,
      Overrides overrides) {
    Map<String, String> path = new LinkedHashMap<>(mapped.path());
    path.putAll(overrides.requestPath());
    Matcher label = URI_LABEL.matcher(integrationUri);
    StringBuilder filled = new StringBuilder();
    while (label.find()) {
      String value = path.get(label.group(1));
      label.appendReplacement(
          filled,
          Matcher.quoteReplacement(
              value == null
                  ? label.group()
                  : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    label.appendTail(filled);
    StringBuilder url =
        new StringBuilder(HttpBackends.proxyRequest(call, filled.toString(), null).uri());
    Map<String, List<String>> query = new LinkedHashMap<>(mapped.query());
    query.putAll(overrides.requestQuerystring());
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      for (String value : parameter.getValue()) {
        url.append(url.indexOf("?") < 0 ? '?' : '&')
            .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return url.toString();
  }

  /** The headers: the mapped ones, then the overridden ones; JSON unless they name a type. */
  static Map<String, List<String>> headers(
      IntegrationRequestParameters mapped, Overrides overrides) {
    Map<String, List<String>> headers = new LinkedHashMap<>(mapped.headers());
    for (Map.Entry<String, List<String>> header : overrides.requestHeaders().entrySet()) {
      headers.keySet().removeIf(name -> name.equalsIgnoreCase(header.getKey()));
      headers.put(header.getKey(), header.getValue());
    }
    boolean typed = false;
    for (String name : headers.keySet()) {
      typed |= name.equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      headers.put("Content-Type", List.of("application/json"));
    }
    return headers;
  }
}
