package io.serverlessstack.fake.internal.sqs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * What AWS checks about a message before a queue accepts it, and the digests of its attributes:
 * shared by every way a message reaches a queue (SendMessage, SendMessageBatch and typed sends from
 * other services through {@link SqsEngine}).
 */
final class SqsMessageRules {

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  static final Pattern GROUP_OR_DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private SqsMessageRules() {}

  static String attributeText(MessageAttributeValue value) {
    return value.stringValue() != null
        ? value.stringValue()
        : value.binaryValue() != null
            ? Base64.getEncoder().encodeToString(value.binaryValue().asByteArrayUnsafe())
            : "";
  }

  static void validate(SqsQueue queue, SqsQueue.Outgoing outgoing) {
    String body = outgoing.body();
    if (body == null || body.isEmpty()) {
      throw SqsErrors.missingParameter("MessageBody");
    }
    if (!validCharacters(body)) {
      throw SqsErrors.invalidMessageContents();
    }
    validateAttributes(outgoing);
    long size = messageSize(body, outgoing.attributes());
    int max = queue.settings().getInt(QueueSettings.MAXIMUM_MESSAGE_SIZE);
    if (size > max) {
      throw SqsErrors.invalidParameterValue(
          "One or more parameters are invalid. Reason: Message must be shorter than "
              + max
              + " bytes.");
    }
    Integer delay = outgoing.delaySeconds();
    if (delay != null) {
      if (delay < 0 || delay > 900) {
        throw SqsErrors.invalidParameterValue(
            "DelaySeconds", delay, "DelaySeconds must be >= 0 and <= 900.");
      }
      if (queue.fifo && delay != 0) {
        throw SqsErrors.invalidParameterValue(
            "DelaySeconds",
            delay,
            "The request include parameter that is not valid for this queue type.");
      }
    }
    if (queue.fifo) {
      if (outgoing.groupId() == null) {
        throw SqsErrors.missingParameter("MessageGroupId");
      }
      checkDeduplicationId(queue, outgoing.deduplicationId());
    } else if (outgoing.deduplicationId() != null) {
      throw SqsErrors.invalidParameterValue(
          "MessageDeduplicationId",
          outgoing.deduplicationId(),
          "The request include parameter that is not valid for this queue type.");
    }
    checkId("MessageGroupId", outgoing.groupId());
    checkId("MessageDeduplicationId", outgoing.deduplicationId());
  }

  static void checkDeduplicationId(SqsQueue queue, String deduplicationId) {
    if (deduplicationId == null
        && !queue.settings().getBoolean(QueueSettings.CONTENT_BASED_DEDUPLICATION)) {
      throw SqsErrors.invalidParameterValue(
          "The queue should either have ContentBasedDeduplication enabled or"
              + " MessageDeduplicationId provided explicitly");
    }
  }

