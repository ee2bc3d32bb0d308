package io.serverlessstack.fake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An awsQuery XML answer, read namespace-aware: every step of a path must be an element in SQS's
 * namespace, so {@code text("CreateQueueResponse/CreateQueueResult/QueueUrl")} also checks that.
 */
public final class QueryXml {

  public static final String SQS_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  private final Node node;
  private final XPath xpath;

  private QueryXml(Node node) {
    this.node = node;
    this.xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(new SqsNamespace());
  }

  public static QueryXml parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      return new QueryXml(document);
    } catch (Exception e) {
      throw new AssertionError("Not well-formed XML: " + xml, e);
    }
  }

  /** The text of the one element at {@code path}, or {@code null} if there is none. */
  public String text(String path) {
    List<QueryXml> found = all(path);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " elements at " + path);
    }
    return found.isEmpty() ? null : found.get(0).node.getTextContent();
  }

  public List<String> texts(String path) {
    return all(path).stream().map(element -> element.node.getTextContent()).toList();
  }

  public boolean has(String path) {
    return !all(path).isEmpty();
  }

  /** Every element at {@code path}, each to read further with relative paths. */
  public List<QueryXml> all(String path) {
    try {
      NodeList nodes = (NodeList) xpath.evaluate(qualified(path), node, XPathConstants.NODESET);
      List<QueryXml> found = new ArrayList<>(nodes.getLength());
      for (int i = 0; i < nodes.getLength(); i++) {
        found.add(new QueryXml(nodes.item(i)));
      }
      return found;
    } catch (XPathExpressionException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  /** The Value of the name/value entry at {@code path} whose Name is {@code name}. */
  public String valueNamed(String path, String name) {
    return all(path).stream()
        .filter(entry -> name.equals(entry.text("Name")))
        .map(entry -> entry.text("Value"))
        .findFirst()
        .orElse(null);
  }

  private static String qualified(String path) {
    String prefix = path.startsWith("/") ? "/" : "";
    return prefix
        + Arrays.stream(path.replaceFirst("^/", "").split("/"))
            .map(step -> "q:" + step)
            .collect(Collectors.joining("/"));
  }

  private static final class SqsNamespace implements NamespaceContext {
    @Override
    public String getNamespaceURI(String prefix) {
      return "q".equals(prefix) ? SQS_NAMESPACE : XMLConstants.NULL_NS_URI;
    }

    @Override
    public String getPrefix(String namespaceUri) {
      return SQS_NAMESPACE.equals(namespaceUri) ? "q" : null;
    }

    @Override
    public Iterator<String> getPrefixes(String namespaceUri) {
      return List.of("q").iterator();
    }
  }
}
