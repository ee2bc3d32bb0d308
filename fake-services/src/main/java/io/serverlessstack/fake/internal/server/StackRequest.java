package io.serverlessstack.fake.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the stack sees it, independent of Netty and of HTTP/1.1 versus HTTP/2.
 *
 * @param headers header names in lower case, a repeated header's values joined by commas
 * @param headerLines the headers as they came: in order, names in the client's case, a repeated
 *     header once per line (API Gateway hands them to integrations so)
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2.0}
 */
public record StackRequest(
    String method,
    String path,
    String query,
    Map<String, String> headers,
    byte[] body,
    List<Map.Entry<String, String>> headerLines,
    String protocol) {

  public static final String HTTP_1_1 = "HTTP/1.1";
  public static final String HTTP_2 = "HTTP/2.0";

  /** An HTTP/1.1 request whose header lines are its {@code headers}, one line each. */
  public StackRequest(
      String method, String path, String query, Map<String, String> headers, byte[] body) {
    this(method, path, query, headers, body, new ArrayList<>(headers.entrySet()), HTTP_1_1);
  }

  public String header(String name) {
    return headers.get(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
