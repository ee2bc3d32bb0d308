package io.serverlessstack.fake.internal.delivery;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a service hands to another through the {@link DeliveryBus}, in no wire protocol: a
 * body, typed attributes, where it comes from and its ids.
 *
 * @param id unique per delivery, for journals and for counting what arrived
 * @param sourceArn the resource that sends it (a topic, a state machine, an API), or {@code null}
 * @param body the payload, as text
 * @param attributes message attributes, in order
 * @param groupId the message group, for FIFO targets, or {@code null}
 * @param deduplicationId the deduplication id, for FIFO targets, or {@code null}
 */
public record Delivery(
    String id,
    String sourceArn,
    String body,
    Map<String, Attribute> attributes,
    String groupId,
    String deduplicationId) {

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    attributes =
        attributes == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** A delivery without attributes or FIFO ids. */
  public static Delivery of(String id, String sourceArn, String body) {
    return new Delivery(id, sourceArn, body, Map.of(), null, null);
  }

  /** The same delivery with FIFO ids. */
  public Delivery withGroup(String nextGroupId, String nextDeduplicationId) {
    return new Delivery(id, sourceArn, body, attributes, nextGroupId, nextDeduplicationId);
  }

  /** The same delivery with attributes. */
  public Delivery withAttributes(Map<String, Attribute> nextAttributes) {
    return new Delivery(id, sourceArn, body, nextAttributes, groupId, deduplicationId);
  }

  /**
   * A typed attribute as SQS and SNS know them: a data type ({@code String}, {@code Number}, {@code
   * Binary}, optionally with a custom suffix) and a text or binary value.
   */
  public record Attribute(String dataType, String stringValue, byte[] binaryValue) {

    public Attribute {
      Objects.requireNonNull(dataType, "dataType");
      binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    public static Attribute string(String value) {
      return new Attribute("String", value, null);
    }

    public static Attribute number(String value) {
      return new Attribute("Number", value, null);
    }

    public static Attribute binary(byte[] value) {
      return new Attribute("Binary", null, value);
    }

    @Override
    public byte[] binaryValue() {
      return binaryValue == null ? null : binaryValue.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Attribute that
          && dataType.equals(that.dataType)
          && Objects.equals(stringValue, that.stringValue)
          && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
      return dataType
          + "="
          + (binaryValue != null ? "<" + binaryValue.length + " bytes>" : stringValue);
    }
  }
}
