package io.serverlessstack.fake.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

  private static final JsonFactory FACTORY = new JsonFactory();

  private AwsJsonCodec() {}

  /** Parses {@code body} into the model built by {@code builder}. An empty body is {@code {}}. */
  public static SdkPojo read(byte[] body, SdkPojo builder) {
    if (body.length == 0) {
      return build(builder);
    }
    // Streaming, not a tree: no databind on the request path, and no garbage per request.
    try (JsonParser json = FACTORY.createParser(body)) {
      JsonToken first = json.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return build(builder);
      }
      if (first != JsonToken.START_OBJECT) {
        throw CommonErrors.malformedBody("The request body must be a JSON object.");
      }
      SdkPojo pojo = readPojo(json, builder);
      if (json.nextToken() != null) {
        throw CommonErrors.malformedBody("Unexpected content after the JSON object.");
      }
      return pojo;
    } catch (JsonProcessingException e) {
      throw CommonErrors.malformedBody("Malformed JSON request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the members of the object whose START_OBJECT is the current token. */
  private static SdkPojo readPojo(JsonParser json, SdkPojo builder) throws IOException {
    Map<String, SdkField<?>> fields = builder.sdkFieldNameToField();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      SdkField<?> field = fieldByLocation(builder, fields, json.currentName());
      JsonToken token = json.nextToken();
      if (field == null) {
        json.skipChildren(); // members the model does not know are ignored, as AWS does
      } else if (token != JsonToken.VALUE_NULL) {
        field.set(builder, readValue(json, field));
      }
    }
    return build(builder);
  }

  private static SdkField<?> fieldByLocation(
      SdkPojo builder, Map<String, SdkField<?>> fields, String name) {
    SdkField<?> field = fields.get(name);
    if (field != null && name.equals(field.locationName())) {
      return field;
    }
    for (SdkField<?> candidate : builder.sdkFields()) {
      if (name.equals(candidate.locationName())) {
        return candidate;
      }
    }
    return null;
  }

  /** Reads the value at the current token as {@code field}'s type. */
  private static Object readValue(JsonParser json, SdkField<?> field) throws IOException {
    JsonToken token = json.currentToken();
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        return expect(json, token == JsonToken.VALUE_STRING, field).getText();
      case INTEGER:
        return expect(json, token == JsonToken.VALUE_NUMBER_INT, field).getIntValue();
      case LONG:
        return expect(json, token == JsonToken.VALUE_NUMBER_INT, field).getLongValue();
      case SHORT:
        return expect(json, token == JsonToken.VALUE_NUMBER_INT, field).getShortValue();
      case BYTE:
        return expect(json, token == JsonToken.VALUE_NUMBER_INT, field).getByteValue();
      case DOUBLE:
        return expect(json, token.isNumeric(), field).getDoubleValue();
      case FLOAT:
        return expect(json, token.isNumeric(), field).getFloatValue();
      case BIG_DECIMAL:
        return expect(json, token.isNumeric(), field).getDecimalValue();
      case BOOLEAN:
        return expect(json, token.isBoolean(), field).getBooleanValue();
      case INSTANT:
        return epochSecondsToInstant(expect(json, token.isNumeric(), field).getDecimalValue());
      case SDK_BYTES:
        return SdkBytes.fromByteArrayUnsafe(
            decodeBase64(expect(json, token == JsonToken.VALUE_STRING, field).getText()));
      case LIST:
        {
          expect(json, token == JsonToken.START_ARRAY, field);
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          List<Object> list = new ArrayList<>();
          while (json.nextToken() != JsonToken.END_ARRAY) {
            list.add(json.currentToken() == JsonToken.VALUE_NULL ? null : readValue(json, member));
          }
          return list;
        }
      case MAP:
        {
          expect(json, token == JsonToken.START_OBJECT, field);
          SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          Map<String, Object> map = new LinkedHashMap<>();
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            map.put(key, json.nextToken() == JsonToken.VALUE_NULL ? null : readValue(json, value));
          }
          return map;
        }
      case SDK_POJO:
        expect(json, token == JsonToken.START_OBJECT, field);
        return readPojo(json, field.constructor().get());
      default:
        throw CommonErrors.malformedBody(
            "Unsupported member type for " + field.locationName() + ": " + field.marshallingType());
    }
  }

  private static JsonParser expect(JsonParser json, boolean fits, SdkField<?> field) {
    if (!fits) {
      throw CommonErrors.malformedBody(
          "Unexpected " + json.currentToken() + " for member " + field.locationName() + ".");
    }
    return json;
  }

  private static byte[] decodeBase64(String text) {
    try {
      return Base64.getMimeDecoder().decode(text);
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
