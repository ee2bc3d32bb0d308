package io.serverlessstack.fake.internal.protocol;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/**
 * The XML bodies of restXml, read and written for every structure from the SDK model's {@link
 * SdkField} metadata: a member is the element of its location name; a list is wrapped ({@code
 * <Buckets><Bucket>…</Bucket></Buckets>}) or, when flattened, one element per item under the
 * member's own name ({@code <Contents>…</Contents><Contents>…</Contents>}); a map is {@code
 * <entry><key/><value/></entry>} items; timestamps are ISO 8601 with milliseconds, blobs base64.
 * Element names are read without their namespace, and unknown elements are ignored, as AWS does.
 * Members that are XML attributes are neither read nor written.
 */
final class RestXmlCodec {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final XMLInputFactory INPUT = inputFactory();

  /** Deeper documents are refused rather than walked. */
  private static final int MAX_DEPTH = 64;

  private RestXmlCodec() {}

  private static XMLInputFactory inputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // No document type, so no entities from it or from elsewhere.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** One element of a parsed document: its local name, its text and its child elements. */
  record Element(String name, String text, List<Element> children) {

    Element child(String childName) {
      for (Element child : children) {
        if (child.name.equals(childName)) {
          return child;
        }
      }
      return null;
    }

    List<Element> all(String childName) {
      List<Element> found = new ArrayList<>();
      for (Element child : children) {
        if (child.name.equals(childName)) {
          found.add(child);
        }
      }
      return found;
    }
  }

  // ---- reading

