package io.serverlessstack.fake.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * One HTTP response, independent of Netty: a whole body, or a body streamed as a sequence of parts
 * (the frames of an event stream), which the front door writes as its client reads them.
 *
 * @param body the whole body; empty for a streamed response
 * @param stream the parts of a streamed body, written in order as they come, or {@code null}
 */
public record StackResponse(
    int status,
    String contentType,
    Map<String, String> headers,
    byte[] body,
    Flow.Publisher<byte[]> stream) {

  /**
   * What separates the values of a header sent once per value (see {@link #withHeaderValues}); a
   * line break, which no header value can hold.
   */
  static final String VALUE_SEPARATOR = "\n";

  private static final byte[] NO_BODY = new byte[0];

  /** A response with a whole body. */
  public StackResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    this(status, contentType, headers, body, null);
  }

  public static StackResponse of(int status, String contentType, byte[] body) {
    return new StackResponse(status, contentType, new LinkedHashMap<>(), body);
  }

  public static StackResponse of(int status, String contentType, String body) {
    return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A response whose body is {@code parts}, each written as soon as it comes: the front door asks
   * {@code parts} for more only while its client keeps reading, cancels it if the client goes away,
   * and ends the response when {@code parts} completes.
   */
  public static StackResponse streamed(
      int status, String contentType, Flow.Publisher<byte[]> parts) {
    return new StackResponse(status, contentType, new LinkedHashMap<>(), NO_BODY, parts);
  }

  public boolean streamed() {
    return stream != null;
  }

  public StackResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** A header sent once per value, as several {@code Set-Cookie} headers are. */
  public StackResponse withHeaderValues(String name, List<String> values) {
    headers.put(name, String.join(VALUE_SEPARATOR, values));
    return this;
  }
}
