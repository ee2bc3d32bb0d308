package io.serverlessstack.fake.internal.protocol;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * The awsQuery codec: form parameters in ({@code Action=…&Name.1.Key=…}), XML out, for every
 * operation of every service, driven by the SDK model's {@link SdkField} metadata and a {@link
 * QueryNaming}.
 */
public final class AwsQueryCodec {

  private AwsQueryCodec() {}

  /**
   * Reads the form {@code parameters} of {@code operation} into the model built by {@code builder}.
   *
   * <p>A parameter whose text is not of its member's type is reported as an invalid value.
   */
  public static SdkPojo read(
      Map<String, String> parameters, String operation, SdkPojo builder, QueryNaming naming) {
    return readPojo(parameters, operation, "", builder, naming);
  }

  private static SdkPojo readPojo(
      Map<String, String> parameters,
      String operation,
      String prefix,
      SdkPojo builder,
      QueryNaming naming) {
    for (SdkField<?> field : builder.sdkFields()) {
      QueryNaming.QueryMember member = naming.member(operation, field);
      Object value =
          readValue(parameters, operation, prefix + member.name(), field, member, naming);
      if (value != null) {
        field.set(builder, value);
      }
    }
    return AwsJsonCodec.build(builder);
  }

  private static Object readValue(
      Map<String, String> parameters,
      String operation,
      String key,
      SdkField<?> field,
      QueryNaming.QueryMember member,
      QueryNaming naming) {
    switch (field.marshallingType().getKnownType()) {
      case LIST:
        {
          SdkField<?> element = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          String base = member.flattened() ? key + "." : key + "." + member.listMemberName() + ".";
          List<Object> list = new ArrayList<>();
          for (int i = 1; ; i++) {
            Object value =
                readValue(
                    parameters,
                    operation,
                    base + i,
                    element,
                    naming.member(operation, element),
                    naming);
            if (value == null) {
              break;
            }
            list.add(value);
          }
          // An empty list is sent as the bare name with an empty value.
          return list.isEmpty() && !parameters.containsKey(key) ? null : list;
        }
      case MAP:
        {
          SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          String base = member.flattened() ? key + "." : key + ".entry.";
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 1; ; i++) {
            String entry = base + i + ".";
            String entryKey = parameters.get(entry + member.mapKeyName());
            if (entryKey == null) {
              break;
            }
            String valueKey = entry + member.mapValueName();
            Object value =
                readValue(
                    parameters,
                    operation,
                    valueKey,
                    valueField,
                    naming.member(operation, valueField),
                    naming);
            map.put(entryKey, value);
          }
          return map.isEmpty() ? null : map;
        }
      case SDK_POJO:
        {
          String prefix = key + ".";
          if (parameters.keySet().stream().noneMatch(name -> name.startsWith(prefix))) {
            return null;
          }
          return readPojo(parameters, operation, prefix, field.constructor().get(), naming);
        }
      default:
        String text = parameters.get(key);
        return text == null ? null : parseScalar(field, key, text);
    }
  }

  /** Form values are read as restJson1 reads query strings: ISO-8601 times unless a trait says. */
  private static Object parseScalar(SdkField<?> field, String key, String text) {
    return RestValues.parse(field, MarshallLocation.QUERY_PARAM, key, text);
  }

  /**
   * The XML answer to {@code operation}: {@code <OpResponse><OpResult>…</OpResult>
   * <ResponseMetadata>…</ResponseMetadata></OpResponse>}. The result element is there, if empty,
   * whenever the operation has an output shape (clients such as botocore require it), and left out
   * when the operation returns nothing.
   */
  public static String write(
      SdkPojo response,
      String operation,
      String xmlNamespace,
      String requestId,
      QueryNaming naming) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    xml.append('<')
        .append(operation)
        .append("Response xmlns=\"")
        .append(xmlNamespace)
        .append("\">");
    StringBuilder result = new StringBuilder();
    writeMembers(result, response, operation, naming);
    if (!response.sdkFields().isEmpty()) {
      xml.append('<').append(operation).append("Result>");
      xml.append(result);
      xml.append("</").append(operation).append("Result>");
    }
    xml.append("<ResponseMetadata><RequestId>")
        .append(requestId)
        .append("</RequestId></ResponseMetadata>");
    xml.append("</").append(operation).append("Response>");
    return xml.toString();
  }

  private static void writeMembers(
      StringBuilder xml, SdkPojo pojo, String operation, QueryNaming naming) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (AwsJsonCodec.isSet(value)) {
        writeMember(xml, field, naming.member(operation, field), value, operation, naming);
      }
    }
  }

  private static void writeMember(
      StringBuilder xml,
      SdkField<?> field,
      QueryNaming.QueryMember member,
      Object value,
      String operation,
      QueryNaming naming) {
    switch (field.marshallingType().getKnownType()) {
      case LIST:
        {
          SdkField<?> element = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          String elementName = member.flattened() ? member.name() : member.listMemberName();
          if (!member.flattened()) {
            open(xml, member.name());
          }
          for (Object item : (List<?>) value) {
            writeElement(xml, elementName, element, item, operation, naming);
          }
          if (!member.flattened()) {
            close(xml, member.name());
          }
          break;
        }
      case MAP:
        {
          SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          if (!member.flattened()) {
            open(xml, member.name());
          }
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            String entryName = member.flattened() ? member.name() : "entry";
            open(xml, entryName);
            open(xml, member.mapKeyName());
            escape(xml, (String) entry.getKey());
            close(xml, member.mapKeyName());
            writeElement(
                xml, member.mapValueName(), valueField, entry.getValue(), operation, naming);
            close(xml, entryName);
          }
          if (!member.flattened()) {
            close(xml, member.name());
          }
          break;
        }
      default:
        writeElement(xml, member.name(), field, value, operation, naming);
    }
  }

  private static void writeElement(
      StringBuilder xml,
      String name,
      SdkField<?> field,
      Object value,
      String operation,
      QueryNaming naming) {
    switch (field.marshallingType().getKnownType()) {
      case SDK_POJO:
        open(xml, name);
        writeMembers(xml, (SdkPojo) value, operation, naming);
        close(xml, name);
        break;
      case LIST:
      case MAP:
        QueryNaming.QueryMember nested = naming.member(operation, field);
        writeMember(
            xml,
            field,
            new QueryNaming.QueryMember(
                name,
                nested.flattened(),
                nested.listMemberName(),
                nested.mapKeyName(),
                nested.mapValueName()),
            value,
            operation,
            naming);
        break;
      default:
        open(xml, name);
        escape(xml, scalarText(field, value));
        close(xml, name);
    }
  }

  private static String scalarText(SdkField<?> field, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case INSTANT:
        return DateTimeFormatter.ISO_INSTANT.format((Instant) value);
      case SDK_BYTES:
        return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
      default:
        return String.valueOf(value);
    }
  }

  /**
   * The awsQuery error document, in the service's XML namespace when known ({@code null} leaves it
   * out).
   */
  public static String errorBody(AwsErrorException error, String requestId, String xmlNamespace) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse");
    if (xmlNamespace != null) {
      xml.append(" xmlns=\"").append(xmlNamespace).append('"');
    }
    xml.append("><Error><Type>");
    xml.append(error.senderFault() ? "Sender" : "Receiver");
    xml.append("</Type><Code>");
    escape(xml, error.queryCode());
    xml.append("</Code><Message>");
    escape(xml, error.getMessage());
    xml.append("</Message><Detail/></Error><RequestId>");
    xml.append(requestId);
    xml.append("</RequestId></ErrorResponse>");
    return xml.toString();
  }

  private static void open(StringBuilder xml, String name) {
    xml.append('<').append(name).append('>');
  }

  private static void close(StringBuilder xml, String name) {
    xml.append("</").append(name).append('>');
  }

  /** XML-escapes text, including the line breaks and tabs a parser would otherwise normalize. */
  static void escape(StringBuilder xml, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        case '\r' -> xml.append("&#xD;");
        case '\n' -> xml.append("&#xA;");
        case '\t' -> xml.append("&#x9;");
        default -> xml.append(c);
      }
    }
  }
}
