package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON SNS reads (policies, structured messages) and writes (envelopes). */
final class SnsJson {

  /** Built when SNS first needs it, not when the stack starts. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SnsJson() {}

  /** {@code text} as a JSON object, or {@code null} if it is not one. */
  static ObjectNode objectOrNull(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node instanceof ObjectNode object ? object : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
