package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPaths;
import java.nio.charset.StandardCharsets;

/**
 * The JSON executions carry: read from the texts the API takes, written compactly as AWS writes
 * inputs, outputs and history details.
 */
final class Payloads {

  static final ObjectMapper MAPPER = JsonPaths.MAPPER;
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** AWS's limit on an execution's input and on any state's input or output: 256 KiB. */
  static final int MAX_BYTES = 256 * 1024;

  private Payloads() {}

  /** The JSON {@code text} holds; {@code null} for text that is not JSON. */
  static JsonNode parseOrNull(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static JsonNode parse(String text) throws JsonProcessingException {
    JsonNode node = MAPPER.readTree(text);
    if (node == null || node.isMissingNode()) {
      throw new com.fasterxml.jackson.core.JsonParseException(null, "No content to map");
    }
    return node;
  }

  static JsonNode parse(byte[] bytes) throws java.io.IOException {
    return MAPPER.readTree(bytes);
  }

  static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    return text(node).getBytes(StandardCharsets.UTF_8);
  }

  static int utf8Length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /**
   * Whether a payload's JSON is over {@link #MAX_BYTES} in UTF-8: written until it is, no further.
   */
  static boolean exceedsLimit(JsonNode node) {
    java.io.OutputStream counter =
        new java.io.OutputStream() {
          private long count;

          @Override
          public void write(int b) throws java.io.IOException {
            write(null, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            count += length;
            if (count > MAX_BYTES) {
              throw OverLimit.INSTANCE;
            }
          }
        };
    try {
      MAPPER.writeValue(counter, node);
      return false;
    } catch (OverLimit over) {
      return true;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops {@link #exceedsLimit} writing once the limit is passed. */
  private static final class OverLimit extends java.io.IOException {
    static final OverLimit INSTANCE = new OverLimit();

    private OverLimit() {
      super("over the payload limit", null);
      setStackTrace(new StackTraceElement[0]);
    }
  }
}
