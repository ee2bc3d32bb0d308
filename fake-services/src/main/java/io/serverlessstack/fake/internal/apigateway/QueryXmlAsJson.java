package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The JSON form in which query protocol services (SQS, SNS) answer a request that accepts {@code
 * application/json}, made from their XML answer: the root element becomes the one field of the
 * object ({@code {"SendMessageResponse": {"SendMessageResult": {"MessageId": "…"},
 * "ResponseMetadata": {"RequestId": "…"}}}}), an element with elements inside an object, an element
 * of text a string, an element repeated among its siblings an array. An error answer ({@code
 * <ErrorResponse>}) becomes {@code {"Error": {"Type", "Code", "Message"}, "RequestId"}}, the shape
 * these services' JSON errors have (the unwrapped root is our reading of AWS's answers, not
 * verified against a recorded one).
 */
final class QueryXmlAsJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private QueryXmlAsJson() {}

  /** The JSON form of {@code xml}, or {@code xml} unchanged when it does not parse. */
  static byte[] convert(byte[] xml) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(true);
      root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException notXml) {
      return xml;
    }
    JsonNode content = valueOf(root);
    if (root.getLocalName().equals("ErrorResponse") && content.isObject()) {
      return Json.write(content);
    }
    ObjectNode wrapped = NODES.objectNode();
    wrapped.set(root.getLocalName(), content);
    return Json.write(wrapped);
  }

  private static JsonNode valueOf(Element element) {
    ObjectNode fields = null;
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() != Node.ELEMENT_NODE) {
        continue;
      }
      fields = fields == null ? NODES.objectNode() : fields;
      String name = child.getLocalName() == null ? child.getNodeName() : child.getLocalName();
      JsonNode value = valueOf((Element) child);
      JsonNode earlier = fields.get(name);
      if (earlier == null) {
        fields.set(name, value);
      } else if (earlier.isArray()) {
        ((ArrayNode) earlier).add(value);
      } else {
        ArrayNode repeated = NODES.arrayNode();
        repeated.add(earlier);
        repeated.add(value);
        fields.set(name, repeated);
      }
    }
    return fields != null ? fields : NODES.textNode(element.getTextContent());
  }
}