  /**
   * The root element of {@code body}.
   *
   * @throws BadInput if it is not a well-formed XML document
   */
  static Element parse(byte[] body) {
    XMLStreamReader reader = null;
    try {
      reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          Element root = readElement(reader, 1);
          while (reader.hasNext()) {
            reader.next(); // the parser checks that nothing but comments and space follows
          }
          return root;
        }
        if (event == XMLStreamConstants.DTD) {
          throw BadInput.malformed("A document type declaration is not allowed.");
        }
      }
      throw BadInput.malformed("The XML document has no root element.");
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof BadInput bad) {
        throw bad;
      }
      throw BadInput.malformed("The XML you provided was not well-formed: " + e.getMessage());
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing was held open
        }
      }
    }
  }

  /** Reads the element whose START_ELEMENT is the current event, through its END_ELEMENT. */
  private static Element readElement(XMLStreamReader reader, int depth) throws XMLStreamException {
    if (depth > MAX_DEPTH) {
      throw BadInput.malformed("The XML document is nested too deeply.");
    }
    String name = reader.getLocalName();
    StringBuilder text = new StringBuilder();
    List<Element> children = new ArrayList<>();
    while (true) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          children.add(readElement(reader, depth + 1));
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text.append(reader.getText());
          break;
        case XMLStreamConstants.END_ELEMENT:
          return new Element(name, text.toString(), children);
        default:
          break; // comments, processing instructions
      }
    }
  }

  /** Sets on {@code builder} the body members that {@code element}'s children carry. */
  static void readMembers(Element element, SdkPojo builder) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (!inBody(field)) {
        continue;
      }
      Object value = readMember(element, field);
      if (value != null) {
        field.set(builder, value);
      }
    }
  }

  /** The structure {@code element} is, as {@code field}'s type. */
  static SdkPojo readPojo(Element element, SdkField<?> field) {
    SdkPojo builder = field.constructor().get();
    readMembers(element, builder);
    return AwsJsonCodec.build(builder);
  }

  private static Object readMember(Element parent, SdkField<?> field) {
    String name = field.locationName();
    switch (field.marshallingType().getKnownType()) {
      case LIST:
        {
          ListTrait trait = field.getRequiredTrait(ListTrait.class);
          SdkField<?> member = trait.memberFieldInfo();
          List<Element> items;
          if (trait.isFlattened()) {
            items = parent.all(name);
          } else {
            Element wrapper = parent.child(name);
            if (wrapper == null) {
              return null;
            }
            items = wrapper.all(memberName(trait));
          }
          if (items.isEmpty()) {
            return trait.isFlattened() ? null : List.of();
          }
          List<Object> list = new ArrayList<>();
          for (Element item : items) {
            list.add(readValue(item, member));
          }
          return list;
        }
      case MAP:
        {
          MapTrait trait = field.getRequiredTrait(MapTrait.class);
          List<Element> entries;
          if (trait.isFlattened()) {
            entries = parent.all(name);
          } else {
            Element wrapper = parent.child(name);
            if (wrapper == null) {
              return null;
            }
            entries = wrapper.all("entry");
          }
          Map<String, Object> map = new LinkedHashMap<>();
          for (Element entry : entries) {
            Element key = entry.child(trait.keyLocationName());
            Element value = entry.child(trait.valueLocationName());
            if (key != null) {
              map.put(key.text(), value == null ? null : readValue(value, trait.valueFieldInfo()));
            }
          }
          return map.isEmpty() ? null : map;
        }
      default:
        {
          Element child = parent.child(name);
          return child == null ? null : readValue(child, field);
        }
    }
  }

  private static Object readValue(Element element, SdkField<?> field) {
    switch (field.marshallingType().getKnownType()) {
      case SDK_POJO:
        return readPojo(element, field);
      case LIST:
      case MAP:
        return readMember(element, field); // nested collections: rare, read as a member
      default:
        try {
          return RestValues.parse(
              field, MarshallLocation.PAYLOAD, element.name(), element.text().trim());
        } catch (BadInput wrongType) {
          throw BadInput.malformed(
              "The value of " + element.name() + " is not a " + field.marshallingType() + ".");
        }
    }
  }

  private static String memberName(ListTrait trait) {
    String name = trait.memberLocationName();
    return name != null ? name : trait.memberFieldInfo().locationName();
  }

  /** Whether {@code field} travels as an element of the body. */
  static boolean inBody(SdkField<?> field) {
    return AwsJsonCodec.inBody(field) && !field.containsTrait(XmlAttributeTrait.class);
  }

  // ---- writing

  /**
   * {@code pojo}'s body members as the document {@code <root xmlns="namespace">…</root>}.
   *
   * @param namespace the root's namespace, or {@code null} for none
   */
  static byte[] write(String root, String namespace, SdkPojo pojo) {
    StringBuilder xml = start(root, namespace);
    xml.append('>');
    writeMembers(xml, pojo);
    xml.append("</").append(root).append('>');
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A scalar as the document's root element, {@code <root xmlns="namespace">value</root>}, empty
   * when {@code value} is not set.
   */
  static byte[] writeScalar(String root, String namespace, SdkField<?> field, Object value) {
    StringBuilder xml = start(root, namespace);
    if (!AwsJsonCodec.isSet(value)) {
      xml.append("/>");
    } else {
      xml.append('>');
      AwsQueryCodec.escape(xml, scalarText(field, value));
      xml.append("</").append(root).append('>');
    }
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder start(String root, String namespace) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    xml.append('<').append(root);
    if (namespace != null) {
      xml.append(" xmlns=\"").append(namespace).append('"');
    }
    return xml;
  }

  private static void writeMembers(StringBuilder xml, SdkPojo pojo) {
    for (SdkField<?> field : pojo.sdkFields()) {
      if (!inBody(field)) {
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      if (AwsJsonCodec.isSet(value)) {
        writeMember(xml, field.locationName(), field, value);
      }
    }
  }

  private static void writeMember(StringBuilder xml, String name, SdkField<?> field, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case LIST:
        {
          ListTrait trait = field.getRequiredTrait(ListTrait.class);
          SdkField<?> member = trait.memberFieldInfo();
          if (trait.isFlattened()) {
            for (Object item : (List<?>) value) {
              writeMember(xml, name, member, item);
            }
          } else {
            open(xml, name);
            for (Object item : (List<?>) value) {
              writeMember(xml, memberName(trait), member, item);
            }
            close(xml, name);
          }
          break;
        }
      case MAP:
        {
          MapTrait trait = field.getRequiredTrait(MapTrait.class);
          if (!trait.isFlattened()) {
            open(xml, name);
          }
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            String entryName = trait.isFlattened() ? name : "entry";
            open(xml, entryName);
            open(xml, trait.keyLocationName());
            AwsQueryCodec.escape(xml, String.valueOf(entry.getKey()));
            close(xml, trait.keyLocationName());
            if (entry.getValue() != null) {
              writeMember(xml, trait.valueLocationName(), trait.valueFieldInfo(), entry.getValue());
            }
            close(xml, entryName);
          }
          if (!trait.isFlattened()) {
            close(xml, name);
          }
          break;
        }
      case SDK_POJO:
        open(xml, name);
        writeMembers(xml, (SdkPojo) value);
        close(xml, name);
        break;
      default:
        open(xml, name);
        AwsQueryCodec.escape(xml, scalarText(field, value));
        close(xml, name);
    }
  }

  private static String scalarText(SdkField<?> field, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case INSTANT:
        return ISO_MILLIS.format((Instant) value);
      case SDK_BYTES:
        return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
      default:
        return RestValues.text(field, MarshallLocation.PAYLOAD, value);
    }
  }

  private static void open(StringBuilder xml, String name) {
    xml.append('<').append(name).append('>');
  }

  private static void close(StringBuilder xml, String name) {
    xml.append("</").append(name).append('>');
  }
}
