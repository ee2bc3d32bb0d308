package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.delivery.Delivery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What a published message must be, with AWS's codes and messages. */
final class SnsPublishRules {

  private SnsPublishRules() {}

  /** 256 KiB: message and attributes (names, types and values) together, in UTF-8 bytes. */
  static final int MAX_BYTES = 262_144;

  static final int MAX_BATCH_ENTRIES = 10;

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\..+)?");

  /** Checks a message and its subject. */
  static void validateMessage(String message, String subject, String member) {
    if (message == null) {
      throw SnsErrors.validationError(member);
    }
    if (message.isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Empty message");
    }
    if (subject != null
        && (subject.isEmpty()
            || subject.length() > 100
            || subject.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
      throw SnsErrors.invalidParameter("Invalid parameter: Subject");
    }
  }

  /**
   * Checks message attributes as Publish and PublishBatch do; {@code member} names them as AWS's
   * validation messages do ({@code messageAttributes}, or the batch entry's).
   */
  static void validateAttributes(Map<String, Delivery.Attribute> attributes, String member) {
    for (Map.Entry<String, Delivery.Attribute> entry : attributes.entrySet()) {
      String name = entry.getKey();
      Delivery.Attribute value = entry.getValue();
      validateAttributeName(name);
      String type = value.dataType();
      if (type == null || type.isEmpty()) {
        throw SnsErrors.validationError(member + "." + name + ".member.dataType");
      }
      if (!TYPE.matcher(type).matches()) {
        throw SnsErrors.parameterValueInvalid(
            "The message attribute '"
                + name
                + "' has an invalid message attribute type, the set of supported type prefixes is"
                + " Binary, Number, and String.");
      }
      boolean binary = type.startsWith("Binary");
      boolean hasString = value.stringValue() != null;
      boolean hasBinary = value.binaryValue() != null;
      if (!hasString && !hasBinary) {
        throw emptyValue(name, type);
      }
      if (binary ? !hasBinary : !hasString) {
        throw SnsErrors.parameterValueInvalid(
            "The message attribute '"
                + name
                + "' with type '"
                + type
                + "' must use field '"
                + (binary ? "Binary" : "String")
                + "'.");
      }
      if (binary ? value.binaryValue().length == 0 : value.stringValue().isEmpty()) {
        throw emptyValue(name, type);
      }
      if (type.startsWith("Number")) {
        try {
          new BigDecimal(value.stringValue().trim());
        } catch (NumberFormatException notANumber) {
          throw SnsErrors.parameterValueInvalid(
              "Could not cast message attribute '" + name + "' value to number.");
        }
      }
      if (type.equals("String.Array")) {
        JsonNode array = parseOrNull(value.stringValue());
        if (array == null || !array.isArray()) {
          throw SnsErrors.parameterValueInvalid(
              "The message attribute '"
                  + name
                  + "' with type 'String.Array' must be a JSON array of strings, numbers, true,"
                  + " false or null.");
        }
      }
    }
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return SnsJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static io.serverlessstack.fake.internal.protocol.AwsErrorException emptyValue(
      String name, String type) {
    return SnsErrors.parameterValueInvalid(
        "The message attribute '"
            + name
            + "' must contain non-empty message attribute value for message attribute type '"
            + type
            + "'.");
  }

  private static void validateAttributeName(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length > 256) {
      throw SnsErrors.parameterValueInvalid(
          "Length of message attribute name must be less than 256 bytes.");
    }
    if (ATTRIBUTE_NAME.matcher(name).matches() && !name.contains("..")) {
      if (name.startsWith(".")) {
        throw SnsErrors.parameterValueInvalid(
            "Invalid message attribute name starting with character '.' was found.");
      }
      if (name.endsWith(".")) {
        throw SnsErrors.parameterValueInvalid(
            "Invalid message attribute name ending with character '.' was found.");
      }
      return;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-' && c != '.') {
        throw SnsErrors.parameterValueInvalid(
            "Invalid non-alphanumeric character '#x"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                + "' was found in the message attribute name. Can only include alphanumeric"
                + " characters, hyphens, underscores, or dots.");
      }
    }
    throw SnsErrors.parameterValueInvalid(
        "Message attribute name can not have successive '.' character.");
  }

  /** The size AWS counts against the 256 KiB limit. */
  static int size(String message, Map<String, Delivery.Attribute> attributes) {
    int size = utf8Length(message);
    for (Map.Entry<String, Delivery.Attribute> entry : attributes.entrySet()) {
      Delivery.Attribute value = entry.getValue();
      size += utf8Length(entry.getKey()) + utf8Length(value.dataType());
      size +=
          value.binaryValue() != null
              ? value.binaryValue().length
              : utf8Length(value.stringValue());
    }
    return size;
  }

  private static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The messages of {@code MessageStructure=json}, by protocol, with {@code default} required; keys
   * whose values are not strings are ignored, as AWS ignores them.
   */
  static Map<String, String> structured(String message) {
    ObjectNode object = SnsJson.objectOrNull(message);
    if (object == null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
    Map<String, String> byProtocol = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (field.getValue().isTextual()) {
        byProtocol.put(field.getKey(), field.getValue().asText());
      }
    }
    if (!byProtocol.containsKey("default")) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Message Structure - No default entry in JSON message body");
    }
    return byProtocol;
  }
}
