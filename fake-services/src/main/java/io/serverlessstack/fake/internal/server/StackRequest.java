package io.serverlessstack.fake.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request as the stack sees it, independent of Netty and of HTTP/1.1 versus HTTP/2.
 *
 * @param headers header names in lower case
 */
public record StackRequest(
    String method, String path, String query, Map<String, String> headers, byte[] body) {

  public String header(String name) {
    return headers.get(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
