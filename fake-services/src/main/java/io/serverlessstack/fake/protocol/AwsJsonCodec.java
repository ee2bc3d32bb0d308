package io.serverlessstack.fake.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The awsJson 1.0/1.1 codec for every operation of every service: it reads requests into, and
 * writes responses from, the SDK's own model classes, driven by their {@link SdkField} metadata.
 * Timestamps are epoch seconds, blobs base64, as the JSON protocols define.
 */
public final class AwsJsonCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private AwsJsonCodec() {}

  /** Parses {@code body} into the model built by {@code builder}. An empty body is {@code {}}. */
  public static SdkPojo read(byte[] body, SdkPojo builder) {
    if (body.length == 0) {
      return build(builder);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw CommonErrors.malformedBody("Malformed JSON request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return build(builder);
    }
    if (!root.isObject()) {
      throw CommonErrors.malformedBody("The request body must be a JSON object.");
    }
    return readPojo(root, builder);
  }

  private static SdkPojo readPojo(JsonNode object, SdkPojo builder) {
    if (!object.isObject()) {
      throw CommonErrors.malformedBody("Expected a JSON object but found " + object.getNodeType());
    }
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode node = object.get(field.locationName());
      if (node != null && !node.isNull()) {
        field.set(builder, readValue(field, node));
      }
    }
    return build(builder);
  }

  private static Object readValue(SdkField<?> field, JsonNode node) {
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        return expect(node, node.isTextual(), field).asText();
      case INTEGER:
        return expect(node, node.canConvertToInt(), field).intValue();
      case LONG:
        return expect(node, node.canConvertToLong(), field).longValue();
      case SHORT:
        return (short) expect(node, node.canConvertToInt(), field).intValue();
      case BYTE:
        return (byte) expect(node, node.canConvertToInt(), field).intValue();
      case DOUBLE:
        return expect(node, node.isNumber(), field).doubleValue();
      case FLOAT:
        return expect(node, node.isNumber(), field).floatValue();
      case BIG_DECIMAL:
        return expect(node, node.isNumber(), field).decimalValue();
      case BOOLEAN:
        return expect(node, node.isBoolean(), field).booleanValue();
      case INSTANT:
        return epochSecondsToInstant(expect(node, node.isNumber(), field).decimalValue());
      case SDK_BYTES:
        return SdkBytes.fromByteArrayUnsafe(decodeBase64(expect(node, node.isTextual(), field)));
      case LIST:
        {
          expect(node, node.isArray(), field);
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          List<Object> list = new ArrayList<>(node.size());
          for (JsonNode element : node) {
            list.add(element.isNull() ? null : readValue(member, element));
          }
          return list;
        }
      case MAP:
        {
          expect(node, node.isObject(), field);
          SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          Map<String, Object> map = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(
                entry.getKey(),
                entry.getValue().isNull() ? null : readValue(value, entry.getValue()));
          }
          return map;
        }
      case SDK_POJO:
        return readPojo(node, field.constructor().get());
      default:
        throw CommonErrors.malformedBody(
            "Unsupported member type for " + field.locationName() + ": " + field.marshallingType());
    }
  }

  private static JsonNode expect(JsonNode node, boolean fits, SdkField<?> field) {
    if (!fits) {
      throw CommonErrors.malformedBody(
          "Unexpected " + node.getNodeType() + " for member " + field.locationName() + ".");
    }
    return node;
  }

  private static byte[] decodeBase64(JsonNode node) {
    try {
      return Base64.getMimeDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw CommonErrors.malformedBody("Invalid base64 value: " + e.getMessage());
    }
  }

  private static Instant epochSecondsToInstant(BigDecimal seconds) {
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  static SdkPojo build(SdkPojo builder) {
    return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
  }

  /** Writes {@code pojo} as a JSON object, leaving out members that are not set. */
  public static byte[] write(SdkPojo pojo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writePojo(json, pojo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writePojo(JsonGenerator json, SdkPojo pojo) throws IOException {
    json.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (isSet(value)) {
        json.writeFieldName(field.locationName());
        writeValue(json, field, value);
      }
    }
    json.writeEndObject();
  }

  /** The SDK marks members that were never set with auto-construct collections. */
  static boolean isSet(Object value) {
    return value != null
        && !(value instanceof SdkAutoConstructList)
        && !(value instanceof SdkAutoConstructMap);
  }

  private static void writeValue(JsonGenerator json, SdkField<?> field, Object value)
      throws IOException {
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        json.writeString((String) value);
        break;
      case INTEGER:
      case SHORT:
      case BYTE:
        json.writeNumber(((Number) value).intValue());
        break;
      case LONG:
        json.writeNumber((Long) value);
        break;
      case DOUBLE:
        json.writeNumber((Double) value);
        break;
      case FLOAT:
        json.writeNumber((Float) value);
        break;
      case BIG_DECIMAL:
        json.writeNumber((BigDecimal) value);
        break;
      case BOOLEAN:
        json.writeBoolean((Boolean) value);
        break;
      case INSTANT:
        Instant instant = (Instant) value;
        json.writeNumber(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        break;
      case SDK_BYTES:
        json.writeString(
            Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        break;
      case LIST:
        {
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          json.writeStartArray();
          for (Object element : (List<?>) value) {
            writeValue(json, member, element);
          }
          json.writeEndArray();
          break;
        }
      case MAP:
        {
          SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          json.writeStartObject();
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            json.writeFieldName((String) entry.getKey());
            writeValue(json, valueField, entry.getValue());
          }
          json.writeEndObject();
          break;
        }
      case SDK_POJO:
        writePojo(json, (SdkPojo) value);
        break;
      default:
        throw new IllegalStateException("Unsupported member type " + field.marshallingType());
    }
  }

  /** The body of a JSON protocol error: {@code {"__type":"ns#Code","message":"…"}}. */
  public static byte[] errorBody(String type, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("__type", type);
      json.writeStringField("message", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
