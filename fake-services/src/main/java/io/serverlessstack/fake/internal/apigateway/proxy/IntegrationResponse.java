package io.serverlessstack.fake.internal.apigateway.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response an integration produced.
 *
 * @param status the HTTP status
 * @param headers the headers by name, in order, each with its values; a value list with several
 *     entries is sent as that many header lines (the way AWS sends a proxy answer's {@code
 *     multiValueHeaders}, e.g. several {@code Set-Cookie})
 * @param body the body's bytes; empty for none
 */
public record IntegrationResponse(int status, Map<String, List<String>> headers, byte[] body)
    implements IntegrationOutcome {

  public IntegrationResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body;
  }

  /** The values of a header, matched regardless of case, in order; empty when absent. */
  public List<String> header(String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }
}
