package io.serverlessstack.fake.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response, independent of Netty. */
public record StackResponse(
    int status, String contentType, Map<String, String> headers, byte[] body) {

  public static StackResponse of(int status, String contentType, byte[] body) {
    return new StackResponse(status, contentType, new LinkedHashMap<>(), body);
  }

  public static StackResponse of(int status, String contentType, String body) {
    return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public StackResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
