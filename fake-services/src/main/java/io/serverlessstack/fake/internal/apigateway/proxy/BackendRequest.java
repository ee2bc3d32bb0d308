package io.serverlessstack.fake.internal.apigateway.proxy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to an HTTP backend.
 *
 * @param method the HTTP method
 * @param uri the backend's URI, query included (checked when sent: an invalid one is AWS's
 *     configuration error)
 * @param headers the headers to send, by name, each with its values
 * @param body the body's bytes; empty for none
 */
public record BackendRequest(
    String method, String uri, Map<String, List<String>> headers, byte[] body) {

  public BackendRequest {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body;
  }
}
