package io.serverlessstack.fake.internal.apigateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON for events and answers: maps in insertion order, nulls written as {@code null}. */
final class ProxyJson {

  /** Built on first use, so API Gateway costs nothing until it proxies a call. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private ProxyJson() {}

  static String write(Object value) {
    try {
      return Mapper.INSTANCE.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not serialisable as JSON: " + value.getClass(), e);
    }
  }

  /** The payload as one JSON value, or {@code null} when it is not JSON (or not only JSON). */
  static JsonNode readOrNull(byte[] payload) {
    try {
      JsonNode node = Mapper.INSTANCE.readTree(payload);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException notJson) {
      return null;
    }
  }
}
