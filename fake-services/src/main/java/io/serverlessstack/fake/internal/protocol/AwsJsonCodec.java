package io.serverlessstack.fake.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
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
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The JSON body codec for every operation of every service, in two encodings: {@link #JSON}
 * (awsJson 1.0/1.1 and restJson1 bodies: timestamps as epoch seconds, blobs base64) and {@link
 * #CBOR} (the CBOR form of awsJson 1.1: timestamps as tag 1 around epoch milliseconds, blobs as
 * byte strings). It reads requests into, and writes responses from, the SDK's own model classes,
 * driven by their {@link SdkField} metadata; only members bound to the body ({@link
 * MarshallLocation#PAYLOAD}) take part, so the same codec serves restJson1 bodies.
 */
public final class AwsJsonCodec {

  /** Text JSON. */
  public static final AwsJsonCodec JSON = new AwsJsonCodec(new JsonFactory(), false);

  /** CBOR, as the Java SDK writes and reads {@code application/x-amz-cbor-1.1}. */
  public static final AwsJsonCodec CBOR = new AwsJsonCodec(new CBORFactory(), true);

  /** CBOR's tag for an epoch-based date/time; the AWS SDKs put epoch milliseconds in it. */
  private static final int CBOR_EPOCH_TAG = 1;

  /**
   * Member names, encoded once: writing a name from a {@link SerializedString} copies its cached
   * bytes instead of encoding the name again for every record of an answer.
   */
  private static final Map<String, SerializedString> FIELD_NAMES = new ConcurrentHashMap<>();

  /** Each thread's answer buffer, grown once to its answers' size rather than for each answer. */
  private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

  private static final int MAX_KEPT_BUFFER = 1024 * 1024;

  private final JsonFactory factory;
  private final boolean cbor;

  private AwsJsonCodec(JsonFactory factory, boolean cbor) {
    this.factory = factory;
    this.cbor = cbor;
  }

  /**
   * Parses {@code body} into the model built by {@code builder}. An empty body is {@code {}}.
   *
   * @throws BadInput if the body is not the operation's input
   */
  public SdkPojo read(byte[] body, SdkPojo builder) {
    populate(body, builder);
    return build(builder);
  }

  /** Sets the body members {@code body} carries on {@code builder}, without building it. */
  void populate(byte[] body, SdkPojo builder) {
    if (body.length == 0) {
      return;
    }
    // Streaming, not a tree: no databind on the request path, and no garbage per request.
    try (JsonParser parser = factory.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        throw BadInput.malformed("The request body must be a " + kind() + " object.");
      }
      populateMembers(parser, builder);
      if (parser.nextToken() != null) {
        throw BadInput.malformed("Unexpected content after the " + kind() + " object.");
      }
    } catch (JsonProcessingException e) {
      throw BadInput.malformed("Malformed " + kind() + " request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String kind() {
    return cbor ? "CBOR" : "JSON";
  }

  /** Reads the members of the object whose START_OBJECT is the current token. */
  private void populateMembers(JsonParser parser, SdkPojo builder) throws IOException {
    Map<String, SdkField<?>> fields = builder.sdkFieldNameToField();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      SdkField<?> field = fieldByLocation(builder, fields, parser.currentName());
      JsonToken token = parser.nextToken();
      if (field == null) {
        parser.skipChildren(); // members the model does not know are ignored, as AWS does
      } else if (token != JsonToken.VALUE_NULL) {
        field.set(builder, readValue(parser, field));
      }
    }
  }

  private static SdkField<?> fieldByLocation(
      SdkPojo builder, Map<String, SdkField<?>> fields, String name) {
    SdkField<?> field = fields.get(name);
    if (field != null && name.equals(field.locationName())) {
      return inBody(field) ? field : null;
    }
    for (SdkField<?> candidate : builder.sdkFields()) {
      if (name.equals(candidate.locationName()) && inBody(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether {@code field} travels in the body (every member does, but in restJson1). */
  static boolean inBody(SdkField<?> field) {
    MarshallLocation location = field.location();
    return location == null || location == MarshallLocation.PAYLOAD;
  }

  /** Reads the value at the current token as {@code field}'s type. */
  private Object readValue(JsonParser parser, SdkField<?> field) throws IOException {
    JsonToken token = parser.currentToken();
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        return expect(parser, token == JsonToken.VALUE_STRING, field).getText();
      case INTEGER:
        return expect(parser, token == JsonToken.VALUE_NUMBER_INT, field).getIntValue();
      case LONG:
        return expect(parser, token == JsonToken.VALUE_NUMBER_INT, field).getLongValue();
      case SHORT:
        return expect(parser, token == JsonToken.VALUE_NUMBER_INT, field).getShortValue();
      case BYTE:
        return expect(parser, token == JsonToken.VALUE_NUMBER_INT, field).getByteValue();
      case DOUBLE:
        return expect(parser, token.isNumeric(), field).getDoubleValue();
      case FLOAT:
        return expect(parser, token.isNumeric(), field).getFloatValue();
      case BIG_DECIMAL:
        return expect(parser, token.isNumeric(), field).getDecimalValue();
      case BOOLEAN:
        return expect(parser, token.isBoolean(), field).getBooleanValue();
      case INSTANT:
        {
          BigDecimal number = expect(parser, token.isNumeric(), field).getDecimalValue();
          return cbor ? epochMillisToInstant(number) : epochSecondsToInstant(number);
        }
      case SDK_BYTES:
        if (cbor && token == JsonToken.VALUE_EMBEDDED_OBJECT) {
          return SdkBytes.fromByteArrayUnsafe(parser.getBinaryValue());
        }
        return SdkBytes.fromByteArrayUnsafe(
            decodeBase64(expect(parser, token == JsonToken.VALUE_STRING, field)));
      case LIST:
        {
          expect(parser, token == JsonToken.START_ARRAY, field);
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          List<Object> list = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(
                parser.currentToken() == JsonToken.VALUE_NULL ? null : readValue(parser, member));
          }
          return list;
        }
      case MAP:
        {
          expect(parser, token == JsonToken.START_OBJECT, field);
          SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          Map<String, Object> map = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            map.put(
                key, parser.nextToken() == JsonToken.VALUE_NULL ? null : readValue(parser, value));
          }
          return map;
        }
      case SDK_POJO:
        {
          expect(parser, token == JsonToken.START_OBJECT, field);
          SdkPojo nested = field.constructor().get();
          populateMembers(parser, nested);
          return build(nested);
        }
      default:
        throw BadInput.malformed(
            "Unsupported member type for " + field.locationName() + ": " + field.marshallingType());
    }
  }

  private static JsonParser expect(JsonParser parser, boolean fits, SdkField<?> field) {
    if (!fits) {
      throw BadInput.malformed(
          "Unexpected " + parser.currentToken() + " for member " + field.locationName() + ".");
    }
    return parser;
  }

  /**
   * The bytes of a base64 string: decoded by the parser straight from its buffer, or, for what its
   * strict decoder refuses (missing padding), by the JDK's lenient MIME decoder.
   */
  private static byte[] decodeBase64(JsonParser parser) throws IOException {
    try {
      return parser.getBinaryValue();
    } catch (JsonProcessingException strict) {
      try {
        return Base64.getMimeDecoder().decode(parser.getText());
      } catch (IllegalArgumentException e) {
        throw BadInput.malformed("Invalid base64 value: " + e.getMessage());
      }
    }
  }

  private static Instant epochSecondsToInstant(BigDecimal seconds) {
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static Instant epochMillisToInstant(BigDecimal millis) {
    return epochSecondsToInstant(millis.movePointLeft(3));
  }

  /** Builds the model {@code builder} holds. */
  public static SdkPojo build(SdkPojo builder) {
    return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
  }

  /** Writes the body members of {@code pojo} as an object, leaving out members that are not set. */
  public byte[] write(SdkPojo pojo) {
    ByteArrayOutputStream out = BUFFER.get();
    out.reset();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      writePojo(generator, pojo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] written = out.toByteArray();
    if (written.length > MAX_KEPT_BUFFER) {
      BUFFER.remove(); // a 10 MiB GetRecords answer need not stay with the thread
    }
    return written;
  }

  private void writePojo(JsonGenerator generator, SdkPojo pojo) throws IOException {
    generator.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      if (!inBody(field)) {
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      if (isSet(value)) {
        generator.writeFieldName(
            FIELD_NAMES.computeIfAbsent(field.locationName(), SerializedString::new));
        writeValue(generator, field, value);
      }
    }
    generator.writeEndObject();
  }

  /** The SDK marks members that were never set with auto-construct collections. */
  static boolean isSet(Object value) {
    return value != null
        && !(value instanceof SdkAutoConstructList)
        && !(value instanceof SdkAutoConstructMap);
  }

  private void writeValue(JsonGenerator generator, SdkField<?> field, Object value)
      throws IOException {
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        generator.writeString((String) value);
        break;
      case INTEGER:
      case SHORT:
      case BYTE:
        generator.writeNumber(((Number) value).intValue());
        break;
      case LONG:
        generator.writeNumber((Long) value);
        break;
      case DOUBLE:
        generator.writeNumber((Double) value);
        break;
      case FLOAT:
        generator.writeNumber((Float) value);
        break;
      case BIG_DECIMAL:
        generator.writeNumber((BigDecimal) value);
        break;
      case BOOLEAN:
        generator.writeBoolean((Boolean) value);
        break;
      case INSTANT:
        Instant instant = (Instant) value;
        if (cbor) {
          ((CBORGenerator) generator).writeTag(CBOR_EPOCH_TAG);
          generator.writeNumber(instant.toEpochMilli());
        } else {
          generator.writeNumber(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        }
        break;
      case SDK_BYTES:
        byte[] bytes = ((SdkBytes) value).asByteArrayUnsafe();
        // A byte string in CBOR; in JSON, standard base64 with padding and no line feeds.
        generator.writeBinary(bytes);
        break;
      case LIST:
        {
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          generator.writeStartArray();
          for (Object element : (List<?>) value) {
            writeValue(generator, member, element);
          }
          generator.writeEndArray();
          break;
        }
      case MAP:
        {
          SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          generator.writeStartObject();
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            generator.writeFieldName((String) entry.getKey());
            writeValue(generator, valueField, entry.getValue());
          }
          generator.writeEndObject();
          break;
        }
      case SDK_POJO:
        writePojo(generator, (SdkPojo) value);
        break;
      default:
        throw new IllegalStateException("Unsupported member type " + field.marshallingType());
    }
  }

  /**
   * The body of an error: {@code {"__type":"…","<messageMember>":"…"}}, leaving {@code __type} out
   * when {@code type} is {@code null}.
   */
  public byte[] errorBody(String type, String messageMember, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator generator = factory.createGenerator(out)) {
      generator.writeStartObject();
      if (type != null) {
        generator.writeStringField("__type", type);
      }
      generator.writeStringField(messageMember, message);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