  private static void checkId(String name, String value) {
    if (value != null && !GROUP_OR_DEDUP_ID.matcher(value).matches()) {
      throw SqsErrors.invalidParameterValue(
          name,
          value,
          name + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  /**
   * What counts against the size limits, in UTF-8 bytes: the body and each message attribute's
   * name, type and value. System attributes (AWSTraceHeader) do not count, as AWS documents.
   */
  static long messageSize(String body, Map<String, MessageAttributeValue> attributes) {
    long size = body == null ? 0 : utf8Length(body);
    for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
      MessageAttributeValue value = attribute.getValue();
      size += utf8Length(attribute.getKey()) + utf8Length(value.dataType());
      size +=
          value.binaryValue() != null
              ? value.binaryValue().asByteArrayUnsafe().length
              : utf8Length(value.stringValue());
    }
    return size;
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Validates message and system attributes as AWS does. */
  private static void validateAttributes(SqsQueue.Outgoing outgoing) {
    Map<String, MessageAttributeValue> attributes = outgoing.attributes();
    if (attributes.size() > 10) {
      throw SqsErrors.invalidParameterValue(
          "Number of message attributes ["
              + attributes.size()
              + "] exceeds the allowed maximum [10].");
    }
    for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
      String name = entry.getKey();
      if (!ATTRIBUTE_NAME.matcher(name).matches()
          || name.startsWith(".")
          || name.endsWith(".")
          || name.contains("..")
          || name.toLowerCase(java.util.Locale.ROOT).startsWith("aws.")
          || name.toLowerCase(java.util.Locale.ROOT).startsWith("amazon.")) {
        throw SqsErrors.invalidParameterValue(
            "Message (user) attribute name '" + name + "' is invalid.");
      }
      MessageAttributeValue value = entry.getValue();
      checkAttributeValue(
          "message (user) attribute '" + name + "'",
          value.dataType(),
          value.stringValue(),
          value.binaryValue(),
          value.hasStringListValues() || value.hasBinaryListValues());
    }
    for (Map.Entry<String, MessageSystemAttributeValue> entry :
        outgoing.systemAttributes().entrySet()) {
      MessageSystemAttributeValue value = entry.getValue();
      if (!entry.getKey().equals("AWSTraceHeader") || !"String".equals(value.dataType())) {
        throw SqsErrors.invalidParameterValue(
            "Message system attribute name '" + entry.getKey() + "' is invalid.");
      }
      checkAttributeValue(
          "message system attribute '" + entry.getKey() + "'",
          value.dataType(),
          value.stringValue(),
          value.binaryValue(),
          false);
    }
  }

  private static void checkAttributeValue(
      String what, String dataType, String stringValue, SdkBytes binaryValue, boolean listValues) {
    if (dataType == null || dataType.isEmpty()) {
      throw SqsErrors.invalidParameterValue(
          "The " + what + " must contain non-empty message attribute type.");
    }
    String base = dataType.split("\\.", 2)[0];
    if (!Set.of("String", "Number", "Binary").contains(base) || dataType.length() > 256) {
      throw SqsErrors.invalidParameterValue(
          "The type of "
              + what
              + " is invalid. You must use only the following supported type prefixes: Binary,"
              + " Number, String.");
    }
    if (listValues) {
      throw SqsErrors.invalidParameterValue(
          "Message attribute list values in SendMessage operation are not supported.");
    }
    boolean binary = base.equals("Binary");
    if (binary ? binaryValue == null : stringValue == null || stringValue.isEmpty()) {
      // As AWS words it: "Message (user) attribute 'x' must contain a non-empty value of type …".
      throw SqsErrors.invalidParameterValue(
          Character.toUpperCase(what.charAt(0))
              + what.substring(1)
              + " must contain a non-empty value of type '"
              + base
              + "'.");
    }
    if (base.equals("Number")) {
      try {
        new BigDecimal(stringValue.trim());
      } catch (NumberFormatException e) {
        throw SqsErrors.invalidParameterValue("Can't cast the value of " + what + " to a number.");
      }
    }
    if (!binary && !validCharacters(stringValue)) {
      throw SqsErrors.invalidMessageContents();
    }
  }

  /** SQS allows #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
  private static boolean validCharacters(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean allowed =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!allowed) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  static Map<String, MessageMd5.AttributeValue> md5Values(
      Map<String, MessageAttributeValue> attributes) {
    Map<String, MessageMd5.AttributeValue> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            values.put(
                name,
                new MessageMd5.AttributeValue(
                    value.dataType(),
                    value.stringValue(),
                    value.binaryValue(),
                    value.stringListValues(),
                    value.binaryListValues())));
    return values;
  }

  static Map<String, MessageMd5.AttributeValue> md5SystemValues(
      Map<String, MessageSystemAttributeValue> attributes) {
    Map<String, MessageMd5.AttributeValue> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            values.put(
                name,
                new MessageMd5.AttributeValue(
                    value.dataType(),
                    value.stringValue(),
                    value.binaryValue(),
                    value.stringListValues(),
                    value.binaryListValues())));
    return values;
  }
}
